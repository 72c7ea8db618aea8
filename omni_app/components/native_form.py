"""A plain HTML form that the browser submits itself (POST -> 303), for the session cookie
routes. Reflex's own form always cancels the browser's submit to send an event instead."""
from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    tag = "form"
    action: rx.Var[str]
    method: rx.Var[str]


def native_form(*children: rx.Component, action: str, **props) -> rx.Component:
    return NativeForm.create(*children, action=action, method="post", **props)
