"""The days a clinic is closed: the national holidays of its country (the `holidays` library,
which is maintained and covers the countries a clinic here may be in) and the clinic's own
closures (`clinic_closures`, written by admins through database functions that check the role
and write the audit trail).

The country is the one of the clinic's time zone (the time zone database's own mapping, shipped
with Babel): America/Sao_Paulo is Brazil, Europe/Lisbon is Portugal; UTC has none, and so no
national holidays. Regional holidays (a state's, a city's) are the clinic's closures."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import holidays as holidays_library
from babel.core import get_global
from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.refusals import Refused, from_database

MAX_LABEL = 100
# the reader's language -> the library's names for it, in order of preference
LANGUAGES = {"pt-BR": ("pt_BR", "pt_PT"), "en": ("en_US", "en_GB"), "es": ("es",)}


@dataclass(frozen=True)
class Closure:
    id: str
    on_date: date
    label: str | None


def country_of(timezone: str | None) -> str | None:
    """ISO 3166 alpha-2 code of the time zone's country, when it has one the library knows."""
    country = get_global("zone_territories").get(timezone or "")
    if not country or country == "001":
        return None
    return country if country in holidays_library.list_supported_countries() else None


@functools.lru_cache(maxsize=256)
def _national(country: str, year: int, locale: str) -> tuple[tuple[date, str], ...]:
    kind = holidays_library.country_holidays(country, years=year)
    known = getattr(kind, "supported_languages", ()) or ()
    language = next((code for code in LANGUAGES.get(locale, ()) if code in known), None)
    days = holidays_library.country_holidays(country, years=year, language=language)
    return tuple(sorted(days.items()))


def national(country: str | None, first: date, last: date, locale: str) -> dict[date, str]:
    """The country's public holidays from `first` to `last` (inclusive), named in `locale`
    where the library has that language."""
    if country is None:
        return {}
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update((day, name) for day, name in _national(country, year, locale)
                     if first <= day <= last)
    return found


def from_row(row: dict) -> Closure:
    return Closure(row["id"], date.fromisoformat(row["on_date"]), row.get("label"))


async def closures(db: AsyncClient, first: date | None = None, last: date | None = None,
                   company_id: str | None = None) -> list[Closure]:
    """The clinic's closures in date order (as a member RLS scopes them; with the service role
    `company_id` must be given)."""
    query = db.table("clinic_closures").select("id,on_date,label")
    if company_id is not None:
        query = query.eq("company_id", company_id)
    if first is not None:
        query = query.gte("on_date", first.isoformat())
    if last is not None:
        query = query.lte("on_date", last.isoformat())
    return [from_row(row) for row in (await query.order("on_date").execute()).data]


def closed_days(national_days: dict[date, str], own: list[Closure],
                closure_name: str) -> dict[date, str]:
    """Every closed day with the name shown for it (a closure without a label: `closure_name`)."""
    return {**national_days, **{c.on_date: c.label or closure_name for c in own}}


async def _call(user: AsyncClient, function: str, params: dict):
    try:
        return (await user.rpc(function, params).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def save_closure(user: AsyncClient, on: date | None, label: str) -> Closure:
    """Admins. Refused: date_required, label_too_long, forbidden."""
    label = " ".join((label or "").split())
    if on is None:
        raise Refused("date_required")
    if len(label) > MAX_LABEL:
        raise Refused("label_too_long")
    return from_row(await _call(user, "save_clinic_closure",
                                {"p_on": on.isoformat(), "p_label": label or None}))


async def remove_closure(user: AsyncClient, closure_id: str) -> None:
    """Admins. Refused: not_found, forbidden."""
    await _call(user, "remove_clinic_closure", {"p_id": closure_id})



async def closed_between(db: AsyncClient, timezone: str | None, locale: str, first: date,
                         last: date) -> dict[date, str]:
    """Days from `first` to `last` the clinic does not open: its country's holidays (by the
    clinic's time zone) and its own closures (named by their label, or "")."""
    return closed_days(national(country_of(timezone), first, last, locale),
                       await closures(db, first, last), "")
