"""A client's no-show risk as a small badge (amber for medium, red for high; nothing for low or
unknown, so calm cards stay calm). Sighted users read "Risco alto" and get the reasons on
hover; screen readers hear the whole label ("Risco de falta: alto — 2 faltas anteriores")."""
from __future__ import annotations

import reflex as rx

# Read by screen readers, never seen.
SCREEN_READER_ONLY = {"position": "absolute", "width": "1px", "height": "1px", "padding": "0",
                      "margin": "-1px", "overflow": "hidden", "clip": "rect(0, 0, 0, 0)",
                      "white_space": "nowrap", "border": "0"}


def risk_badge(level, text, label, color, element_id, size: str = "1") -> rx.Component:
    """`level` "" shows nothing."""
    return rx.cond(level != "", rx.badge(
        rx.icon("triangle-alert", size=12, aria_hidden="true"),
        rx.el.span(text, aria_hidden="true"),
        rx.el.span(label, style=SCREEN_READER_ONLY),
        color_scheme=color.to(str), variant="soft", size=size, title=label, id=element_id,
        flex_shrink="0", white_space="nowrap", position="relative",
        custom_attrs={"data-risk": level}))
