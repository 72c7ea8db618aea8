"""Agenda data -> what /agenda renders: one column per professional and day, each with its
working hours shaded, half-hour slots to click, the appointments placed by time (pixels from
the grid's first hour) in their service's color, and the "now" line; hour labels for the
gutter. Times are the clinic's (a day is cut at its local midnight). Pure functions."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, format_time

from omni_app.domain import agenda
from omni_app.domain.clock import parse_time
from omni_app.i18n.formatting import babel_locale
from omni_app.state import risk_rows

PX_PER_MINUTE = 0.8          # 48 px an hour: a 30-minute slot is 24 px
SLOT_MINUTES = 30
DEFAULT_HOURS = (8, 18)
ALL = "all"


@dataclass
class Option:
    id: str = ""
    name: str = ""
    minutes: int = 0            # a service's duration
    color: str = "gray"


@dataclass
class Shade:
    top: str = "0px"
    height: str = "0px"


@dataclass
class Slot:
    key: str = ""               # "<day>|<professional>|HH:MM"
    label: str = ""             # "Agendar 10:00 com Dra. Beatriz"
    top: str = "0px"


@dataclass
class Block:
    id: str = ""
    client: str = ""
    service: str = ""
    when: str = ""              # "10:00–10:30"
    start: str = ""             # "10:00"
    status: str = ""
    status_label: str = ""
    color: str = "gray"
    top: str = "0px"
    height: str = "24px"
    short: bool = False         # too short for a second line
    movable: bool = True        # scheduled or confirmed
    label: str = ""             # for screen readers
    risk: str = ""              # the client's no-show risk when it earns a mark: medium | high
    risk_text: str = ""         # "Risco alto"
    risk_label: str = ""        # "Risco de falta: alto — 2 faltas anteriores"
    risk_color: str = "gray"


@dataclass
class Column:
    key: str = ""               # "<day>|<professional>"
    day: str = ""               # ISO date
    professional_id: str = ""
    heading: str = ""
    picked: bool = True         # the phone view's professional
    now_top: str = ""           # "" unless the line falls in this column
    shades: list[Shade] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class DayGroup:
    key: str = ""
    label: str = ""
    closed: str = ""            # the holiday or closure that day (the clinic does not open)
    today: bool = False
    anchor: bool = True         # the day a phone shows
    columns: list[Column] = field(default_factory=list)


@dataclass
class Hour:
    label: str = ""
    top: str = "0px"


@dataclass
class Grid:
    hours: list[Hour]
    days: list[DayGroup]
    first_minute: int
    height: str


@dataclass(frozen=True)
class View:
    anchor: date
    days: int                      # 1 or 7
    tz: ZoneInfo
    locale: str
    tr: dict
    phone_professional: str = ""
    service_filter: str = ALL
    closed: dict = field(default_factory=dict)     # ISO day -> holiday or closure name


def px(minutes: float) -> str:
    return f"{round(minutes * PX_PER_MINUTE)}px"


def first_day(view: View) -> date:
    return agenda.week_start(view.anchor) if view.days == 7 else view.anchor


def hour_range(professionals: list[dict], rows: list[dict], view: View) -> tuple[int, int]:
    """The grid's first and last hour: the professionals' working hours and every shown
    appointment fit in it."""
    starts, ends = [DEFAULT_HOURS[0] * 60], [DEFAULT_HOURS[1] * 60]
    for professional in professionals:
        for intervals in (professional.get("working_hours") or {}).values():
            for slot in intervals:
                starts.append(agenda._minutes(slot["start"]))
                ends.append(agenda._minutes(slot["end"]))
    for row in rows:
        start = parse_time(row["starts_at"]).astimezone(view.tz)
        end = parse_time(row["ends_at"]).astimezone(view.tz)
        starts.append(start.hour * 60 + start.minute)
        ends.append(24 * 60 if end.date() != start.date() else end.hour * 60 + end.minute)
    return min(starts) // 60, min(24, -(-max(ends) // 60))


def _clock(minutes: int, locale: str) -> str:
    return format_time(time(minutes // 60 % 24, minutes % 60), "short",
                       locale=babel_locale(locale))


def block(row: dict, view: View, services: dict[str, Option], first_minute: int) -> Block:
    tr, locale = view.tr, view.locale
    start = parse_time(row["starts_at"]).astimezone(view.tz)
    end = parse_time(row["ends_at"]).astimezone(view.tz)
    minute = start.hour * 60 + start.minute
    length = max(1, int((parse_time(row["ends_at"]) - parse_time(row["starts_at"]))
                        .total_seconds() // 60))      # in UTC: a DST change is no hour more
    service = services.get(row.get("service_id") or "", Option())
    begins = format_time(start, "short", locale=babel_locale(locale))
    when = f"{begins}–{format_time(end, 'short', locale=babel_locale(locale))}"
    status = row.get("status") or "scheduled"
    client = row.get("client_name") or ""
    risk = row.get("no_show_risk")
    risk_label = risk_rows.label(risk, row.get("no_show_reasons"), tr, locale)
    return Block(
        id=row["id"], client=client, service=service.name, when=when, start=begins,
        status=status,
        status_label=tr.get(f"agenda.status.{status}", status), color=service.color,
        top=px(minute - first_minute), height=px(max(length, 20)), short=length < 40,
        movable=status in ("scheduled", "confirmed"),
        label=f"{when} {client} {service.name} ({tr.get(f'agenda.status.{status}', status)})"
              + (f". {risk_label}" if risk_label else ""),
        risk=risk_rows.level(risk), risk_text=risk_rows.badge(risk, tr), risk_label=risk_label,
        risk_color=risk_rows.color(risk))


def column(day: date, professional: dict, rows: list[dict], view: View,
           services: dict[str, Option], hours: tuple[int, int], now: datetime) -> Column:
    first, last = hours[0] * 60, hours[1] * 60
    name = professional.get("full_name") or professional.get("email") or ""
    shades = [Shade(px(max(start, first) - first), px(min(end, last) - max(start, first)))
              for start, end in agenda.hours_on(professional.get("working_hours") or {}, day)
              if end > first and start < last]
    slots = [Slot(f"{day.isoformat()}|{professional['id']}|{minute // 60:02d}:{minute % 60:02d}",
                  view.tr["agenda.slot"].format(time=_clock(minute, view.locale), name=name),
                  px(minute - first))
             for minute in range(first, last, SLOT_MINUTES)]
    local_now = now.astimezone(view.tz)
    now_minute = local_now.hour * 60 + local_now.minute
    now_top = px(now_minute - first) if local_now.date() == day and first <= now_minute < last \
        else ""
    blocks = [block(row, view, services, first) for row in rows
              if row.get("professional_id") == professional["id"]
              and parse_time(row["starts_at"]).astimezone(view.tz).date() == day
              and (view.service_filter == ALL or row.get("service_id") == view.service_filter)]
    return Column(key=f"{day.isoformat()}|{professional['id']}", day=day.isoformat(),
                  professional_id=professional["id"], heading=name,
                  picked=professional["id"] == view.phone_professional, now_top=now_top,
                  shades=shades, slots=slots, blocks=blocks)


def grid(professionals: list[dict], rows: list[dict], services: list[Option], view: View,
         now: datetime) -> Grid:
    """The days shown (the anchor's week, or the anchor alone), each with a column per
    professional in `professionals` (already filtered)."""
    hours = hour_range(professionals, rows, view)
    by_id = {option.id: option for option in services}
    start, today = first_day(view), now.astimezone(view.tz).date()
    days = []
    for offset in range(view.days):
        day = start + timedelta(days=offset)
        days.append(DayGroup(
            key=day.isoformat(),
            label=format_skeleton("MMMEd", day, locale=babel_locale(view.locale)),
            closed=(view.closed.get(day.isoformat()) or view.tr["agenda.closed.unnamed"])
            if day.isoformat() in view.closed else "",
            today=day == today, anchor=day == view.anchor,
            columns=[column(day, professional, rows, view, by_id, hours, now)
                     for professional in professionals]))
    labels = [Hour(_clock(hour * 60, view.locale), px((hour - hours[0]) * 60))
              for hour in range(hours[0], hours[1])]
    return Grid(labels, days, hours[0] * 60, px((hours[1] - hours[0]) * 60))


def title(view: View) -> str:
    """The period shown: "14 de dez. de 2026", or the week's first and last day."""
    loc = babel_locale(view.locale)
    if view.days == 1:
        return format_skeleton("yMMMMEEEEd", view.anchor, locale=loc)
    start = first_day(view)
    return f"{format_skeleton('MMMd', start, locale=loc)} – " \
           f"{format_skeleton('yMMMd', start + timedelta(days=6), locale=loc)}"


def moment(day: str, clock: str, tz: ZoneInfo) -> datetime | None:
    """A date (YYYY-MM-DD) and a time (HH:MM) in the clinic's zone, as an instant; None when
    either is not a real one (30 February, 25:00)."""
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tz)
    except (ValueError, TypeError):
        return None


def local_parts(value: str, tz: ZoneInfo) -> tuple[str, str]:
    """An instant as the date and time inputs show it in the clinic's zone."""
    local = parse_time(value).astimezone(tz)
    return local.date().isoformat(), local.strftime("%H:%M")


def minutes_between(starts: str, ends: str) -> int:
    return int((parse_time(ends) - parse_time(starts)).total_seconds() // 60)
