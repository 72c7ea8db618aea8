"""The time zones a clinic can pick, as the reader names them: Python's zone database, Brazil's
and Latin America's first, then the rest of the Americas, then the world; each labelled with
Babel's localized place name and its current UTC offset, and found without accents or case."""
from __future__ import annotations

import functools
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import get_timezone_location

from omni_app.i18n.formatting import DEFAULT_ZONE, babel_locale

COMMON = ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Recife",
          "America/Bahia", "America/Belem", "America/Cuiaba", "America/Campo_Grande",
          "America/Porto_Velho", "America/Boa_Vista", "America/Rio_Branco", "America/Noronha",
          "America/Argentina/Buenos_Aires", "America/Santiago", "America/Montevideo",
          "America/Asuncion", "America/La_Paz", "America/Lima", "America/Bogota",
          "America/Guayaquil", "America/Caracas", "America/Panama", "America/Costa_Rica",
          "America/Mexico_City", "America/Santo_Domingo", "Europe/Lisbon", "Europe/Madrid")
REGIONS = ("America", "Europe", "Atlantic", "Africa", "Asia", "Australia", "Pacific", "Indian",
           "Antarctica")


def _canonical(name: str) -> bool:
    return name.split("/", 1)[0] in REGIONS and "/" in name


@functools.cache
def zones() -> tuple[str, ...]:
    """Every zone offered, in the order offered."""
    rest = sorted(z for z in available_timezones() if _canonical(z) and z not in COMMON)
    americas = [z for z in rest if z.startswith("America/")]
    world = [z for z in rest if not z.startswith("America/")]
    return (*[z for z in COMMON if z in available_timezones()], *americas, *world, "UTC")


def offset(name: str) -> str:
    minutes = int(datetime.now(ZoneInfo(name)).utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@functools.cache
def label(name: str, locale: str) -> str:
    """"Horário Brasil (São Paulo) · UTC−03:00"."""
    if name == "UTC":
        return "UTC"
    try:
        place = get_timezone_location(name, locale=babel_locale(locale))
    except (LookupError, ValueError):
        place = name.replace("_", " ")
    return f"{place} · {offset(name)}"


def fold(text: str) -> str:
    """Lower case without accents: "São" and "sao" match."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


@functools.cache
def _index(locale: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((z, label(z, locale), fold(f"{label(z, locale)} {z.replace('_', ' ')}"))
                 for z in zones())


def search(query: str, locale: str, limit: int = 60) -> list[tuple[str, str]]:
    """(zone, label) of the zones matching every word of `query`, in the offered order."""
    words = fold(query).split()
    found = [(z, text) for z, text, key in _index(locale) if all(w in key for w in words)]
    return found[:limit]


def known(name: str | None) -> str | None:
    """`name` when it is a zone on offer (the browser's, a form's), else None."""
    return name if name in set(zones()) else None


DEFAULT = DEFAULT_ZONE
