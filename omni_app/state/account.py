"""/account's state: my name, my signed-in browsers (this one marked, the others ended one by
one), and the result of a password change or a refusal, as the cookie routes named it in the
URL (`?done=` / `?error=`)."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from supabase import AsyncClient

from omni_app import services
from omni_app.domain import auth, devices
from omni_app.domain.sessions import ActiveSession
from omni_app.domain.team import Actor
from omni_app.state.session import SessionState


@dataclass
class SessionRow:
    id: str
    device: str     # "Chrome on Windows", in the reader's language
    address: str
    created: str    # "Signed in 12/1/26, 8:03 PM": the reader's words, the clinic's time zone
    last_seen: str
    current: bool   # the browser looking at the page


class AccountState(SessionState):
    name_draft: str = ""
    name_saved: str = ""
    name_error: str = ""
    sessions: list[SessionRow] = []
    sessions_message: str = ""

    @rx.var
    def notice(self) -> str:
        return self._query_message("done", "account.{}.done")

    @rx.var
    def problem(self) -> str:
        return self._query_message("error", "account.error.{}")

    @rx.event
    async def load(self):
        """on_load after the member guard: the name to edit and the browsers signed in."""
        self.name_saved = self.name_error = self.sessions_message = ""
        outcome = await self._guarded(self._read_sessions, errors="account.sessions.error")
        if outcome.done:
            self.name_draft = self.user_name if self.user_name != self.email else ""
        return outcome.answer

    @rx.event
    async def change_language(self, locale: str):
        """The page's language picker: the language, then the sessions list worded in it."""
        answer = await self.set_language(locale)
        if answer is None:
            await self._guarded(self._read_sessions, errors="account.sessions.error")
        return answer

    @rx.event
    def set_name_draft(self, value: str):
        self.name_draft = value[:auth.MAX_NAME_LENGTH]
        self.name_saved = ""

    @rx.event
    async def save_name(self, form: dict | None = None):
        self.name_saved = ""
        outcome = await self._guarded(self._rename, errors="account.name.error",
                                      shows="name_error")
        if outcome.done:
            self.user_name = self.name_draft = outcome.value
            self.name_saved = self.tr["account.name.saved"]
        return outcome.answer

    @rx.event
    async def end_session(self, row_id: str):
        """Signs one other browser out; it lands on the sign-in page at its next request."""
        async def end(user: AsyncClient, actor: Actor) -> None:
            here = await self._this_browser()
            if here is None or row_id == here.row_id:
                return  # this browser leaves through "sign out", which clears its cookie
            store = await services.current().session_store()
            token = await store.revoke_one(here.auth_user_id, row_id)
            if token:
                await auth.sign_out_upstream(await services.current().anon(), token)
                self.sessions_message = self.tr["account.sessions.ended"]

        self.sessions_message = ""
        outcome = await self._guarded(end, errors="account.sessions.error",
                                      shows="sessions_message", then=self._read_sessions)
        return outcome.answer

    async def _rename(self, user: AsyncClient, actor: Actor) -> str:
        return await auth.set_name(user, self.name_draft)

    async def _read_sessions(self, user: AsyncClient, actor: Actor) -> None:
        here = await self._this_browser()
        if here is None:
            return
        rows = await (await services.current().session_store()).list_for(here.auth_user_id)
        self.sessions = [self._session_row(row, row["id"] == here.row_id) for row in rows]
        self.sessions.sort(key=lambda row: not row.current)  # this browser first

    async def _this_browser(self) -> ActiveSession | None:
        """The session of the browser looking at the page (its row marks "this device")."""
        return await (await services.current().session_store()).resolve(self._cookie())

    def _session_row(self, row: dict, current: bool) -> SessionRow:
        device = devices.describe(row.get("user_agent"))
        browser = device.browser or self.tr["account.sessions.unknown_browser"]
        system = device.system or self.tr["account.sessions.unknown_system"]
        return SessionRow(row["id"], self.tr["account.sessions.device"].format(
                              browser=browser, system=system), row.get("ip") or "",
                          self._when("account.sessions.created", row.get("created_at")),
                          self._when("account.sessions.last_seen", row.get("last_seen_at")),
                          current)

    def _when(self, key: str, moment: str | None) -> str:
        return self.tr[key].format(when=self._local_time(moment)) if moment else ""
