"""Free slots from weekly hours, exceptions, closed days and bookings, on the clinic's clock:
the grid, the edges of intervals, a booking's length, and days on which the clock jumps
(America/New_York springs forward on 2026-03-08 and falls back on 2026-11-01; America/Santiago
falls back on 2026-04-05)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from omni_app.domain.availability import (HoursException, Schedule, free_slots,
                                          open_intervals, week_slots)
from omni_app.domain.professionals import check_hours, parse_specialties
from omni_app.domain.refusals import Refused

SP = "America/Sao_Paulo"
NY = "America/New_York"
MONDAY = date(2026, 12, 7)
WEEKDAYS_8_18 = {d: [{"start": "08:00", "end": "18:00"}] for d in ("mon", "tue", "wed", "thu",
                                                                     "fri")}


def hhmm(slots) -> list[str]:
    return [s.strftime("%H:%M") for s in slots]


def at(day: date, hour: int, minute: int = 0, zone: str = SP) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def test_a_working_day_on_a_15_minute_grid_where_the_booking_fits():
    schedule = Schedule({"mon": [{"start": "08:00", "end": "10:00"}]})
    slots = free_slots(schedule, MONDAY, 60, SP)
    assert hhmm(slots) == ["08:00", "08:15", "08:30", "08:45", "09:00"]
    assert slots[0].isoformat() == "2026-12-07T08:00:00-03:00"
    assert free_slots(schedule, MONDAY + timedelta(days=1), 60, SP) == []   # no hours on Tuesday
    assert free_slots(schedule, MONDAY, 121, SP) == []                       # longer than the day


def test_split_hours_join_when_they_touch_and_an_odd_start_snaps_to_the_grid():
    touching = Schedule({"mon": [{"start": "08:00", "end": "09:00"},
                                 {"start": "09:00", "end": "10:00"}]})
    assert "08:30" in hhmm(free_slots(touching, MONDAY, 60, SP))   # spans both intervals
    lunch = Schedule({"mon": [{"start": "08:10", "end": "09:00"},
                              {"start": "13:00", "end": "14:00"}]})
    assert hhmm(free_slots(lunch, MONDAY, 30, SP)) == ["08:15", "08:30", "13:00", "13:15",
                                                       "13:30"]


def test_bookings_take_their_time_and_only_active_ones_are_given():
    busy = ((at(MONDAY, 9), at(MONDAY, 10)), (at(MONDAY, 11, 30), at(MONDAY, 12)))
    schedule = Schedule({"mon": [{"start": "08:00", "end": "12:00"}]}, busy=busy)
    assert hhmm(free_slots(schedule, MONDAY, 60, SP)) == ["08:00", "10:00", "10:15", "10:30"]
    # a booking from another day that runs past midnight into this one
    early = Schedule({"mon": [{"start": "00:00", "end": "02:00"}]},
                     busy=((at(MONDAY, 0) - timedelta(hours=1), at(MONDAY, 1)),))
    assert hhmm(free_slots(early, MONDAY, 60, SP)) == ["01:00"]


def test_time_off_extra_hours_and_closed_days():
    off_afternoon = HoursException("time_off", MONDAY, MONDAY, time(12), time(18))
    extra_saturday = HoursException("extra_hours", MONDAY + timedelta(days=5),
                                    MONDAY + timedelta(days=5), time(9), time(11))
    vacation = HoursException("time_off", MONDAY + timedelta(days=1), MONDAY + timedelta(days=2))
    schedule = Schedule(WEEKDAYS_8_18, exceptions=(off_afternoon, extra_saturday, vacation),
                        closed={MONDAY + timedelta(days=3): "Natal"})
    week = week_slots(schedule, MONDAY, 7, 60, SP, step_minutes=60)
    assert {day.isoformat(): hhmm(slots) for day, slots in week.items()} == {
        "2026-12-07": ["08:00", "09:00", "10:00", "11:00"],           # afternoon off
        "2026-12-08": [], "2026-12-09": [],                           # vacation
        "2026-12-10": [],                                              # closed
        "2026-12-11": ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00",
                       "16:00", "17:00"],
        "2026-12-12": ["09:00", "10:00"],                              # extra hours
        "2026-12-13": []}
    late = Schedule({}, exceptions=(HoursException("extra_hours", MONDAY, MONDAY, time(23),
                                                   time(0)),))        # 23:00-24:00
    assert hhmm(free_slots(late, MONDAY, 30, SP)) == ["23:00", "23:15", "23:30"]
    assert hhmm(free_slots(Schedule({"mon": [{"start": "22:00", "end": "24:00"}]}), MONDAY,
                           60, SP, step_minutes=60)) == ["22:00", "23:00"]


def test_not_before_drops_past_starts():
    schedule = Schedule({"mon": [{"start": "08:00", "end": "10:00"}]})
    slots = free_slots(schedule, MONDAY, 30, SP, not_before=at(MONDAY, 8, 40))
    assert hhmm(slots) == ["08:45", "09:00", "09:15", "09:30"]


def test_spring_forward_skips_the_missing_hour_and_keeps_real_lengths():
    day = date(2026, 3, 8)          # 02:00 EST becomes 03:00 EDT
    schedule = Schedule({"sun": [{"start": "01:00", "end": "04:00"}]})
    slots = free_slots(schedule, day, 30, NY)
    assert hhmm(slots) == ["01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30"]
    # 01:45 EST + 30 minutes is 03:15 EDT: inside the hours, though 02:xx never shows
    assert slots[3].isoformat() == "2026-03-08T01:45:00-05:00"
    assert slots[4].isoformat() == "2026-03-08T03:00:00-04:00"
    # the whole day has 23 hours, so 92 starts of 15 minutes
    assert len(free_slots(Schedule({"sun": [{"start": "00:00", "end": "24:00"}]}), day, 15,
                          NY)) == 92
    [(start, end)] = open_intervals(schedule, day, ZoneInfo(NY))
    assert end - start == timedelta(hours=2)


def test_fall_back_offers_the_repeated_hour_twice():
    day = date(2026, 11, 1)         # 02:00 EDT becomes 01:00 EST
    schedule = Schedule({"sun": [{"start": "00:00", "end": "03:00"}]})
    slots = free_slots(schedule, day, 60, NY, step_minutes=60)
    assert [s.isoformat() for s in slots] == [
        "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00",
        "2026-11-01T02:00:00-05:00"]
    assert len(free_slots(Schedule({"sun": [{"start": "00:00", "end": "24:00"}]}), day, 15,
                          NY)) == 100
    # a booking of the first 01:00 leaves the second one free
    first = slots[1].astimezone(UTC)
    busy = Schedule(schedule.working_hours, busy=((first, first + timedelta(hours=1)),))
    assert [s.isoformat() for s in free_slots(busy, day, 60, NY, step_minutes=60)] == [
        "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"]


def test_santiago_falls_back_at_midnight():
    day = date(2026, 4, 4)          # Chile: 2026-04-05 00:00 -03 becomes 2026-04-04 23:00 -04
    schedule = Schedule({"sat": [{"start": "22:00", "end": "24:00"}]})
    slots = free_slots(schedule, day, 60, "America/Santiago", step_minutes=60)
    assert [s.isoformat() for s in slots] == [
        "2026-04-04T22:00:00-03:00", "2026-04-04T23:00:00-03:00", "2026-04-04T23:00:00-04:00"]


def test_hours_are_checked_day_by_day():
    assert check_hours({"mon": [{"start": "13:00", "end": "18:00"},
                                {"start": "08:00", "end": "12:00"}]})["mon"] == [
        {"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}]
    for hours, reason in (
            ({"mon": [{"start": "10:00", "end": "09:00"}]}, "hours_order"),
            ({"tue": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]},
             "hours_overlap"),
            ({"mon": [{"start": "8h", "end": "12:00"}]}, "hours_invalid"),
            ({"funday": []}, "hours_invalid")):
        with pytest.raises(Refused) as refused:
            check_hours(hours)
        assert refused.value.reason == reason


def test_specialties_are_a_comma_list_kept_once():
    assert parse_specialties(" Ortodontia, implantes ,, ortodontia,Clínico  geral") == [
        "Ortodontia", "implantes", "Clínico geral"]
