"""Who is signed in, re-checked on every page load and before every data handler.

The browser's only credential is the HttpOnly session cookie, which Reflex passes to the backend
in the websocket's headers (never to the page); each handler resolves it to a client acting as
the user, and no token is kept in the state.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlencode

import reflex as rx
from supabase import AsyncClient

from omni_app import paths, services
from omni_app.domain import account_links, auth, sessions
from omni_app.domain.refusals import Refused
from omni_app.domain.team import Actor
from omni_app.i18n import formatting, supported
from omni_app.state.app_state import AppState

Action = Callable[[AsyncClient, Actor], Awaitable[Any]]
Who = Literal["signed_in", "member", "admin"]


class NotSignedIn(Exception):
    """Raised by `_user_client` when the session ended; handlers answer with a redirect to the
    sign-in page, which says `reason` (one of sessions.END_REASONS) when there is one."""

    def __init__(self, reason: str | None = None):
        super().__init__("not signed in")
        self.reason = reason


class AccessDenied(Exception):
    """The caller may not do this; `answer` is where the tab goes instead."""

    def __init__(self, answer):
        super().__init__("access denied")
        self.answer = answer


async def just_load(user: AsyncClient, actor: Actor) -> None:
    """The action of a handler that only (re)loads its page's data after the guard."""
    return None


@dataclass
class Outcome:
    """What `_guarded` made of an action: `done` with its `value`; otherwise `answer` is the
    redirect to return (signed out, not allowed), if any."""
    done: bool
    value: Any = None
    answer: Any = None


class SessionState(AppState):
    user_id: str = ""
    user_name: str = ""
    email: str = ""
    role: str = ""
    status: str = ""
    clinic_name: str = ""
    company_id: str = ""
    timezone: str = "America/Sao_Paulo"
    currency: str = "BRL"              # the clinic's (ISO 4217)
    theme: str = ""  # the member's colour mode (light, dark, system); "" leaves the browser's

    @rx.var
    def is_admin(self) -> bool:
        return self.role == "admin" and self.status == "active"

    @rx.var
    def role_label(self) -> str:
        return self.tr.get(f"role.{self.role}", "") if self.role and self.company_id else ""

    def _cookie(self) -> str | None:
        return self._request_cookie(services.current().session_cookie())

    async def _user_client(self) -> AsyncClient:
        """A client acting as the signed-in user; every data handler starts here."""
        store = await services.current().session_store()
        active = await store.resolve(self._cookie())
        if active is None:
            # The tab still knows who it was signed in as: the sign-in page can say why.
            reason = await store.why_ended(self.user_id) if self.user_id else None
            self._forget()
            raise NotSignedIn(reason)
        if account_links.must_set_password(active.app_metadata) and \
                self.router.url.path != paths.SET_PASSWORD:
            # Signed in with an invitation's temporary password: nothing else until their own.
            raise AccessDenied(rx.redirect(paths.SET_PASSWORD))
        return await services.current().as_user(active.access_token)

    def _forget(self) -> None:
        self.user_id = self.user_name = self.email = self.role = self.status = ""
        self.clinic_name = self.company_id = ""

    async def _admin_access(self) -> tuple[AsyncClient, Actor]:
        """The admin's client and identity, re-read from the database; NotSignedIn, or
        AccessDenied (home) for someone who is not an active admin."""
        user = await self._load_profile()
        if not self.is_admin or not self.company_id:
            raise AccessDenied(self._admins_only())
        return user, Actor(self.user_id, self.company_id)

    async def _guarded(self, action: Action, *, who: Who = "member", errors: str,
                       shows: str | None = None, then: Action | None = None) -> Outcome:
        """The one guard of every data handler: runs `action(user, actor)` as the signed-in
        user when they are `who` (any signed-in user, a clinic member, an active admin,
        re-read from the database for admins). Signed out: the login redirect; not allowed:
        home (or onboarding). A domain refusal becomes the text `<errors>.<reason>` in the
        page's field `shows` (cleared first; an action may also leave a message there itself);
        `then(user, actor)` runs after the action whatever it did (a page re-reading its data).

        (A private method: Reflex runs it on the page's own state, so it sets the page's
        fields; a public one would run on SessionState's instance, and the browser could call
        it.)"""
        if shows:
            setattr(self, shows, "")
        try:
            if who == "admin":
                user, actor = await self._admin_access()
            else:
                user = await self._user_client()
                actor = Actor(self.user_id, self.company_id)
                if who == "member" and not self.company_id:
                    raise AccessDenied(rx.redirect(paths.ONBOARDING))
        except NotSignedIn as ended:
            return Outcome(False, answer=self._login_redirect(ended.reason))
        except AccessDenied as denied:
            return Outcome(False, answer=denied.answer)
        try:
            return Outcome(True, await action(user, actor))
        except Refused as refused:
            if shows:
                setattr(self, shows, self._refusal_text(errors, refused))
            return Outcome(False)
        finally:
            if then is not None:
                await then(user, actor)

    def _refusal_text(self, errors: str, refused: Refused) -> str:
        """A refusal in the user's language; never the database's own (English) words."""
        return self.tr.get(f"{errors}.{refused.reason}") or self.tr["error.refused"]

    def _local_time(self, moment: str | datetime | None) -> str:
        """A moment as the reader writes dates, in the clinic's time zone."""
        return formatting.date_time(moment, self.locale, self.timezone)

    def _admins_only(self):
        """Home, saying why: the page asked for is for the clinic's admins."""
        return rx.redirect(f"{paths.HOME}?" + urlencode({"notice": "admin_only"}))

    def _login_redirect(self, reason: str | None = None):
        path = self.router.url.path or "/"
        query = self.router.url.query
        target = {"next": f"{path}?{query}" if query else path}
        if reason in sessions.END_REASONS:
            target["reason"] = reason
        return rx.redirect(f"{paths.LOGIN}?" + urlencode(target))

    async def _load_profile(self) -> AsyncClient:
        """Who is signed in, re-read from the database into the header's fields; the client
        acting as them. NotSignedIn when signed out or disabled."""
        user = await self._user_client()
        me = await auth.profile(user)
        if not me or me.get("status") == "disabled":
            self._forget()
            raise NotSignedIn("disabled" if me else None)
        self.user_id = me["user_id"]
        self.user_name = me.get("full_name") or me.get("email") or ""
        self.email, self.role, self.status = me["email"], me["role"], me["status"]
        self.company_id = me.get("company_id") or ""
        self.clinic_name = me.get("company_name") or ""
        self.timezone = me.get("company_timezone") or self.timezone
        self.currency = me.get("company_currency") or self.currency
        self.locale = supported(me.get("locale"))
        self.theme = me.get("theme") or "system"
        return user

    async def _clinic_member(self) -> tuple[AsyncClient | None, Any]:
        """The signed-in, active clinic member's client; or None and where the tab goes."""
        try:
            user = await self._load_profile()
        except NotSignedIn as ended:
            return None, self._login_redirect(ended.reason)
        except AccessDenied as denied:
            return None, denied.answer
        if not self.company_id:
            return None, rx.redirect(paths.ONBOARDING)
        return user, None

    @rx.event
    async def require_clinic_member(self):
        """on_load of every private page: signed in, active, in a clinic."""
        return (await self._clinic_member())[1]

    @rx.event
    async def require_admin(self):
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        if not self.is_admin:
            return self._admins_only()

    @rx.event
    async def require_no_clinic(self):
        """on_load of /onboarding: only for a signed-in user who has no clinic yet."""
        try:
            await self._load_profile()
        except NotSignedIn as ended:
            return self._login_redirect(ended.reason)
        except AccessDenied as denied:
            return denied.answer
        if self.company_id:
            return rx.redirect(paths.HOME)

    @rx.event
    async def set_language(self, locale: str):
        locale = supported(locale)
        try:
            user = await self._user_client()
        except NotSignedIn as ended:
            return self._login_redirect(ended.reason)
        await auth.set_locale(user, locale)
        self.locale = locale

    @rx.event
    async def set_theme(self, theme: str):
        """Keeps the member's colour mode; the page follows `theme` (views/shell.py)."""
        if theme not in auth.THEMES:
            return None
        try:
            user = await self._user_client()
        except NotSignedIn as ended:
            return self._login_redirect(ended.reason)
        except AccessDenied as denied:
            return denied.answer
        await auth.set_theme(user, theme)
        self.theme = theme
