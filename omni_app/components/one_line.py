"""Text cut to one line with an ellipsis, without clipping tildes, accents or descenders: the
line keeps its full height (no leading trim) and the full text shows on hover."""
from __future__ import annotations

import reflex as rx


def one_line(*children, title=None, **props) -> rx.Component:
    return rx.text(*children, overflow="hidden", text_overflow="ellipsis", white_space="nowrap",
                   line_height="1.5", min_width="0", title=title,
                   custom_attrs={"data-one-line": "true"}, **props)
