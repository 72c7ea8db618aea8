"""/settings/quick-replies (admins): add, change and delete the clinic's canned answers."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed, subject
from omni_app.state.quick_replies import QuickRepliesState, QuickReplyRow
from omni_app.views.shell import shell

S = QuickRepliesState
T = S.tr


def reply_form(reply_id, shortcut, body, element_id: str) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="id", value=reply_id),
        rx.flex(
            rx.vstack(rx.text(T["quick_replies.shortcut"], size="2", weight="medium",
                              as_="label", custom_attrs={"htmlFor": f"{element_id}-shortcut"}),
                      rx.input(rx.input.slot("/"), name="shortcut", default_value=shortcut,
                               id=f"{element_id}-shortcut", max_length=40, required=True,
                               width="100%"),
                      spacing="1", width=["100%", "100%", "200px"]),
            rx.vstack(rx.text(T["quick_replies.body"], size="2", weight="medium",
                              as_="label", custom_attrs={"htmlFor": f"{element_id}-body"}),
                      rx.text_area(name="body", default_value=body, id=f"{element_id}-body",
                                   rows="3", required=True,
                                   width="100%"),
                      spacing="1", flex="1", width="100%"),
            gap="12px", direction=rx.breakpoints(initial="column", md="row"), width="100%"),
        rx.text(T["quick_replies.variables"], size="1", color_scheme="gray", margin_top="4px"),
        rx.hstack(rx.button(T["quick_replies.save"], type="submit", id=f"{element_id}-save"),
                  rx.cond(reply_id != "",
                          rx.button(T["quick_replies.cancel"], type="button", variant="soft",
                                    color_scheme="gray", on_click=S.stop_editing,
                                    id=f"{element_id}-cancel")),
                  margin_top="8px", spacing="2"),
        # Not reset on submit: a refused save keeps what was typed; a new key after a saved one
        # starts the form afresh.
        on_submit=S.save, key=S.saved_count, width="100%",
    )


def reply_row(reply: rx.Var[QuickReplyRow]) -> rx.Component:
    delete = confirmed(
        rx.button(rx.icon("trash-2", size=14), T["quick_replies.delete"], size="1",
                  variant="soft", color_scheme="red", id="delete-" + reply.shortcut),
        confirm_content(T["quick_replies.delete_title"], subject("/" + reply.shortcut, reply.body),
                        confirm=confirm_button(T["quick_replies.delete"], S.delete(reply.id),
                                               id="confirm-delete-" + reply.shortcut),
                        cancel_label=T["quick_replies.cancel"], id="delete-dialog-" + reply.shortcut))
    return rx.box(
        rx.cond(
            S.editing_id == reply.id,
            reply_form(reply.id, reply.shortcut, reply.body, "edit"),
            rx.flex(
                rx.vstack(rx.code("/" + reply.shortcut, id="reply-" + reply.shortcut),
                          rx.text(reply.body, size="2", white_space="pre-wrap",
                                  word_break="break-word"),
                          spacing="1", flex="1", min_width="0"),
                rx.hstack(rx.button(rx.icon("pencil", size=14), T["quick_replies.edit"], size="1",
                                    variant="soft", on_click=S.edit(reply.id),
                                    id="edit-" + reply.shortcut),
                          delete, spacing="2", flex_shrink="0"),
                gap="12px", wrap="wrap", width="100%", align="start")),
        padding="10px 0", border_bottom=f"1px solid {rx.color('gray', 4)}", width="100%",
    )


def quick_replies_page() -> rx.Component:
    return shell(
        rx.heading(T["quick_replies.title"], size="6", margin_bottom="4px"),
        rx.text(T["quick_replies.intro"], size="2", color_scheme="gray", margin_bottom="12px"),
        rx.card(
            rx.heading(T["quick_replies.new"], size="3", margin_bottom="8px"),
            reply_form("", "", "", "new"),
            rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                                id="quick-replies-message", margin_top="8px")),
            rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                              id="quick-replies-error", margin_top="8px")),
            width="100%"),
        rx.cond(S.replies.length() > 0,
                rx.vstack(rx.foreach(S.replies, reply_row), spacing="0", width="100%",
                          id="quick-replies", margin_top="12px"),
                rx.text(T["quick_replies.empty"], size="2", color_scheme="gray",
                        margin_top="12px", id="quick-replies-empty")),
    )
