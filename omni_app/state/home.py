"""The home page's counters, read as the signed-in user."""
from __future__ import annotations

import reflex as rx

from omni_app.state.session import NotSignedIn, SessionState

COUNTERS = ("open_conversations", "unread_messages", "appointments_today", "open_leads",
            "revenue_this_month")


class HomeState(SessionState):
    counters: dict[str, str] = {}

    @rx.event
    async def load_counters(self):
        try:
            user = await self.user_client()
        except NotSignedIn:
            return self.login_redirect()
        data = (await user.rpc("home_counters", {}).execute()).data or {}
        self.counters = {key: _display(key, data.get(key, 0)) for key in COUNTERS}


def _display(key: str, value) -> str:
    if key == "revenue_this_month":
        return f"R$ {float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return str(value)
