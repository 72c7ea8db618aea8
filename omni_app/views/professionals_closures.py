"""/settings/professionals: the clinic's closed days — the coming national holidays of its
country (read-only) and its own closures (added and removed here)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed
from omni_app.components.one_line import one_line
from omni_app.domain import holidays_calendar
from omni_app.state.professional_rows import DayOffRow
from omni_app.state.professionals import ProfessionalsState
from omni_app.views.professionals_extras import field

S = ProfessionalsState
T = S.tr


def holiday_item(row: rx.Var[DayOffRow]) -> rx.Component:
    return rx.hstack(rx.text(row.day, size="2", width="140px", flex_shrink="0"),
                     one_line(row.name, size="2", flex="1"), width="100%", spacing="2")


def closure_item(row: rx.Var[DayOffRow]) -> rx.Component:
    return rx.hstack(
        rx.text(row.day, size="2", width="140px", flex_shrink="0"),
        one_line(row.name, size="2", flex="1"),
        confirmed(
            rx.icon_button(rx.icon("trash-2", size=14), size="1", variant="ghost",
                           color_scheme="red", type="button", id="closure-remove-" + row.id,
                           aria_label=T["professionals.closures.remove"] + ": " + row.day,
                           title=T["professionals.closures.remove"]),
            confirm_content(T["professionals.closures.remove_title"],
                            rx.text(row.day, " · ", row.name, size="2"),
                            confirm=confirm_button(T["professionals.closures.remove"],
                                                   S.remove_closure(row.id),
                                                   "closure-remove-confirm-" + row.id),
                            cancel_label=T["professionals.cancel"],
                            id="closure-remove-dialog-" + row.id)),
        width="100%", spacing="2", align="center")


def closure_form() -> rx.Component:
    return rx.form(
        rx.flex(
            field(T["professionals.closures.date"],
                  rx.input(type="date", name="on_date", id="closure-date", required=True),
                  "closure-date"),
            field(T["professionals.closures.label"],
                  rx.input(name="label", id="closure-label", width="100%",
                           max_length=holidays_calendar.MAX_LABEL,
                           placeholder=T["professionals.closures.own_hint"]),
                  "closure-label", flex="1 1 200px"),
            rx.button(rx.icon("plus", size=14), T["professionals.closures.add"], type="submit",
                      size="2", id="closure-add"),
            gap="12px", wrap="wrap", align="end", width="100%"),
        on_submit=S.save_closure, reset_on_submit=True, width="100%")


def closures_section() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(T["professionals.closures.title"], as_="h2", size="4"),
        rx.cond(S.country != "",
                rx.text(T["professionals.closures.country"].replace("{country}", S.country),
                        size="2", color_scheme="gray", id="closures-country"),
                rx.text(T["professionals.closures.no_country"], size="2",
                        color_scheme="gray")),
        rx.flex(
            rx.vstack(
                rx.heading(T["professionals.closures.own"], as_="h3", size="3"),
                rx.cond(S.closures.length() > 0,
                        rx.vstack(rx.foreach(S.closures, closure_item), spacing="1",
                                  width="100%", id="closures"),
                        rx.text(T["professionals.closures.none"], size="2",
                                color_scheme="gray")),
                closure_form(),
                rx.cond(S.closure_error != "", rx.callout(
                    S.closure_error, color_scheme="red", size="1", role="alert",
                    width="100%", id="closure-error")),
                rx.cond(S.closure_message != "", rx.callout(
                    S.closure_message, color_scheme="green", size="1", role="status",
                    width="100%", id="closure-message")),
                spacing="2", flex="1 1 320px", min_width="0"),
            rx.cond(S.holidays.length() > 0, rx.vstack(
                rx.heading(T["professionals.closures.holidays"], as_="h3", size="3"),
                rx.vstack(rx.foreach(S.holidays, holiday_item), spacing="1", width="100%",
                          id="holidays"),
                spacing="2", flex="1 1 280px", min_width="0")),
            gap="24px", wrap="wrap", width="100%"),
        spacing="3", width="100%"), width="100%")
