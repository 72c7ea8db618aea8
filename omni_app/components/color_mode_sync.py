"""Make the page's colour mode follow a state value ("light", "dark", "system"; "" leaves the
browser's own). Reflex's colour mode lives in the browser (a React context saved to
localStorage) and its setter cannot be called from a backend handler; this renders no element
and adds a React effect, compiled into the page's bundle (no inline script, which the CSP
forbids), that hands the value to the setter whenever it changes."""
from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex_base import constants
from reflex_base.style import _color_mode_var


class _Effect(rx.Fragment):
    def add_hooks(self) -> list[str | Var]:
        return [self._effect] if getattr(self, "_effect", None) is not None else []


def follow_color_mode(value: Var) -> rx.Component:
    # The context's setColorMode, as rx.style.set_color_mode reaches it.
    setter = _color_mode_var(_js_expr=constants.ColorMode.SET)
    effect = Var(
        _js_expr=f"useEffect(() => {{ if ({value!s}) {{ {setter!s}({value!s}); }} }}, [{value!s}])",
        _var_data=VarData.merge(setter._get_all_var_data(), value._get_all_var_data(),
                                VarData(imports={"react": ["useEffect"]})),
    )
    component = _Effect.create()
    object.__setattr__(component, "_effect", effect)
    return component
