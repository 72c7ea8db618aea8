"""The home page's list of today's appointments (time on the clinic's clock, client linked to
the profile, professional, service, status; confirm or mark a no-show in one click) and its
quick actions."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.state.dashboard_rows import LIMIT, TodayRow
from omni_app.state.home import HomeState

S = HomeState
T = S.tr


def today_item(row: rx.Var[TodayRow]) -> rx.Component:
    return rx.flex(
        rx.text(row.time, weight="bold", size="3", flex_shrink="0", min_width="52px",
                class_name="tabular-nums"),
        rx.vstack(
            rx.link(one_line(row.client_name, weight="medium"), href=row.client_href,
                    max_width="100%", id="today-client-" + row.id),
            rx.flex(
                rx.box(width="8px", height="8px", border_radius="50%", flex_shrink="0",
                       background=rx.color(row.service_color.to(str), 9)),
                one_line(row.service, size="2", color_scheme="gray"),
                rx.text("·", size="2", color_scheme="gray", flex_shrink="0"),
                one_line(row.professional, size="2", color_scheme="gray"),
                gap="6px", align="center", min_width="0", max_width="100%"),
            spacing="0", flex="1 1 180px", min_width="0"),
        rx.flex(
            rx.badge(row.status_label, color_scheme=row.status_color.to(str), size="2",
                     id="today-status-" + row.id, data_status=row.status),
            rx.cond(row.can_confirm,
                    rx.button(rx.icon("check", size=14), T["dashboard.today.confirm"], size="1",
                              variant="soft", color_scheme="green",
                              aria_label=row.confirm_label,
                              on_click=S.set_status(row.id, "confirmed"),
                              id="today-confirm-" + row.id)),
            rx.cond(row.can_no_show,
                    rx.button(rx.icon("user-x", size=14), T["dashboard.today.no_show"],
                              size="1", variant="soft", color_scheme="orange",
                              aria_label=row.no_show_label,
                              on_click=S.set_status(row.id, "no_show"),
                              id="today-no-show-" + row.id)),
            gap="6px", align="center", wrap="wrap", flex_shrink="0"),
        gap="8px 12px", align="center", wrap="wrap", width="100%", padding_y="8px",
        border_top=f"1px solid {rx.color('gray', 4)}", id="today-" + row.id,
    )


def today_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["dashboard.today.title"], size="4", as_="h2"),
            rx.cond(S.today_error != "",
                    rx.callout(S.today_error, icon="triangle-alert", color_scheme="red",
                               role="alert", width="100%", id="today-error")),
            rx.text(S.today_message, size="2", color_scheme="green", role="status",
                    id="today-message"),
            rx.cond(S.today.length() > 0,
                    rx.vstack(rx.foreach(S.today, today_item), spacing="0", width="100%"),
                    rx.text(T["dashboard.today.empty"], size="2", color_scheme="gray",
                            id="today-empty")),
            rx.cond(S.today_full,
                    rx.text(T["dashboard.today.more"].replace("{count}", str(LIMIT)), size="1",
                            color_scheme="gray")),
            spacing="2", width="100%", min_width="0"),
        width="100%", min_width="0", id="today-appointments")


def quick_actions() -> rx.Component:
    def action(key: str, icon: str, href: str, element_id: str) -> rx.Component:
        return rx.link(rx.button(rx.icon(icon, size=16), T[key], variant="surface", size="2"),
                       href=href, id=element_id)
    return rx.flex(
        action("dashboard.actions.new_client", "user-plus", f"{paths.CLIENTS}?new=1",
               "quick-new-client"),
        action("dashboard.actions.new_appointment", "calendar-plus", paths.AGENDA,
               "quick-new-appointment"),
        action("dashboard.actions.inbox", "inbox", paths.INBOX, "quick-inbox"),
        gap="8px", wrap="wrap", role="group", aria_label=T["dashboard.actions.title"],
        margin_bottom="12px", id="quick-actions")
