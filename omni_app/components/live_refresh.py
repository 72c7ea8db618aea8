"""Run an event whenever a state value changes in the browser.

Reflex sends a linked shared state's new value to every tab, but a new value alone fetches
nothing. This renders no element: it adds a React effect keyed on the value, and the effect
sends `handler(value)` (also once on mount; the handler ignores a value it has seen).
"""
from __future__ import annotations

import reflex as rx
from reflex.event import EventChain, EventHandler, no_args_event_spec
from reflex.vars.base import LiteralVar, Var

from omni_app.components.browser_effect import browser_effect


def on_value_change(value: Var, handler: EventHandler) -> rx.Component:
    chain = LiteralVar.create(EventChain.create(handler(value), args_spec=no_args_event_spec))
    return browser_effect(f"({chain!s})();", value, uses=(chain,))
