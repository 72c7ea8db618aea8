"""The 404 page: says the address names no page and leads home; inside the shell when signed in
(so the navigation is there), alone otherwise."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.state.not_found import NotFoundState
from omni_app.views.shell import shell

T = NotFoundState.tr


def message() -> rx.Component:
    return rx.vstack(
        rx.heading(T["not_found.title"], size="6", id="not-found-title"),
        rx.text(T["not_found.text"], color_scheme="gray"),
        rx.code(NotFoundState.missing_path, id="not-found-path", word_break="break-all"),
        rx.link(rx.button(rx.icon("house", size=16), T["not_found.home"]), href=paths.HOME,
                id="not-found-home"),
        spacing="3", padding_y="24px", max_width="560px", min_width="0",
    )


def not_found_page() -> rx.Component:
    return rx.cond(NotFoundState.company_id != "", shell(message()),
                   rx.center(message(), padding="16px", width="100%"))
