"""A destructive action asked twice: an alert dialog that names what will happen; its first
button (focused, and what Esc does) leaves everything as it was."""
from __future__ import annotations

import reflex as rx


def confirm_content(title, *body: rx.Component, confirm: rx.Component, cancel_label,
                    id: str) -> rx.Component:
    """The dialog's content; `confirm` is the control that does it (confirm_button, or a
    form's submit button)."""
    return rx.alert_dialog.content(
        rx.alert_dialog.title(title),
        *body,
        rx.flex(rx.alert_dialog.cancel(rx.button(cancel_label, variant="soft", color_scheme="gray",
                                                 id=f"{id}-cancel")),
                confirm,
                gap="12px", justify="end", wrap="wrap", margin_top="16px"),
        max_width="min(440px, calc(100vw - 32px))", id=id)


def confirm_button(label, on_click, id: str) -> rx.Component:
    """The red button that does it, and closes the dialog."""
    return rx.alert_dialog.action(rx.button(label, color_scheme="red", on_click=on_click, id=id))


def confirmed(trigger: rx.Component, content: rx.Component) -> rx.Component:
    """`trigger` opens the dialog instead of acting."""
    return rx.alert_dialog.root(rx.alert_dialog.trigger(trigger), content)


def subject(name, detail=None) -> rx.Component:
    """Who or what the action is about, in full (a long name wraps inside the dialog)."""
    lines = [rx.text(name, weight="bold", overflow_wrap="anywhere")]
    if detail is not None:
        lines.append(rx.text(detail, size="2", color_scheme="gray", overflow_wrap="anywhere"))
    return rx.vstack(*lines, spacing="1", margin_bottom="8px", width="100%")
