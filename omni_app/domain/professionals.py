"""The clinic's professionals: members flagged as such, with specialties and a weekly template
of working hours (`users.is_professional`, `specialties`, `working_hours`), and their exceptions
(time off, extra hours: `professional_exceptions`). Every member reads them; admins change them
through database functions that check the role and write the audit trail.

Working hours have the shape of the clinic's: {"mon": [{"start": "08:00", "end": "12:00"}, ...]}
with "HH:MM" times ("24:00" ends a day); `check_hours` names the first problem before the
database sees them, so a form can say which day is wrong."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.availability import WEEKDAYS, HoursException
from omni_app.domain.refusals import Refused, from_database

COLUMNS = "id,full_name,email,role,status,is_professional,specialties,working_hours"
MAX_SPECIALTIES, MAX_SPECIALTY = 20, 60
MAX_NOTE = 200
KINDS = ("time_off", "extra_hours")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True)
class Member:
    id: str
    full_name: str
    email: str
    role: str
    status: str
    is_professional: bool
    specialties: tuple[str, ...] = ()
    working_hours: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.full_name or self.email


@dataclass(frozen=True)
class ScheduleException:
    id: str
    user_id: str
    kind: str
    starts_on: date
    ends_on: date
    start_time: str | None      # "HH:MM"; None: whole days
    end_time: str | None
    note: str | None

    def hours(self) -> HoursException:
        """As availability reads it."""
        def clock(text: str | None) -> time | None:
            if text is None:
                return None
            return time(0) if text == "24:00" else time.fromisoformat(text)
        return HoursException(self.kind, self.starts_on, self.ends_on, clock(self.start_time),
                              clock(self.end_time))


def member_from_row(row: dict) -> Member:
    return Member(id=row["id"], full_name=row.get("full_name") or "",
                  email=row.get("email") or "", role=row.get("role") or "staff",
                  status=row.get("status") or "active",
                  is_professional=bool(row.get("is_professional")),
                  specialties=tuple(row.get("specialties") or ()),
                  working_hours=row.get("working_hours") or {})


def _clock(value) -> str | None:
    return None if value is None else str(value)[:5]


def exception_from_row(row: dict) -> ScheduleException:
    return ScheduleException(id=row["id"], user_id=row["user_id"], kind=row["kind"],
                      starts_on=date.fromisoformat(row["starts_on"]),
                      ends_on=date.fromisoformat(row["ends_on"]),
                      start_time=_clock(row.get("start_time")),
                      end_time=_clock(row.get("end_time")), note=row.get("note"))


async def members(db: AsyncClient) -> list[Member]:
    """Every member of the caller's clinic (RLS), by name."""
    rows = (await db.table("users").select(COLUMNS).order("full_name").order("email")
            .execute()).data
    return [member_from_row(row) for row in rows]


async def professionals(db: AsyncClient, company_id: str | None = None) -> list[Member]:
    """The clinic's active professionals, by name (with the service role, give `company_id`)."""
    query = db.table("users").select(COLUMNS).eq("is_professional", True).eq("status", "active")
    if company_id is not None:
        query = query.eq("company_id", company_id)
    rows = (await query.order("full_name").order("email").execute()).data
    return [member_from_row(row) for row in rows]


async def member(db: AsyncClient, user_id: str) -> Member | None:
    rows = (await db.table("users").select(COLUMNS).eq("id", user_id).limit(1).execute()).data
    return member_from_row(rows[0]) if rows else None


def parse_specialties(text: str) -> list[str]:
    """"Ortodontia, implantes ,, Ortodontia" -> ["Ortodontia", "implantes"]."""
    seen, found = set(), []
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            found.append(name)
    return found


def check_specialties(names: list[str]) -> list[str]:
    cleaned = parse_specialties(",".join(n.replace(",", " ") for n in names))
    if any(len(name) > MAX_SPECIALTY for name in cleaned):
        raise Refused("specialty_too_long")
    if len(cleaned) > MAX_SPECIALTIES:
        raise Refused("too_many_specialties")
    return cleaned


def _minutes(text: str) -> int:
    return 24 * 60 if text == "24:00" else int(text[:2]) * 60 + int(text[3:])


def check_hours(hours: dict) -> dict:
    """The hours, each day's intervals in order; Refused(hours_invalid: unknown day or not
    HH:MM, hours_order: a start not before its end, hours_overlap) with the day in `detail`."""
    if not isinstance(hours, dict):
        raise Refused("hours_invalid")
    checked = {}
    for day, intervals in hours.items():
        if day not in WEEKDAYS or not isinstance(intervals, list):
            raise Refused("hours_invalid", str(day))
        spans = []
        for interval in intervals:
            start = interval.get("start") if isinstance(interval, dict) else None
            end = interval.get("end") if isinstance(interval, dict) else None
            if not (isinstance(start, str) and _HHMM.match(start) and isinstance(end, str)
                    and (_HHMM.match(end) or end == "24:00")):
                raise Refused("hours_invalid", day)
            if _minutes(start) >= _minutes(end):
                raise Refused("hours_order", day)
            spans.append((start, end))
        spans.sort(key=lambda span: _minutes(span[0]))
        if any(_minutes(b[0]) < _minutes(a[1]) for a, b in zip(spans, spans[1:])):
            raise Refused("hours_overlap", day)
        checked[day] = [{"start": s, "end": e} for s, e in spans]
    return {day: checked.get(day, []) for day in WEEKDAYS}


async def _call(user: AsyncClient, function: str, params: dict):
    try:
        return (await user.rpc(function, params).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def save(user: AsyncClient, user_id: str, *, is_professional: bool | None = None,
               specialties: list[str] | None = None, working_hours: dict | None = None
               ) -> Member:
    """Admins: what is given (None keeps the member's). Refused: hours_invalid, hours_order,
    hours_overlap, specialty_too_long, too_many_specialties, not_found, forbidden."""
    params = {"p_user_id": user_id, "p_is_professional": is_professional,
              "p_specialties": None if specialties is None else check_specialties(specialties),
              "p_working_hours": None if working_hours is None else check_hours(working_hours)}
    return member_from_row(await _call(user, "save_professional", params))


async def exceptions(db: AsyncClient, user_id: str | None = None, first: date | None = None,
                     last: date | None = None, company_id: str | None = None
                     ) -> list[ScheduleException]:
    """Exceptions touching [first, last] (all when not given), by start date."""
    query = db.table("professional_exceptions").select(
        "id,user_id,kind,starts_on,ends_on,start_time,end_time,note")
    if user_id is not None:
        query = query.eq("user_id", user_id)
    if company_id is not None:
        query = query.eq("company_id", company_id)
    if first is not None:
        query = query.gte("ends_on", first.isoformat())
    if last is not None:
        query = query.lte("starts_on", last.isoformat())
    rows = (await query.order("starts_on").order("created_at").execute()).data
    return [exception_from_row(row) for row in rows]


async def add_exception(user: AsyncClient, user_id: str, kind: str, starts_on: date | None,
                        ends_on: date | None = None, start_time: str | None = None,
                        end_time: str | None = None, note: str = "") -> ScheduleException:
    """Admins. Refused: kind, date_required, dates_order, range_too_long, times_incomplete,
    times_required, times_order, note_too_long, not_professional, not_found, forbidden."""
    note = " ".join((note or "").split())
    start_time, end_time = start_time or None, end_time or None
    if kind not in KINDS:
        raise Refused("kind")
    if starts_on is None:
        raise Refused("date_required")
    if ends_on is not None and ends_on < starts_on:
        raise Refused("dates_order")
    for value in (start_time, end_time):
        if value is not None and not (_HHMM.match(value) or value == "24:00"):
            raise Refused("times_invalid")
    if (start_time is None) != (end_time is None):
        raise Refused("times_incomplete")
    if start_time is not None and _minutes(start_time) >= _minutes(end_time):
        raise Refused("times_order")
    if len(note) > MAX_NOTE:
        raise Refused("note_too_long")
    row = await _call(user, "add_professional_exception", {
        "p_user_id": user_id, "p_kind": kind, "p_starts_on": starts_on.isoformat(),
        "p_ends_on": (ends_on or starts_on).isoformat(), "p_start_time": start_time,
        "p_end_time": end_time, "p_note": note or None})
    return exception_from_row(row)


async def remove_exception(user: AsyncClient, exception_id: str) -> None:
    """Admins. Refused: not_found, forbidden."""
    await _call(user, "remove_professional_exception", {"p_id": exception_id})
