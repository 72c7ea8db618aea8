"""Settings → Integrations → API keys (admins only): create (the key is shown once), list,
revoke. The company always comes from the admin's own profile, never from the browser."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import api_keys
from omni_app.state.session import AccessDenied, SessionState


class ApiKeysState(SessionState):
    keys: list[dict[str, str]] = []
    # the key just created, shown once
    created_secret: str = ""
    key_message: str = ""
    key_error: str = ""

    async def _refresh(self, user) -> None:
        self.keys = [{
            "id": row["id"], "name": row["name"], "prefix": row["prefix"],
            "created_at": self.local_time(row["created_at"]),
            "last_used_at": self.local_time(row["last_used_at"]),
            "revoked": "yes" if row["revoked_at"] else "",
        } for row in await api_keys.list_keys(user)]

    async def _run(self, action, done_key: str | None):
        self.key_error = self.key_message = ""
        self.created_secret = ""
        try:
            user, actor = await self.admin_access()
        except AccessDenied as denied:
            return denied.answer
        try:
            await action(user, actor)
        except api_keys.ApiKeyRefused as refused:
            self.key_error = self.tr[f"api_keys.error.{refused.reason}"]
        else:
            self.key_message = self.tr[done_key] if done_key else ""
        await self._refresh(user)
        return None

    @rx.event
    async def load_keys(self):
        return await self._run(lambda user, actor: _nothing(), None)

    @rx.event
    async def create_key(self, form: dict):
        made: list[str] = []

        async def create(user, actor):
            made.append((await api_keys.create(user, actor, str(form.get("name", ""))))[1])

        redirect = await self._run(create, None)  # the key's own callout says it
        if made:
            self.created_secret = made[0]
        return redirect

    @rx.event
    async def revoke_key(self, key_id: str):
        return await self._run(lambda user, actor: api_keys.revoke(user, actor, key_id),
                               "api_keys.revoked")

    @rx.event
    def hide_key(self):
        self.created_secret = ""


async def _nothing() -> None:
    return None
