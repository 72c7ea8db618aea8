"""The result of a change on /settings/integrations, shown beside the part that changed (a
channel card's status, secret, outbound URL, Meta secrets or credentials), not at the top of a
long page where the admin who just clicked "Save" would never see it."""
from __future__ import annotations

import reflex as rx
from reflex.vars import FunctionStringVar, FunctionVar, ObjectVar

from omni_app.state.integrations import IntegrationsState as S


def _into_view(element_id: str) -> rx.event.EventSpec:
    """Scrolls the element into view only when it is not already (a Save at the bottom edge of
    the screen); a compiled function, not a script string, so the page's CSP allows it."""
    element = FunctionStringVar.create("document.getElementById").call(element_id).to(ObjectVar)
    return rx.run_script(element.scrollIntoView.to(FunctionVar).call({"block": "nearest"}))


def _callout(color: str, role: str, element_id: str) -> rx.Component:
    return rx.callout(S.notice, color_scheme=color, role=role, size="1", width="100%",
                      id=element_id, on_mount=_into_view(element_id))


def notice(place: str, element_id: str) -> rx.Component:
    """`place` as the state names it ("whatsapp.outbound"); ids `<element_id>-saved` and
    `<element_id>-error`."""
    here = (S.notice_at == place) & (S.notice != "")
    return rx.cond(here, rx.cond(S.notice_failed,
                                 _callout("red", "alert", f"{element_id}-error"),
                                 _callout("green", "status", f"{element_id}-saved")))
