"""/clients/duplicates (every member): suggested duplicate clients, and merging them."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.state.duplicates import DuplicatesState
from omni_app.views.duplicate_pairs import duplicate_pairs
from omni_app.views.shell import shell

T = DuplicatesState.tr


def duplicates_page() -> rx.Component:
    return shell(
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), T["merge.back"], align="center",
                          spacing="1"),
                href=paths.CLIENTS, size="2", id="duplicates-back"),
        rx.heading(T["merge.title"], size="6", margin_y="4px"),
        rx.text(T["merge.intro"], size="2", color_scheme="gray", margin_bottom="12px"),
        duplicate_pairs(),
    )
