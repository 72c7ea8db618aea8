"""The result of a change on /settings/integrations, shown beside the part that changed (a
channel card's status, secret, outbound URL, Meta secrets or credentials), not at the top of a
long page where the admin who just clicked "Save" would never see it."""
from __future__ import annotations

import reflex as rx

from omni_app.state.integrations import IntegrationsState as S


def notice(place: str, element_id: str) -> rx.Component:
    """`place` as the state names it ("whatsapp.outbound"); ids `<element_id>-saved` and
    `<element_id>-error`."""
    here = (S.notice_at == place) & (S.notice != "")
    return rx.cond(here, rx.cond(
        S.notice_failed,
        rx.callout(S.notice, color_scheme="red", role="alert", size="1", width="100%",
                   id=f"{element_id}-error"),
        rx.callout(S.notice, color_scheme="green", role="status", size="1", width="100%",
                   id=f"{element_id}-saved")))
