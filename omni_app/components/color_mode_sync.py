"""Make the page's colour mode follow a state value ("light", "dark", "system"; "" leaves the
browser's own). Reflex's colour mode lives in the browser (a React context saved to
localStorage) and its setter cannot be called from a backend handler; this renders no element
and adds a React effect, compiled into the page's bundle (no inline script, which the CSP
forbids), that hands the value to the setter whenever it changes."""
from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var
from reflex_base import constants
from reflex_base.style import _color_mode_var

from omni_app.components.browser_effect import browser_effect


def follow_color_mode(value: Var) -> rx.Component:
    # The context's setColorMode, as rx.style.set_color_mode reaches it.
    setter = _color_mode_var(_js_expr=constants.ColorMode.SET)
    return browser_effect(f"if ({value!s}) {{ {setter!s}({value!s}); }}", value, uses=(setter,))
