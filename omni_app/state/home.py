"""The home page's counters, read as the signed-in user."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import home
from omni_app.state.session import NotSignedIn, SessionState

COUNTERS = home.COUNTERS


class HomeState(SessionState):
    counters: dict[str, str] = {}

    @rx.event
    async def load_counters(self):
        try:
            user = await self.user_client()
        except NotSignedIn:
            return self.login_redirect()
        self.counters = {key: _display(key, value)
                         for key, value in (await home.counters(user)).items()}


def _display(key: str, value) -> str:
    if key == "revenue_this_month":
        return f"R$ {float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return str(value)
