"""Run an event whenever a state value changes in the browser.

Reflex sends a linked shared state's new value to every tab, but a new value alone fetches
nothing. This renders no element: it adds a React effect keyed on the value, and the effect
sends `handler(value)` (also once on mount; the handler ignores a value it has seen).
"""
from __future__ import annotations

import reflex as rx
from reflex.event import EventChain, EventHandler, no_args_event_spec
from reflex.vars.base import LiteralVar, Var, VarData


class _Effect(rx.Fragment):
    def add_hooks(self) -> list[str | Var]:
        return [self._effect] if getattr(self, "_effect", None) is not None else []


def on_value_change(value: Var, handler: EventHandler) -> rx.Component:
    chain = LiteralVar.create(EventChain.create(handler(value), args_spec=no_args_event_spec))
    effect = Var(
        _js_expr=f"useEffect(() => {{ ({chain!s})(); }}, [{value!s}])",
        _var_data=VarData.merge(chain._get_all_var_data(), value._get_all_var_data(),
                                VarData(imports={"react": ["useEffect"]})),
    )
    component = _Effect.create()
    object.__setattr__(component, "_effect", effect)
    return component
