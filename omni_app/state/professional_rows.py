"""Professionals, their hours, exceptions and the clinic's closed days -> what
/settings/professionals renders, in the reader's language; and the hours form back to the
domain's shape. Pure functions, tested without a browser."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from babel.dates import format_date, get_day_names

from omni_app.domain import holidays_calendar
from omni_app.domain.availability import WEEKDAYS
from omni_app.domain.professionals import Member, ScheduleException
from omni_app.i18n.formatting import babel_locale


@dataclass
class MemberRow:
    id: str = ""
    name: str = ""
    email: str = ""
    is_professional: bool = False
    inactive: bool = False
    specialties: str = ""       # "Ortodontia, Implantes"
    days: str = ""              # the weekdays with hours: "seg, ter, qua"


@dataclass
class IntervalRow:
    start: str = ""
    end: str = ""


@dataclass
class DayRow:
    key: str = ""               # mon..sun
    label: str = ""             # the weekday's name in the reader's language
    intervals: list[IntervalRow] = field(default_factory=list)


@dataclass
class ExceptionRow:
    id: str = ""
    kind: str = ""
    kind_label: str = ""
    dates: str = ""             # "24/12/26 – 26/12/26" or one date
    hours: str = ""             # "09:00–12:00" or "the whole day"
    note: str = ""


@dataclass
class DayOffRow:
    id: str = ""                # a closure's id; "" for a national holiday
    day: str = ""               # formatted
    name: str = ""


def day_names(locale: str, width: str = "wide") -> dict[str, str]:
    names = get_day_names(width, locale=babel_locale(locale))
    return {key: str(names[n]) for n, key in enumerate(WEEKDAYS)}


def short_date(day: date, locale: str) -> str:
    return format_date(day, "short", locale=babel_locale(locale))


def long_date(day: date, locale: str) -> str:
    """"sex., 26/03/2027": the weekday, then the date as the reader writes it."""
    return (f"{format_date(day, 'EEE', locale=babel_locale(locale))}, "
            f"{short_date(day, locale)}")


def member_row(member: Member, locale: str) -> MemberRow:
    short = day_names(locale, "abbreviated")
    return MemberRow(id=member.id, name=member.name, email=member.email,
                     is_professional=member.is_professional,
                     inactive=member.status != "active",
                     specialties=", ".join(member.specialties),
                     days=", ".join(short[d] for d in WEEKDAYS if member.working_hours.get(d)))


def day_rows(hours: dict, locale: str) -> list[DayRow]:
    names = day_names(locale)
    return [DayRow(key=d, label=names[d].capitalize(),
                   intervals=[IntervalRow(i["start"], "00:00" if i["end"] == "24:00"
                                          else i["end"]) for i in hours.get(d, [])])
            for d in WEEKDAYS]


def hours_of(days: list[DayRow]) -> dict:
    """The form back to {"mon": [{"start", "end"}]}; a time input's "00:00" as an end is
    midnight at the end of the day ("24:00"); blank rows are dropped."""
    return {day.key: [{"start": i.start, "end": "24:00" if i.end == "00:00" else i.end}
                      for i in day.intervals if i.start or i.end]
            for day in days}


def exception_row(exception: ScheduleException, tr: dict, locale: str) -> ExceptionRow:
    dates = short_date(exception.starts_on, locale)
    if exception.ends_on != exception.starts_on:
        dates += " – " + short_date(exception.ends_on, locale)
    hours = (f"{exception.start_time}–{exception.end_time}" if exception.start_time
             else tr["professionals.exceptions.whole_day"])
    return ExceptionRow(id=exception.id, kind=exception.kind,
                        kind_label=tr[f"professionals.exceptions.kind.{exception.kind}"],
                        dates=dates, hours=hours, note=exception.note or "")


def holiday_rows(national: dict[date, str], locale: str) -> list[DayOffRow]:
    return [DayOffRow(day=long_date(day, locale), name=name)
            for day, name in sorted(national.items())]


def closure_rows(closures: list[holidays_calendar.Closure], tr: dict,
                 locale: str) -> list[DayOffRow]:
    return [DayOffRow(id=c.id, day=long_date(c.on_date, locale),
                      name=c.label or tr["professionals.closures.unnamed"]) for c in closures]


def country_name(country: str | None, locale: str) -> str:
    if country is None:
        return ""
    return Locale.parse(babel_locale(locale)).territories.get(country, country)
