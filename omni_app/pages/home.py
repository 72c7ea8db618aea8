"""/: the clinic at a glance, live: quick actions, its counters, today's appointments, the
week's appointments at high no-show risk, the charts and, for a new clinic, the
getting-started checklist."""
from __future__ import annotations

import reflex as rx

from omni_app.components.live_refresh import on_value_change
from omni_app.state.home import COUNTERS, ChecklistStep, HomeState
from omni_app.state.inbox_live import InboxLive
from omni_app.views.dashboard_charts import charts
from omni_app.views.dashboard_today import quick_actions, today_card
from omni_app.views.home_risk import risk_card
from omni_app.views.shell import shell

T = HomeState.tr


def counter_card(key: str) -> rx.Component:
    card = rx.card(
        rx.vstack(rx.text(T[f"home.{key}"], size="2", color_scheme="gray"),
                  rx.heading(HomeState.counters.get(key, "—"), size="6", id=f"counter-{key}"),
                  spacing="1"),
        min_width="170px", flex="1",
    )
    return rx.cond(HomeState.revenue_shown, card) if key == "revenue_this_month" else card


def checklist_step(step: ChecklistStep) -> rx.Component:
    return rx.hstack(
        rx.cond(step.done,
                rx.icon("circle-check", color=rx.color("green", 10), size=20, flex_shrink="0"),
                rx.icon("circle", color=rx.color("gray", 9), size=20, flex_shrink="0")),
        rx.vstack(
            rx.text(T["home.start." + step.key], weight="medium",
                    text_decoration=rx.cond(step.done, "line-through", "none")),
            rx.text(T["home.start." + step.key + ".hint"], size="2", color_scheme="gray"),
            spacing="0", flex="1", min_width="0"),
        rx.cond(HomeState.is_admin & ~step.done & (step.href != ""),
                rx.link(rx.button(T["home.start." + step.key + ".go"], size="1",
                                  variant="soft"),
                        href=step.href, flex_shrink="0")),
        align="center", width="100%", spacing="3",
        id="start-" + step.key, data_done=rx.cond(step.done, "true", "false"),
    )


def checklist() -> rx.Component:
    return rx.cond(HomeState.checklist_shown, rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(rx.heading(T["home.start.title"], size="4"),
                          rx.text(HomeState.steps_done, size="2", color_scheme="gray",
                                  id="start-progress"),
                          spacing="0", flex="1", min_width="0"),
                rx.cond(HomeState.is_admin,
                        rx.button(T["home.start.dismiss"], variant="ghost", size="1",
                                  on_click=HomeState.dismiss_checklist,
                                  id="start-dismiss")),
                width="100%", align="start"),
            rx.foreach(HomeState.steps, checklist_step),
            spacing="3", width="100%"),
        width="100%", margin_bottom="12px", id="getting-started"))


def revenue_setting() -> rx.Component:
    return rx.cond(HomeState.is_admin, rx.vstack(
        rx.text(rx.hstack(
            rx.switch(checked=HomeState.staff_sees_revenue,
                      on_change=HomeState.set_staff_sees_revenue, id="staff-sees-revenue"),
            T["home.staff_sees_revenue"], spacing="2", align="center"),
            as_="label", size="2"),
        rx.cond(HomeState.settings_error != "",
                rx.text(HomeState.settings_error, color_scheme="red", size="2", role="alert")),
        margin_top="16px", spacing="1"))


def home_page() -> rx.Component:
    return shell(
        on_value_change(InboxLive.version, HomeState.sync_live),
        rx.heading(T["home.title"], size="6", margin_bottom="12px"),
        rx.cond(HomeState.notice != "",
                rx.callout(HomeState.notice, icon="lock", color_scheme="amber", role="status",
                           id="home-notice", margin_bottom="12px")),
        checklist(),
        quick_actions(),
        rx.flex(*[counter_card(key) for key in COUNTERS], wrap="wrap", gap="12px",
                margin_bottom="12px"),
        today_card(),
        risk_card(),
        charts(),
        revenue_setting(),
    )
