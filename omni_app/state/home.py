"""The home page's counters, read as the signed-in user."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import home
from omni_app.state.session import SessionState

COUNTERS = home.COUNTERS


class HomeState(SessionState):
    counters: dict[str, str] = {}
    error: str = ""

    @rx.event
    async def load_counters(self):
        done = await self.guarded(lambda user, actor: home.counters(user), errors="home.error")
        self.error = done.refusal
        if done.done:
            self.counters = {key: _display(key, value) for key, value in done.value.items()}
        return done.answer


def _display(key: str, value) -> str:
    if key == "revenue_this_month":
        return f"R$ {float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return str(value)
