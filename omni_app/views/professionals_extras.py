"""/settings/professionals: the picked member's exceptions and calendar feed."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed
from omni_app.components.one_line import one_line
from omni_app.domain import professionals
from omni_app.state.professional_rows import ExceptionRow
from omni_app.state.professionals import ProfessionalsState

S = ProfessionalsState
T = S.tr


def field(label, control: rx.Component, html_for: str, **props) -> rx.Component:
    return rx.vstack(rx.el.label(label, html_for=html_for, style={"font_size": "13px"}),
                     control, spacing="1", min_width="0", **props)


def exception_item(row: rx.Var[ExceptionRow]) -> rx.Component:
    return rx.hstack(
        rx.badge(row.kind_label, color_scheme=rx.cond(row.kind == "time_off", "orange",
                                                      "green"), flex_shrink="0"),
        rx.vstack(rx.text(row.dates, " · ", row.hours, size="2"),
                  rx.cond(row.note != "", one_line(row.note, size="1", color_scheme="gray")),
                  spacing="0", flex="1", min_width="0"),
        confirmed(
            rx.icon_button(rx.icon("trash-2", size=14), size="1", variant="ghost",
                           color_scheme="red", type="button", id="exception-remove-" + row.id,
                           aria_label=T["professionals.exceptions.remove"] + ": " + row.dates,
                           title=T["professionals.exceptions.remove"]),
            confirm_content(T["professionals.exceptions.remove_title"],
                            rx.text(row.kind_label, " · ", row.dates, " · ", row.hours,
                                    size="2"),
                            confirm=confirm_button(T["professionals.exceptions.remove"],
                                                   S.remove_exception(row.id),
                                                   "exception-remove-confirm-" + row.id),
                            cancel_label=T["professionals.cancel"],
                            id="exception-remove-dialog-" + row.id)),
        align="center", width="100%", spacing="2")


def exception_form() -> rx.Component:
    return rx.form(
        rx.flex(
            field(T["professionals.exceptions.kind"], rx.select.root(
                rx.select.trigger(id="exception-kind",
                                  aria_label=T["professionals.exceptions.kind"]),
                rx.select.content(*[rx.select.item(
                    T[f"professionals.exceptions.kind.{kind}"], value=kind)
                    for kind in professionals.KINDS]),
                name="kind", default_value="time_off"), "exception-kind"),
            field(T["professionals.exceptions.starts_on"],
                  rx.input(type="date", name="starts_on", id="exception-starts",
                           required=True), "exception-starts"),
            field(T["professionals.exceptions.ends_on"],
                  rx.input(type="date", name="ends_on", id="exception-ends"), "exception-ends"),
            field(T["professionals.exceptions.start_time"],
                  rx.input(type="time", name="start_time", id="exception-start-time"),
                  "exception-start-time"),
            field(T["professionals.exceptions.end_time"],
                  rx.input(type="time", name="end_time", id="exception-end-time"),
                  "exception-end-time"),
            field(T["professionals.exceptions.note"],
                  rx.input(name="note", id="exception-note", max_length=professionals.MAX_NOTE,
                           width="100%"), "exception-note", flex="1 1 200px"),
            gap="12px", wrap="wrap", align="end", width="100%"),
        rx.button(rx.icon("plus", size=14), T["professionals.exceptions.add"], type="submit",
                  size="2", margin_top="12px", id="exception-add"),
        on_submit=S.add_exception, reset_on_submit=False, width="100%", key=S.form_key)


def exceptions_card() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(T["professionals.exceptions.title"], as_="h3", size="3"),
        rx.text(T["professionals.exceptions.intro"], size="1", color_scheme="gray"),
        rx.cond(S.exceptions.length() > 0,
                rx.vstack(rx.foreach(S.exceptions, exception_item), spacing="2", width="100%",
                          id="exceptions"),
                rx.text(T["professionals.exceptions.none"], size="2", color_scheme="gray")),
        exception_form(),
        rx.cond(S.exception_error != "", rx.callout(S.exception_error, color_scheme="red",
                                                    size="1", role="alert", width="100%",
                                                    id="exception-error")),
        rx.cond(S.exception_message != "", rx.callout(S.exception_message, size="1",
                                                      color_scheme="green", role="status",
                                                      width="100%", id="exception-message")),
        spacing="3", width="100%"), width="100%")


def feed_card() -> rx.Component:
    rotate = confirmed(
        rx.button(T["professionals.feed.rotate"], variant="soft", size="2", type="button",
                  id="feed-rotate"),
        confirm_content(T["professionals.feed.rotate_title"],
                        rx.text(T["professionals.feed.rotate_text"], size="2"),
                        confirm=confirm_button(T["professionals.feed.rotate"], S.rotate_feed,
                                               "feed-rotate-confirm"),
                        cancel_label=T["professionals.cancel"], id="feed-rotate-dialog"))
    revoke = confirmed(
        rx.button(T["professionals.feed.revoke"], variant="soft", color_scheme="red", size="2",
                  type="button", id="feed-revoke"),
        confirm_content(T["professionals.feed.revoke_title"],
                        rx.text(T["professionals.feed.revoke_text"], size="2"),
                        confirm=confirm_button(T["professionals.feed.revoke"], S.revoke_feed,
                                               "feed-revoke-confirm"),
                        cancel_label=T["professionals.cancel"], id="feed-revoke-dialog"))
    return rx.card(rx.vstack(
        rx.heading(T["professionals.feed.title"], as_="h3", size="3"),
        rx.text(T["professionals.feed.intro"], size="1", color_scheme="gray"),
        rx.cond(S.saved_professional,
                rx.cond(S.has_feed,
                        rx.vstack(rx.text(S.feed_since_text, size="2", id="feed-since"),
                                  rx.flex(rotate, revoke, gap="8px", wrap="wrap"),
                                  spacing="2"),
                        rx.vstack(rx.text(T["professionals.feed.none"], size="2"),
                                  rx.button(T["professionals.feed.create"], size="2",
                                            on_click=S.rotate_feed, id="feed-create"),
                                  spacing="2")),
                rx.text(T["professionals.feed.needs_professional"], size="2",
                        color_scheme="gray")),
        rx.cond(S.feed_url != "", rx.vstack(
            rx.text(T["professionals.feed.once"], size="2", weight="medium",
                    color=rx.color("amber", 11)),
            rx.input(value=S.feed_url, read_only=True, width="100%", id="feed-url",
                     aria_label=T["professionals.feed.url"]),
            spacing="2", width="100%", padding="12px", border_radius="8px", role="status",
            background=rx.color("amber", 3), border=f"1px solid {rx.color('amber', 6)}")),
        rx.cond(S.feed_error != "", rx.callout(S.feed_error, color_scheme="red", size="1",
                                               role="alert", width="100%", id="feed-error")),
        spacing="3", width="100%"), width="100%")
