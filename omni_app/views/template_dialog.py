"""The profile's template dialog: WhatsApp's window is closed, so the clinic's approved
templates are offered, each `{{n}}` gets an input, and the text is shown as the client will get
it. With no approved template: who can add one, and where (the link for admins)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.state.session import SessionState
from omni_app.state.template_send import TemplateSendState, VariableSlot

S = TemplateSendState
T = S.tr


def variable_input(slot: rx.Var[VariableSlot]) -> rx.Component:
    element_id = "template-variable-" + slot.number.to_string()
    return rx.vstack(
        rx.text(slot.label, size="2",
                weight="medium", as_="label", custom_attrs={"htmlFor": element_id}),
        rx.input(value=slot.value, on_change=lambda value: S.set_value(slot.number, value),
                 id=element_id, max_length=1024, width="100%"),
        spacing="1", width="100%")


def template_choice() -> rx.Component:
    return rx.vstack(
        rx.text(T["template_send.template"], size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(id="template-choice", aria_label=T["template_send.template"],
                              width="100%"),
            rx.select.content(rx.foreach(S.offered, lambda template: rx.select.item(
                template.label, value=template.id))),
            value=S.chosen_id, on_change=S.choose, size="2"),
        spacing="1", width="100%")


def rendered() -> rx.Component:
    return rx.box(
        rx.text(T["template_send.preview"], size="1", weight="medium", color_scheme="gray"),
        rx.text(S.rendered, size="2", white_space="pre-wrap", word_break="break-word",
                id="template-rendered"),
        padding="8px 10px", border_radius="8px", background=rx.color("grass", 3), width="100%")


def offer() -> rx.Component:
    return rx.vstack(
        template_choice(),
        rx.foreach(S.slots, variable_input),
        rendered(),
        rx.cond(S.dialog_error != "", rx.callout(S.dialog_error, color_scheme="red", size="1",
                                                 role="alert", id="template-send-error",
                                                 width="100%")),
        rx.flex(rx.dialog.close(rx.button(T["template_send.cancel"], variant="soft",
                                          color_scheme="gray", id="template-send-cancel")),
                rx.button(rx.icon("send", size=16), T["template_send.send"], on_click=S.send,
                          id="template-send"),
                gap="12px", justify="end", wrap="wrap", width="100%"),
        spacing="3", width="100%")


def none_approved() -> rx.Component:
    return rx.vstack(
        rx.callout(T["template_send.none"], color_scheme="amber", size="1",
                   id="template-send-none", width="100%"),
        rx.flex(rx.cond(SessionState.is_admin,
                        rx.link(T["template_send.none_link"], href=paths.MESSAGE_TEMPLATES,
                                id="template-send-admin-link", size="2")),
                rx.dialog.close(rx.button(T["template_send.cancel"], variant="soft",
                                          color_scheme="gray")),
                gap="12px", justify="end", align="center", wrap="wrap", width="100%"),
        spacing="3", width="100%")


def template_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T["template_send.title"]),
            rx.dialog.description(T["template_send.why"], size="2", color_scheme="gray",
                                  margin_bottom="12px"),
            rx.cond(S.offered.length() > 0, offer(), none_approved()),
            max_width="min(520px, calc(100vw - 32px))", id="template-dialog"),
        open=S.dialog_open, on_open_change=S.set_dialog_open)
