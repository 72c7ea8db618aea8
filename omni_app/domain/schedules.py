"""A professional's Schedule over some days, read from the database: their weekly hours, the
exceptions touching those days, the clinic's closed days (national holidays and closures) and
their active appointments. Four reads, sent together.

As a member, RLS scopes every read to their clinic; with the service role, `company_id` must be
given and scopes each one."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from supabase import AsyncClient

from omni_app.domain import clock, holidays_calendar, professionals
from omni_app.domain.availability import ACTIVE, Schedule, day_bounds


@dataclass(frozen=True)
class Loaded:
    member: professionals.Member | None     # None: no such member in the clinic
    schedule: Schedule
    national: dict                          # date -> the holiday's name
    closures: tuple                         # the clinic's own (holidays_calendar.Closure)


async def _busy(db: AsyncClient, professional_id: str, first: date, last: date, zone: ZoneInfo,
                company_id: str | None) -> tuple:
    start, end = day_bounds(first, zone)[0], day_bounds(last, zone)[1]
    query = (db.table("appointments").select("starts_at,ends_at")
             .eq("professional_id", professional_id).in_("status", list(ACTIVE))
             .lt("starts_at", end.isoformat()).gt("ends_at", start.isoformat()))
    if company_id is not None:
        query = query.eq("company_id", company_id)
    rows = (await query.order("starts_at").execute()).data
    return tuple((clock.parse_time(r["starts_at"]), clock.parse_time(r["ends_at"])) for r in rows)


async def _member(db: AsyncClient, professional_id: str, company_id: str | None):
    query = db.table("users").select(professionals.COLUMNS).eq("id", professional_id)
    if company_id is not None:
        query = query.eq("company_id", company_id)
    rows = (await query.limit(1).execute()).data
    return professionals.member_from_row(rows[0]) if rows else None


async def load(db: AsyncClient, professional_id: str, first: date, last: date, timezone: str,
               locale: str, closure_name: str = "", company_id: str | None = None) -> Loaded:
    zone = ZoneInfo(timezone)
    member, exceptions, closures, busy = await asyncio.gather(
        _member(db, professional_id, company_id),
        professionals.exceptions(db, professional_id, first, last, company_id),
        holidays_calendar.closures(db, first, last, company_id),
        _busy(db, professional_id, first, last, zone, company_id))
    national = holidays_calendar.national(holidays_calendar.country_of(timezone), first, last,
                                          locale)
    schedule = Schedule(
        working_hours=member.working_hours if member and member.is_professional else {},
        exceptions=tuple(e.hours() for e in exceptions),
        closed=holidays_calendar.closed_days(national, closures, closure_name), busy=busy)
    return Loaded(member, schedule, national, tuple(closures))


def week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
