"""When a professional can take a booking: free start times on one day, from their weekly hours
(plus extra hours, minus time off), never on a national holiday or a clinic closure, never over
an active appointment.

Everything is computed on instants (UTC), not on wall-clock times, so a day on which the clock
jumps is right: the clinic's day runs from its local midnight to the next (23 or 25 hours on a
daylight-saving change), a working interval starts and ends at its local times on that day, and
an appointment lasts its real minutes. Start times lie on a grid of STEP_MINUTES counted from
the local midnight: every offset in the time zone database is a multiple of 15 minutes, so the
grid reads :00, :15, :30, :45 on the clinic's clock, across the change too (an hour that happens
twice offers its starts twice, each with its own UTC offset)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STEP_MINUTES = 15
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ACTIVE = ("scheduled", "confirmed")

Interval = tuple[datetime, datetime]      # [start, end), aware


@dataclass(frozen=True)
class HoursException:
    """Time off (whole days when `start` is None) or extra hours, the same on each day of the
    range."""
    kind: str                               # time_off | extra_hours
    starts_on: date
    ends_on: date
    start: time | None = None
    end: time | None = None                 # time(0) with `start` set: until midnight (24:00)

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Schedule:
    """What decides a professional's availability over some days."""
    working_hours: dict = field(default_factory=dict)   # {"mon": [{"start", "end"}], ...}
    exceptions: tuple[HoursException, ...] = ()
    closed: dict[date, str] = field(default_factory=dict)   # holidays and closures: their name
    busy: tuple[Interval, ...] = ()                     # active appointments


def _clock(text: str) -> time | None:
    """"HH:MM" -> time; "24:00" -> None (the end of the day)."""
    return None if text == "24:00" else time.fromisoformat(text)


def _at(day: date, moment: time | None, zone: ZoneInfo) -> datetime:
    """The instant `moment` (None: the next midnight) on `day` in `zone`, in UTC. A local time
    that does not exist (skipped by a change) is read with the offset before the change."""
    if moment is None:
        day, moment = day + timedelta(days=1), time(0)
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def day_bounds(day: date, zone: ZoneInfo) -> Interval:
    return _at(day, time(0), zone), _at(day, None, zone)


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals: list[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    left = intervals
    for cut_start, cut_end in cuts:
        kept = []
        for start, end in left:
            if cut_end <= start or end <= cut_start:
                kept.append((start, end))
                continue
            if start < cut_start:
                kept.append((start, cut_start))
            if cut_end < end:
                kept.append((cut_end, end))
        left = kept
    return left


def _exception_span(exception: HoursException, day: date, zone: ZoneInfo) -> Interval:
    if exception.start is None:
        return day_bounds(day, zone)
    end = exception.end if exception.end != time(0) else None
    return _at(day, exception.start, zone), _at(day, end, zone)


def open_intervals(schedule: Schedule, day: date, zone: ZoneInfo) -> list[Interval]:
    """The professional's working time on `day` (UTC intervals), before bookings: none on a
    closed day."""
    if day in schedule.closed:
        return []
    weekly = [(_at(day, _clock(i["start"]), zone), _at(day, _clock(i["end"]), zone))
              for i in schedule.working_hours.get(WEEKDAYS[day.weekday()], [])]
    today = [e for e in schedule.exceptions if e.covers(day)]
    extra = [_exception_span(e, day, zone) for e in today if e.kind == "extra_hours"]
    off = [_exception_span(e, day, zone) for e in today if e.kind == "time_off"]
    return _subtract(_merge(weekly + extra), off)


def free_slots(schedule: Schedule, day: date, duration_minutes: int, timezone: str, *,
               step_minutes: int = STEP_MINUTES, not_before: datetime | None = None
               ) -> list[datetime]:
    """Start times on `day` (in the clinic's `timezone`, aware) at which a booking of
    `duration_minutes` fits wholly in the professional's open time and overlaps no active
    appointment; `not_before` drops earlier starts (now, for a booking flow)."""
    zone = ZoneInfo(timezone)
    free = _subtract(open_intervals(schedule, day, zone), schedule.busy)
    length, step = timedelta(minutes=duration_minutes), timedelta(minutes=step_minutes)
    first, last = day_bounds(day, zone)
    slots, at = [], first
    for start, end in free:
        while at < start:
            at += step
        while at < last and at + length <= end:
            if not_before is None or at >= not_before:
                slots.append(at.astimezone(zone))
            at += step
    return slots


def week_slots(schedule: Schedule, first_day: date, days: int, duration_minutes: int,
               timezone: str, **options) -> dict[date, list[datetime]]:
    return {first_day + timedelta(days=n): free_slots(schedule, first_day + timedelta(days=n),
                                                      duration_minutes, timezone, **options)
            for n in range(days)}
