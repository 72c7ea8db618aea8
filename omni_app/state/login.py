"""The sign-in page's state: the refusal to explain, where to go after signing in, and what the
user already gave (the e-mail of a refused attempt, the language picked here)."""
from __future__ import annotations

from urllib.parse import unquote, urlencode

import reflex as rx

from omni_app import services
from omni_app.api.http import safe_next
from omni_app.domain.sessions import END_REASONS
from omni_app.i18n import CATALOGS
from omni_app.state.app_state import AppState


class LoginState(AppState):
    @rx.var
    def error_message(self) -> str:
        return self._query_message("error", "login.error.{}")

    @rx.var
    def notice_message(self) -> str:
        return self._query_message("notice", "login.notice.{}")

    @rx.var
    def lang_query(self) -> str:
        """`?lang=…` for the links to the other signed-out pages."""
        return f"?{urlencode({'lang': self.chosen_locale})}" if self.chosen_locale else ""

    @rx.var
    def reason(self) -> str:
        """Why the app sent a signed-in tab here (`?reason=`), from a closed list only."""
        wanted = self.router.url.query_parameters.get("reason", "")
        return wanted if wanted in END_REASONS else ""

    @rx.var
    def reason_message(self) -> str:
        return self.tr[f"login.reason.{self.reason}"] if self.reason else ""

    @rx.var
    def next_path(self) -> str:
        """Where to go once signed in, as this page's URL says; empty when it says nothing
        (the page as first served, before its state arrives, is empty too: the route then
        reads the page's URL itself)."""
        wanted = self.router.url.query_parameters.get("next")
        return safe_next(wanted) if wanted else ""

    @rx.var
    def next_query(self) -> str:
        """`next=…` (and the reason) for links that stay on this page (the language switch)."""
        return urlencode({"next": self.next_path,
                          **({"reason": self.reason} if self.reason else {})})

    @rx.var
    def remembered_email(self) -> str:
        """The e-mail of the sign-in just refused (a short-lived cookie the route set)."""
        return unquote(self._request_cookie(services.current().login_email_cookie()) or "")

    @rx.var
    def chosen_locale(self) -> str:
        """The language picked here (`?lang=`), to keep once signed in; empty otherwise."""
        wanted = self.router.url.query_parameters.get("lang", "")
        return wanted if wanted in CATALOGS else ""
