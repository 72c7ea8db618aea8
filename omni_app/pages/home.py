"""/: the clinic at a glance."""
from __future__ import annotations

import reflex as rx

from omni_app.state.home import COUNTERS, HomeState
from omni_app.views.shell import shell

T = HomeState.tr


def counter_card(key: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.text(T[f"home.{key}"], size="2", color_scheme="gray"),
                  rx.heading(HomeState.counters.get(key, "—"), size="6", id=f"counter-{key}"),
                  spacing="1"),
        min_width="170px", flex="1",
    )


def home_page() -> rx.Component:
    return shell(
        rx.heading(T["home.title"], size="6", margin_bottom="12px"),
        rx.cond(HomeState.notice != "",
                rx.callout(HomeState.notice, icon="lock", color_scheme="amber", role="status",
                           id="home-notice", margin_bottom="12px")),
        rx.flex(*[counter_card(key) for key in COUNTERS], wrap="wrap", gap="12px"),
    )
