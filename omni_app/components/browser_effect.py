"""Run a line of the app's own JavaScript in the browser whenever state values change.

Compiled into the page bundle as a React effect (never an inline script or eval, which the page
policy forbids); `code` should only call functions that static files in assets/ define.
"""
from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData


class _Effect(rx.Fragment):
    def add_hooks(self) -> list[str | Var]:
        return [self._effect] if getattr(self, "_effect", None) is not None else []


def browser_effect(code: str, *deps: Var) -> rx.Component:
    """`code` (JavaScript, may embed the Vars it names) runs after each render that changed
    one of `deps`, and once on mount."""
    effect = Var(
        _js_expr=f"useEffect(() => {{ {code} }}, [{', '.join(str(d) for d in deps)}])",
        _var_data=VarData.merge(*(d._get_all_var_data() for d in deps),
                                VarData(imports={"react": ["useEffect"]})),
    )
    component = _Effect.create()
    object.__setattr__(component, "_effect", effect)
    return component
