"""Dates, times, ages, numbers and money as the reader's language writes them, in the clinic's
time zone, through Babel: the one place the app formats them (pt-BR, en, es)."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.numbers import format_currency, format_decimal

from omni_app.domain.clock import parse_time

BABEL_LOCALES = {"pt-BR": "pt_BR", "en": "en", "es": "es"}
DEFAULT_ZONE = "America/Sao_Paulo"
DEFAULT_CURRENCY = "BRL"
RECENT = timedelta(days=7)     # younger than this: "5 min", "3 h", "2 dias"; older: a date


def babel_locale(locale: str) -> str:
    return BABEL_LOCALES.get(locale, "pt_BR")


def zone(name: str | None) -> ZoneInfo:
    """The clinic's time zone (a bad name reads as São Paulo's rather than failing a page)."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def date_time(value: str | datetime | None, locale: str, tz: str | None) -> str:
    """15/12/2026 17:10 (pt-BR), 12/15/26, 5:10 PM (en); empty for no value."""
    if not value:
        return ""
    return format_datetime(parse_time(value), "short", tzinfo=zone(tz), locale=babel_locale(locale))


def date(value: str | datetime, locale: str, tz: str | None) -> str:
    return format_date(parse_time(value).astimezone(zone(tz)).date(), "short",
                       locale=babel_locale(locale))


def time_of_day(value: str | datetime, locale: str, tz: str | None) -> str:
    return format_time(parse_time(value), "short", tzinfo=zone(tz), locale=babel_locale(locale))


def age(value: str | datetime, now: datetime, locale: str, tz: str | None, just_now: str) -> str:
    """How long ago, shortly ("5 min", "3 h", "2 dias"); `just_now` under a minute; a date
    past a week."""
    elapsed = max(timedelta(0), now - parse_time(value))
    if elapsed < timedelta(minutes=1):
        return just_now
    if elapsed >= RECENT:
        return date(value, locale, tz)
    return format_timedelta(elapsed, threshold=1.0, format="short", locale=babel_locale(locale))


def same_day(value: str | datetime, now: datetime, tz: str | None) -> bool:
    local = zone(tz)
    return parse_time(value).astimezone(local).date() == now.astimezone(local).date()


def money(amount: Decimal | float | int | str, locale: str,
          currency: str = DEFAULT_CURRENCY) -> str:
    """R$ 1.234,50 (pt-BR), R$1,234.50 (en)."""
    return format_currency(Decimal(str(amount)), currency, locale=babel_locale(locale))


def number(value: int | float | str, locale: str) -> str:
    return format_decimal(Decimal(str(value)), locale=babel_locale(locale))


def counted(tr: dict[str, str], key: str, n: int, locale: str) -> str:
    """`key.zero` for none when the catalog has one, else `key.one` or `key.other` (the
    language's plural rule, through Babel: pt counts 0 as one), with {count}."""
    if n == 0 and f"{key}.zero" in tr:
        return tr[f"{key}.zero"]
    form = Locale.parse(babel_locale(locale)).plural_form(n)
    text = tr.get(f"{key}.{form}") or tr[f"{key}.other"]
    return text.format(count=number(n, locale))
