"""Message catalogs: pt-BR (default), English, Spanish. Every catalog has the same keys."""
from __future__ import annotations

from omni_app.i18n import en, es, features, pt_br

DEFAULT_LOCALE = "pt-BR"
CATALOGS: dict[str, dict[str, str]] = features.merged_into(
    {"pt-BR": pt_br.MESSAGES, "en": en.MESSAGES, "es": es.MESSAGES})
LOCALE_NAMES = {"pt-BR": "Português", "en": "English", "es": "Español"}


def supported(locale: str | None) -> str:
    return locale if locale in CATALOGS else DEFAULT_LOCALE
