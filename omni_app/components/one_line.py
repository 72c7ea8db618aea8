"""Text kept to one line: a long name (even one without spaces) ends in "…" inside its box
instead of widening the page; the whole of it shows on hover."""
from __future__ import annotations

import reflex as rx


def one_line(value, **props) -> rx.Component:
    # 1.6: the default line box clips tildes and the dots of i once overflow is hidden.
    style = {"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap",
             "min_width": "0", "max_width": "100%", "line_height": "1.6", **props}
    return rx.text(value, title=value, **style)
