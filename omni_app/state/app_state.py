"""The root state every page shares: the UI language and its message catalog."""
from __future__ import annotations

from http.cookies import SimpleCookie

import reflex as rx

from omni_app.i18n import CATALOGS, DEFAULT_LOCALE, supported


class AppState(rx.State):
    locale: str = DEFAULT_LOCALE

    @rx.var
    def tr(self) -> dict[str, str]:
        return CATALOGS[supported(self.locale)]

    def _query_message(self, param: str, key_format: str) -> str:
        """The catalog text a result page names in its URL (`?error=rate_limited` ->
        `login.error.rate_limited`); empty for anything the catalog does not know."""
        value = self.router.url.query_parameters.get(param, "")
        return self.tr.get(key_format.format(value), "") if value else ""

    def _request_cookie(self, name: str) -> str | None:
        """A cookie of the tab's connection (Reflex passes the websocket's headers, HttpOnly
        cookies included, to the backend only)."""
        jar = SimpleCookie()
        jar.load(self.router.headers.cookie or "")
        morsel = jar.get(name)
        return morsel.value if morsel else None

    @rx.event
    def use_query_locale(self):
        """Public pages follow `?lang=` (the sign-in page has no user to remember it)."""
        wanted = self.router.url.query_parameters.get("lang")
        if wanted:
            self.locale = supported(wanted)
