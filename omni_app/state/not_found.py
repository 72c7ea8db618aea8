"""The page for an address that names no page: inside the shell for a signed-in user."""
from __future__ import annotations

import reflex as rx

from omni_app.i18n import supported
from omni_app.state.session import NotSignedIn, SessionState


class NotFoundState(SessionState):
    @rx.var
    def missing_path(self) -> str:
        return self.router.url.path or "/"

    @rx.event
    async def load(self):
        """Who is reading, if anyone (the header's name and language); nobody is sent away."""
        try:
            await self._load_profile()
        except NotSignedIn:
            wanted = self.router.url.query_parameters.get("lang")
            if wanted:
                self.locale = supported(wanted)
