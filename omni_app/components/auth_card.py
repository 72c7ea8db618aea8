"""The narrow card the signed-out pages share (sign-in, forgot, set-password, sign-up), and
their labelled fields. Inputs are uncontrolled: what is typed never crosses the websocket."""
from __future__ import annotations

import reflex as rx

from omni_app.state.app_state import AppState

T = AppState.tr


def auth_card(*children: rx.Component) -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                rx.heading("Omni", size="7", color=rx.color("accent", 10)),
                rx.text(T["app.tagline"], color_scheme="gray"),
                *children,
                spacing="2", width="100%"),
            width="100%", max_width="400px"),
        min_height="100vh", padding="16px")


def labelled_input(label_key: str, field_id: str, **props) -> rx.Component:
    return rx.fragment(
        rx.text(T[label_key], as_="label", custom_attrs={"htmlFor": field_id}, size="2"),
        rx.input(id=field_id, width="100%", **props))


def message(text: rx.Var, color: str, element_id: str, icon: str) -> rx.Component:
    """A callout shown when `text` is not empty (errors are alerts, the rest status)."""
    return rx.cond(text != "", rx.callout(
        text, icon=icon, color_scheme=color, id=element_id, width="100%",
        role="alert" if color == "red" else "status"))
