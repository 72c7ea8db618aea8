"""States of the signed-out account pages: what their URL says (`?error=`, `?sent=`, the
e-mailed link's `token_hash` and `type`, `?lang=`), in the reader's language."""
from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx

from omni_app.domain.account_links import LINK_TYPES
from omni_app.i18n import CATALOGS, supported
from omni_app.state.app_state import AppState


class AccessState(AppState):
    @rx.var
    def chosen_locale(self) -> str:
        wanted = self.router.url.query_parameters.get("lang", "")
        return wanted if wanted in CATALOGS else ""

    @rx.var
    def lang_query(self) -> str:
        """`?lang=…` for links to the other signed-out pages, empty without a choice."""
        return f"?{urlencode({'lang': self.chosen_locale})}" if self.chosen_locale else ""


class ForgotState(AccessState):
    @rx.var
    def sent(self) -> str:
        return self.tr["forgot.sent"] if self.router.url.query_parameters.get("sent") else ""

    @rx.var
    def problem(self) -> str:
        return self._query_message("error", "forgot.error.{}")


class SetPasswordState(AccessState):
    @rx.var
    def token_hash(self) -> str:
        value = self.router.url.query_parameters.get("token_hash", "")
        return value if len(value) <= 255 else ""

    @rx.var
    def link_type(self) -> str:
        value = self.router.url.query_parameters.get("type", "")
        return value if value in LINK_TYPES else ""

    @rx.var
    def problem(self) -> str:
        return self._query_message("error", "set_password.error.{}")


class SignupState(AccessState):
    @rx.event
    def pick_locale(self, locale: str):
        """The language picked in the form: the page speaks it, the account keeps it."""
        self.locale = supported(locale)

    @rx.var
    def problem(self) -> str:
        return self._query_message("error", "signup.error.{}")
