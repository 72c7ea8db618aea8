"""Home's list of the next 7 days' appointments at high no-show risk: when, who (linked to the
profile), with whom and for what, why the risk is high, the confirmation already sent, and
"Send confirmation" (with the answer next to the row); the dialog to choose a template when
the clinic has several."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.state.home_risk import HomeRiskState, TemplateChoice
from omni_app.state.risk_rows import RiskRow

S = HomeRiskState
T = S.tr


def answer(row: rx.Var[RiskRow]) -> rx.Component:
    """What the last click on this row did."""
    return rx.cond(S.risk_for == row.id, rx.fragment(
        rx.cond(S.risk_error != "", rx.flex(
            rx.text(S.risk_error, size="2", color_scheme="red", id="risk-error-" + row.id),
            rx.cond(S.risk_no_template, rx.cond(
                S.is_admin,
                rx.link(T["risk.home.templates_link"], href=paths.MESSAGE_TEMPLATES, size="2",
                        id="risk-templates-link"),
                rx.text(T["risk.home.templates_staff"], size="2", color_scheme="gray"))),
            gap="4px 8px", wrap="wrap", width="100%", role="alert")),
        rx.cond(S.risk_message != "", rx.text(S.risk_message, size="2", color_scheme="green",
                                              role="status", id="risk-message-" + row.id,
                                              width="100%"))))


def risk_item(row: rx.Var[RiskRow]) -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(row.day, size="1", color_scheme="gray", white_space="nowrap"),
            rx.text(row.time, weight="bold", size="3", class_name="tabular-nums"),
            spacing="0", flex_shrink="0", min_width="84px"),
        rx.vstack(
            rx.link(one_line(row.client_name, weight="medium"), href=row.client_href,
                    max_width="100%", id="risk-client-" + row.id),
            rx.flex(
                one_line(row.service, size="2", color_scheme="gray"),
                rx.cond((row.service != "") & (row.professional != ""),
                        rx.text("·", size="2", color_scheme="gray", flex_shrink="0")),
                one_line(row.professional, size="2", color_scheme="gray"),
                gap="6px", align="center", min_width="0", max_width="100%"),
            rx.flex(
                rx.icon("triangle-alert", size=14, color=rx.color("red", 11), flex_shrink="0",
                        aria_hidden="true"),
                rx.text(T["risk.home.reasons"] + ": " + row.reasons, size="2",
                        color=rx.color("red", 11), overflow_wrap="anywhere", min_width="0"),
                gap="6px", align="start", id="risk-reasons-" + row.id),
            spacing="1", flex="1 1 220px", min_width="0"),
        rx.vstack(
            rx.flex(
                rx.badge(row.status_label, size="2", data_status=row.status,
                         color_scheme=rx.cond(row.status == "confirmed", "green", "blue")),
                rx.button(
                    rx.icon("send", size=14),
                    rx.cond(row.sent != "", T["risk.home.resend"], T["risk.home.send"]),
                    size="1", variant=rx.cond(row.sent != "", "soft", "solid"),
                    aria_label=row.send_label, on_click=S.send_confirmation(row.id),
                    id="risk-send-" + row.id),
                gap="6px", align="center", wrap="wrap"),
            rx.cond(row.sent != "", rx.text(
                row.sent, size="1", id="risk-sent-" + row.id,
                color_scheme=rx.cond(row.sent_failed, "red", "green"))),
            spacing="1", align="end", flex_shrink="0", class_name="risk-actions"),
        answer(row),
        gap="8px 12px", align="start", wrap="wrap", width="100%", padding_y="8px",
        border_top=f"1px solid {rx.color('gray', 4)}", id="risk-" + row.id)


def template_option(each: rx.Var[TemplateChoice]) -> rx.Component:
    return rx.el.label(
        rx.flex(
            rx.radio_group.item(value=each.id, id="risk-choice-" + each.id, flex_shrink="0",
                                margin_top="3px"),
            rx.vstack(
                rx.text(each.label, size="2", weight="medium", overflow_wrap="anywhere"),
                rx.text(each.preview, size="2", color_scheme="gray", white_space="pre-wrap",
                        overflow_wrap="anywhere"),
                spacing="1", min_width="0"),
            gap="8px", align="start", width="100%"),
        width="100%", cursor="pointer")


def choose_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.dialog.title(T["risk.choose.title"], margin="0"),
                rx.dialog.description(T["risk.choose.hint"].replace("{name}", S.choosing_name),
                                      size="2", color_scheme="gray"),
                rx.radio_group.root(
                    rx.vstack(rx.foreach(S.choices, template_option), spacing="3",
                              width="100%"),
                    value=S.chosen, on_change=S.choose, id="risk-choices", width="100%",
                    aria_label=T["risk.choose.title"]),
                rx.flex(
                    rx.dialog.close(rx.button(T["risk.choose.cancel"], variant="soft",
                                              color_scheme="gray", id="risk-choose-cancel")),
                    rx.button(rx.icon("send", size=14), T["risk.choose.send"],
                              on_click=S.send_chosen, id="risk-choose-send"),
                    gap="12px", justify="end", wrap="wrap", width="100%"),
                spacing="3", width="100%", min_width="0"),
            max_width="min(520px, calc(100vw - 24px))", id="risk-choose-dialog"),
        open=S.choosing, on_open_change=S.set_choosing)


def risk_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.icon("triangle-alert", size=18, color=rx.color("red", 10), flex_shrink="0",
                        aria_hidden="true"),
                rx.heading(T["risk.home.title"], size="4", as_="h2"),
                gap="8px", align="center"),
            rx.text(T["risk.home.hint"], size="2", color_scheme="gray"),
            rx.cond(S.risky.length() > 0,
                    rx.vstack(rx.foreach(S.risky, risk_item), spacing="0", width="100%",
                              id="risk-list"),
                    rx.text(T["risk.home.empty"], size="2", color_scheme="gray",
                            id="risk-empty")),
            choose_dialog(),
            spacing="2", width="100%", min_width="0"),
        width="100%", min_width="0", margin_top="12px", id="risk-appointments")
