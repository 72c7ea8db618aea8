"""/settings/templates (admins): add, change, approve and delete the clinic's WhatsApp message
templates, with a live preview of the text."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed, subject
from omni_app.components.one_line import one_line
from omni_app.domain.message_templates import STATUSES
from omni_app.state.message_templates import MessageTemplatesState, TemplateRow
from omni_app.views.shell import shell

S = MessageTemplatesState
T = S.tr
STATUS_COLORS = {"approved": "green", "pending": "amber", "rejected": "red"}


def status_select(value, on_change=None, element_id: str = "", trigger: dict | None = None,
                  **props) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T["templates.status"], **(trigger or {})),
        rx.select.content(*[rx.select.item(T[f"templates.status.{status}"], value=status)
                            for status in STATUSES]),
        size="2", **({"value": value, "on_change": on_change} if on_change is not None
                     else {"default_value": value}), **props)


def labelled(label_key: str, control: rx.Component, for_id: str, **props) -> rx.Component:
    return rx.vstack(rx.text(T[label_key], size="2", weight="medium", as_="label",
                             custom_attrs={"htmlFor": for_id}),
                     control, spacing="1", **props)


def template_form() -> rx.Component:
    row = S.editing
    return rx.form(
        rx.el.input(type="hidden", name="id", value=S.editing_id),
        rx.flex(
            labelled("templates.name",
                     rx.input(name="name", default_value=row.name, id="template-name",
                              max_length=512, required=True, width="100%",
                              placeholder=T["templates.name_hint"]),
                     "template-name", flex="2 1 220px", min_width="0"),
            labelled("templates.language",
                     rx.input(name="language", default_value=row.language,
                              id="template-language", max_length=12, required=True,
                              width="100%", placeholder=T["templates.language_hint"]),
                     "template-language", flex="1 1 110px", min_width="0"),
            labelled("templates.status",
                     status_select(row.status, name="status", element_id="template-status"),
                     "template-status", flex="0 0 auto"),
            gap="12px", wrap="wrap", width="100%"),
        labelled("templates.body",
                 rx.text_area(name="body", default_value=row.body, id="template-body", rows="4",
                              required=True, width="100%", on_change=S.set_draft_body),
                 "template-body", width="100%", margin_top="8px"),
        rx.text(T["templates.body_hint"], size="1", color_scheme="gray", margin_top="4px"),
        preview(),
        rx.hstack(rx.button(T["templates.save"], type="submit", id="template-save"),
                  rx.cond(S.editing_id != "",
                          rx.button(T["templates.cancel"], type="button", variant="soft",
                                    color_scheme="gray", on_click=S.stop_editing,
                                    id="template-cancel")),
                  margin_top="8px", spacing="2"),
        # Not reset on submit: a refused save keeps what was typed; a new key (another template,
        # or a save) starts the form afresh.
        on_submit=S.save, key=S.form_key, width="100%",
    )


def preview() -> rx.Component:
    return rx.box(
        rx.hstack(rx.text(T["templates.preview"], size="1", weight="medium"),
                  rx.text(S.preview_note, size="1", color_scheme="gray",
                          id="template-preview-note"),
                  spacing="2", align="center", wrap="wrap"),
        rx.cond(S.draft_body.strip() != "",
                rx.text(S.preview_text, size="2", white_space="pre-wrap", word_break="break-word",
                        id="template-preview"),
                rx.text(T["templates.preview_empty"], size="2", color_scheme="gray")),
        margin_top="8px", padding="8px 10px", border_radius="8px", width="100%",
        background=rx.color("grass", 3), id="template-preview-box")


def template_row(template: rx.Var[TemplateRow]) -> rx.Component:
    key = template.name + "-" + template.language
    delete = confirmed(
        rx.button(rx.icon("trash-2", size=14), T["templates.delete"], size="1", variant="soft",
                  color_scheme="red", id="delete-" + key),
        confirm_content(T["templates.delete_title"],
                        subject(template.name + " (" + template.language + ")", template.body),
                        confirm=confirm_button(T["templates.delete"], S.delete(template.id),
                                               id="confirm-delete-" + key),
                        cancel_label=T["templates.cancel"], id="delete-dialog-" + key))
    return rx.box(
        rx.flex(
            rx.vstack(
                rx.flex(rx.code(one_line(template.name, id="template-" + key), max_width="100%",
                                min_width="0"),
                        rx.badge(template.language, variant="soft", color_scheme="gray"),
                        gap="6px", align="center", min_width="0", max_width="100%"),
                rx.text(template.body, size="2", white_space="pre-wrap", word_break="break-word"),
                spacing="1", flex="1 1 260px", min_width="0"),
            rx.hstack(
                status_select(template.status, lambda value: S.set_status(template.id, value),
                              "status-" + key, trigger=dict(variant="soft", color_scheme=rx.match(
                                  template.status, *STATUS_COLORS.items(), "gray"))),
                rx.button(rx.icon("pencil", size=14), T["templates.edit"], size="1",
                          variant="soft", on_click=S.edit(template.id), id="edit-" + key),
                delete, spacing="2", flex_shrink="0", align="center", wrap="wrap"),
            gap="12px", wrap="wrap", width="100%", align="start"),
        padding="10px 0", border_bottom=f"1px solid {rx.color('gray', 4)}", width="100%",
    )


def message_templates_page() -> rx.Component:
    return shell(
        rx.heading(T["templates.title"], size="6", margin_bottom="4px"),
        rx.text(T["templates.intro"], size="2", color_scheme="gray", margin_bottom="12px"),
        rx.card(
            rx.heading(rx.cond(S.editing_id != "", T["templates.editing"], T["templates.new"]),
                       size="3", margin_bottom="8px", id="template-form-title"),
            template_form(),
            rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                                id="templates-message", margin_top="8px")),
            rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                              id="templates-error", margin_top="8px")),
            width="100%"),
        rx.cond(S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, template_row), spacing="0", width="100%",
                          id="templates", margin_top="12px"),
                rx.text(T["templates.empty"], size="2", color_scheme="gray",
                        margin_top="12px", id="templates-empty")),
    )
