"""Text kept to one line: a long name (even one without spaces) ends in "…" inside its box
instead of widening the page, and the whole of it shows on hover. The line keeps its full
height, so tildes, accents, the dots of i and descenders are never clipped."""
from __future__ import annotations

import reflex as rx


def one_line(*children, title=None, **props) -> rx.Component:
    """`title` (the hover text) defaults to the only child."""
    if title is None and len(children) == 1:
        title = children[0]
    # 1.6: the default line box clips tildes and the dots of i once overflow is hidden.
    style = {"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap",
             "min_width": "0", "max_width": "100%", "line_height": "1.6", **props}
    return rx.text(*children, title=title, custom_attrs={"data-one-line": "true"}, **style)
