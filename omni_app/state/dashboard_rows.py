"""The home dashboard as the page shows it: today's appointments as rows, and each chart as the
data Recharts draws plus the same numbers as a table (its text alternative), in the reader's
language and the clinic's time zone and currency. Pure functions of domain.dashboard's values."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_percent

from omni_app import paths
from omni_app.domain import pipeline
from omni_app.domain.dashboard import Appointment, Dashboard
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_rows import Reader
from omni_app.state.profile_rows import channel_label

LIMIT = 200                 # home_dashboard lists at most this many of the day's appointments
STATUS_COLORS = {"scheduled": "blue", "confirmed": "green", "completed": "gray",
                 "cancelled": "red", "no_show": "orange"}
CHANNEL_COLORS = {"whatsapp": "grass", "instagram": "pink", "email": "blue", "sms": "amber",
                  "webchat": "cyan", "internal": "gray"}


@dataclass
class TodayRow:
    id: str
    time: str                  # "09:30" on the clinic's clock
    client_name: str
    client_href: str
    professional: str
    service: str
    service_color: str
    status: str
    status_label: str
    status_color: str
    can_confirm: bool
    can_no_show: bool
    confirm_label: str         # the buttons' accessible names say whose and when
    no_show_label: str


@dataclass
class Series:
    key: str                   # the data's key
    name: str                  # shown in the legend and tooltip
    color: str                 # a CSS color


@dataclass
class Chart:
    """One chart: `data` for Recharts, `series` drawn from it, and `rows` under `headers`
    (strings, as the table shows them); `empty` when there is nothing to draw."""
    data: list[dict[str, Any]] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty: bool = True


def shade(color: str) -> str:
    return f"var(--{color}-9)"


def today_row(appointment: Appointment, reader: Reader) -> TodayRow:
    tr = reader.tr
    time = fmt.time_of_day(appointment.starts_at, reader.locale, reader.tz)
    name, status = appointment.client_name, appointment.status
    return TodayRow(
        id=appointment.id, time=time, client_name=name,
        client_href=paths.CLIENT_PROFILE.replace("[client_id]", appointment.client_id),
        professional=appointment.professional_name or tr["dashboard.today.no_professional"],
        service=appointment.service_name or tr["dashboard.today.no_service"],
        service_color=appointment.service_color or "gray",
        status=status, status_label=tr[f"client_profile.appointment.{status}"],
        status_color=STATUS_COLORS.get(status, "gray"),
        can_confirm=status == "scheduled",
        can_no_show=status in ("scheduled", "confirmed"),
        confirm_label=tr["dashboard.today.confirm_label"].format(name=name, time=time),
        no_show_label=tr["dashboard.today.no_show_label"].format(name=name, time=time))


def _day(day: date, locale: str) -> str:
    return format_skeleton("dM", day, locale=fmt.babel_locale(locale))


def _date(day: date, locale: str) -> str:
    return format_date(day, "short", locale=fmt.babel_locale(locale))


def _month(month: date, locale: str, long: bool = False) -> str:
    return format_skeleton("yMMMM" if long else "MMM", month, locale=fmt.babel_locale(locale))


def messages_chart(board: Dashboard, reader: Reader) -> Chart:
    channels = sorted({channel for _, counts in board.messages for channel in counts})
    series = [Series(channel, channel_label(channel), shade(CHANNEL_COLORS.get(channel, "gray")))
              for channel in channels]
    number = lambda n: fmt.number(n, reader.locale)  # noqa: E731
    return Chart(
        data=[{"label": _day(day, reader.locale), **{c: counts.get(c, 0) for c in channels}}
              for day, counts in board.messages],
        series=series,
        headers=[reader.tr["dashboard.col.day"], *(s.name for s in series),
                 reader.tr["dashboard.col.total"]],
        rows=[[_date(day, reader.locale),
               *(number(counts.get(c, 0)) for c in channels), number(sum(counts.values()))]
              for day, counts in board.messages],
        empty=not channels)


def leads_chart(board: Dashboard, reader: Reader) -> Chart:
    name = reader.tr["dashboard.col.leads"]
    return Chart(
        data=[{"label": _day(week, reader.locale), "leads": n} for week, n in board.leads],
        series=[Series("leads", name, shade("indigo"))],
        headers=[reader.tr["dashboard.col.week"], name],
        rows=[[_date(week, reader.locale), fmt.number(n, reader.locale)]
              for week, n in board.leads],
        empty=not any(n for _, n in board.leads))


def funnel_chart(board: Dashboard, reader: Reader) -> Chart:
    named = [(pipeline.name(each.stage, reader.tr), each) for each in board.funnel]
    name = reader.tr["dashboard.col.clients"]
    return Chart(
        data=[{"name": label, "value": each.count, "fill": shade(each.stage.color)}
              for label, each in named],
        series=[Series("value", name, shade("blue"))],
        headers=[reader.tr["dashboard.col.stage"], name],
        rows=[[label, fmt.number(each.count, reader.locale)] for label, each in named],
        empty=not any(each.count for each in board.funnel))


def _percent(rate: float | None, reader: Reader) -> str:
    if rate is None:
        return reader.tr["dashboard.rate.none"]
    return format_percent(rate, "#,##0.#%", locale=fmt.babel_locale(reader.locale))


def no_shows_chart(board: Dashboard, reader: Reader) -> Chart:
    tr, locale = reader.tr, reader.locale
    return Chart(
        data=[{"label": _month(m.month, locale),
               "rate": round(100 * m.rate, 1) if m.rate is not None else 0}
              for m in board.no_shows],
        series=[Series("rate", tr["dashboard.col.rate"] + " (%)", shade("orange"))],
        headers=[tr["dashboard.col.month"], tr["dashboard.col.completed"],
                 tr["dashboard.col.no_show"], tr["dashboard.col.rate"]],
        rows=[[_month(m.month, locale, long=True), fmt.number(m.completed, locale),
               fmt.number(m.no_show, locale), _percent(m.rate, reader)]
              for m in board.no_shows],
        empty=all(m.rate is None for m in board.no_shows))


def revenue_chart(board: Dashboard, reader: Reader, currency: str) -> Chart:
    tr, locale = reader.tr, reader.locale
    months = board.revenue or []
    return Chart(
        data=[{"label": _month(month, locale), "revenue": float(amount)}
              for month, amount in months],
        series=[Series("revenue", f"{tr['dashboard.col.revenue']} ({currency})",
                       shade("green"))],
        headers=[tr["dashboard.col.month"], tr["dashboard.col.revenue"]],
        rows=[[_month(month, locale, long=True), fmt.money(amount, locale, currency)]
              for month, amount in months],
        empty=not any(amount for _, amount in months))
