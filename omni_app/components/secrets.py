"""Showing a secret the server will not show again: a monospace block with a copy button, in an
amber callout that says so, until the user hides it."""
from __future__ import annotations

import reflex as rx


def copyable(text, element_id: str, copy_label) -> rx.Component:
    """A monospace block with a copy button (`copy_label` names it for screen readers)."""
    return rx.box(
        rx.el.pre(rx.el.code(text), id=element_id, white_space="pre-wrap",
                  overflow_wrap="anywhere", margin="0", font_size="12px"),
        rx.icon_button(rx.icon("copy", size=14), size="1", variant="ghost",
                       on_click=rx.set_clipboard(text), position="absolute", top="6px",
                       right="6px", aria_label=copy_label, title=copy_label, type="button",
                       id=f"{element_id}-copy"),
        position="relative", padding="10px 36px 10px 10px", border_radius="6px",
        background=rx.color("gray", 3), width="100%",
    )


def shown_once(note, secret, element_id: str, hide_label, on_hide, copy_label) -> rx.Component:
    """Stays until `on_hide` (the user says they copied it), whatever else the page saves."""
    return rx.callout.root(
        rx.callout.text(note),
        copyable(secret, element_id, copy_label),
        rx.button(hide_label, size="1", variant="soft", on_click=on_hide, type="button",
                  id=f"{element_id}-hide"),
        color_scheme="amber", width="100%", id=f"{element_id}-callout")
