"""A professional's Schedule over some days, read from the database: their weekly hours, the
exceptions touching those days, the clinic's closed days (national holidays and closures) and
their active appointments, in one call (`professional_schedule`).

As a member, RLS scopes every read to their clinic; with the service role, `company_id` must be
given and scopes each one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from supabase import AsyncClient

from omni_app.domain import clock, holidays_calendar, professionals
from omni_app.domain.availability import Schedule, day_bounds


@dataclass(frozen=True)
class Loaded:
    member: professionals.Member | None     # None: no such member in the clinic
    schedule: Schedule
    national: dict                          # date -> the holiday's name
    closures: tuple                         # the clinic's own (holidays_calendar.Closure)


async def load(db: AsyncClient, professional_id: str, first: date, last: date, timezone: str,
               locale: str, closure_name: str = "", company_id: str | None = None) -> Loaded:
    zone = ZoneInfo(timezone)
    start, end = day_bounds(first, zone)[0], day_bounds(last, zone)[1]
    data = (await db.rpc("professional_schedule", {
        "p_user_id": professional_id, "p_first": first.isoformat(), "p_last": last.isoformat(),
        "p_from": start.isoformat(), "p_to": end.isoformat(), "p_company_id": company_id})
        .execute()).data
    member = professionals.member_from_row(data["member"]) if data.get("member") else None
    exceptions = [professionals.exception_from_row(row) for row in data["exceptions"]]
    closures = [holidays_calendar.from_row(row) for row in data["closures"]]
    busy = tuple((clock.parse_time(a), clock.parse_time(b)) for a, b in data["busy"])
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
