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


def browser_effect(code: str, *deps: Var, uses: tuple[Var, ...] = ()) -> rx.Component:
    """`code` (JavaScript, may embed the Vars it names) runs after each render that changed
    one of `deps`, and once on mount; `uses` are the other Vars embedded in `code` (their
    imports and hooks come along)."""
    effect = Var(
        _js_expr=f"useEffect(() => {{ {code} }}, [{', '.join(str(d) for d in deps)}])",
        _var_data=VarData.merge(*(v._get_all_var_data() for v in (*deps, *uses)),
                                VarData(imports={"react": ["useEffect"]})),
    )
    component = _Effect.create()
    object.__setattr__(component, "_effect", effect)
    return component
