"""Settings → Integrations → API keys (admins only): create (the key is shown once), list,
revoke. The company always comes from the admin's own profile, never from the browser."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app.domain import api_keys
from omni_app.state.session import SessionState, just_load


@dataclass
class KeyRow:
    id: str
    name: str
    prefix: str          # the first characters, all that is ever shown again
    created_at: str
    last_used_at: str
    revoked: bool


class ApiKeysState(SessionState):
    keys: list[KeyRow] = []
    created_secret: str = ""   # the key just created, shown once
    key_message: str = ""
    key_error: str = ""

    async def _run(self, action, done_key: str | None = None):
        """One action as the admin; a key on show stays (the admin may still be copying it)."""
        self.key_message = ""
        done = await self._guarded(action, who="admin", errors="api_keys.error",
                                   shows="key_error", then=self._show_keys)
        if done.done and done_key:
            self.key_message = self.tr[done_key]
        return done

    async def _show_keys(self, user, actor) -> None:
        self.keys = [KeyRow(row["id"], row["name"], row["prefix"],
                            self._local_time(row["created_at"]),
                            self._local_time(row["last_used_at"]), bool(row["revoked_at"]))
                     for row in await api_keys.list_keys(user)]

    @rx.event
    async def load_keys(self):
        self.created_secret = ""  # a new visit of the page: the key was shown once already
        return (await self._run(just_load)).answer

    @rx.event
    async def create_key(self, form: dict):
        done = await self._run(lambda user, actor: api_keys.create(
            user, str(form.get("name", ""))))  # the key's own callout says it
        if done.done:
            self.created_secret = done.value[1]
        return done.answer

    @rx.event
    async def revoke_key(self, key_id: str):
        return (await self._run(lambda user, actor: api_keys.revoke(user, key_id),
                                "api_keys.revoked")).answer

    @rx.event
    def hide_key(self):
        self.created_secret = ""

