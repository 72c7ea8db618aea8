"""The home page's counters, read as the signed-in user."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import home
from omni_app.i18n import formatting
from omni_app.state.session import SessionState

COUNTERS = home.COUNTERS


class HomeState(SessionState):
    counters: dict[str, str] = {}

    @rx.var
    def notice(self) -> str:
        """Why this tab was sent home (`?notice=admin_only`)."""
        return self._query_message("notice", "home.notice.{}")

    @rx.event
    async def load_counters(self):
        done = await self._guarded(lambda user, actor: home.counters(user), errors="home.error")
        if done.done:
            self.counters = {
                key: (formatting.money(value, self.locale) if key == "revenue_this_month"
                      else formatting.number(value, self.locale))
                for key, value in done.value.items()}
        return done.answer
