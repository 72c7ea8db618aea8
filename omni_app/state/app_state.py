"""The root state every page shares: the UI language and its message catalog."""
from __future__ import annotations

import reflex as rx

from omni_app.i18n import CATALOGS, DEFAULT_LOCALE, supported


class AppState(rx.State):
    locale: str = DEFAULT_LOCALE

    @rx.var
    def tr(self) -> dict[str, str]:
        return CATALOGS[supported(self.locale)]

    def query_message(self, param: str, key_format: str) -> str:
        """The catalog text a result page names in its URL (`?error=rate_limited` ->
        `login.error.rate_limited`); empty for anything the catalog does not know."""
        value = self.router.url.query_parameters.get(param, "")
        return self.tr.get(key_format.format(value), "") if value else ""

    @rx.event
    def use_query_locale(self):
        """Public pages follow `?lang=` (the sign-in page has no user to remember it)."""
        wanted = self.router.url.query_parameters.get("lang")
        if wanted:
            self.locale = supported(wanted)
