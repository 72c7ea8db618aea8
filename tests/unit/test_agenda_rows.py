"""The agenda's arithmetic without a database: days cut at the clinic's midnight (a
daylight-saving day is 23 hours long), working hours checked in the clinic's zone, 30
February refused, and blocks placed by local time on a grid that fits every appointment."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from omni_app.domain import agenda
from omni_app.i18n import CATALOGS
from omni_app.state import agenda_rows as rows

SAO_PAULO, NEW_YORK = ZoneInfo("America/Sao_Paulo"), ZoneInfo("America/New_York")
HOURS = {"mon": [{"start": "08:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}]}


def test_days_are_cut_at_the_clinics_midnight_across_a_dst_change():
    starts, ends = agenda.day_bounds(date(2026, 3, 8), 1, NEW_YORK)
    utc = timezone.utc
    assert ends.astimezone(utc) - starts.astimezone(utc) == timedelta(hours=23)
    starts, ends = agenda.day_bounds(date(2026, 12, 14), 7, SAO_PAULO)
    assert starts.astimezone(timezone.utc).hour == 3 and ends - starts == timedelta(days=7)
    assert agenda.week_start(date(2026, 12, 17)) == date(2026, 12, 14)


def test_working_hours_in_the_clinics_zone():
    monday_ten = datetime(2026, 12, 14, 13, 0, tzinfo=timezone.utc)     # 10:00 in São Paulo
    inside = agenda.within_hours(HOURS, monday_ten, monday_ten + timedelta(minutes=30),
                                 SAO_PAULO)
    lunch = agenda.within_hours(HOURS, monday_ten + timedelta(hours=2),
                                monday_ten + timedelta(hours=3), SAO_PAULO)
    across = agenda.within_hours(HOURS, monday_ten + timedelta(hours=1, minutes=45),
                                 monday_ten + timedelta(hours=2, minutes=15), SAO_PAULO)
    tuesday = agenda.within_hours(HOURS, monday_ten + timedelta(days=1),
                                  monday_ten + timedelta(days=1, minutes=30), SAO_PAULO)
    assert (inside, lunch, across, tuesday) == (True, False, False, False)
    assert agenda.within_hours({}, monday_ten, monday_ten + timedelta(hours=20), SAO_PAULO)


def test_dates_that_do_not_exist_are_refused():
    assert rows.moment("2027-02-30", "10:00", SAO_PAULO) is None
    assert rows.moment("2026-12-14", "25:00", SAO_PAULO) is None
    assert rows.moment("2026-12-14", "10:00", SAO_PAULO).astimezone(timezone.utc).hour == 13


def test_blocks_sit_by_local_time_on_a_grid_that_fits_them():
    professional = {"id": "p1", "full_name": "Dra. Ana", "working_hours": HOURS}
    appointment = {"id": "a1", "client_id": "c1", "client_name": "Zé", "service_id": "s1",
                   "professional_id": "p1", "status": "confirmed",
                   "starts_at": "2026-12-14T22:30:00+00:00",      # 19:30 in São Paulo
                   "ends_at": "2026-12-14T23:15:00+00:00"}
    view = rows.View(date(2026, 12, 16), 7, SAO_PAULO, "pt-BR", CATALOGS["pt-BR"])
    built = rows.grid([professional], [appointment], [rows.Option("s1", "Avaliação", 45, "teal")],
                      view, datetime(2026, 12, 14, 15, 0, tzinfo=timezone.utc))
    assert [day.key for day in built.days][0] == "2026-12-14" and len(built.days) == 7
    assert built.first_minute == 8 * 60 and built.hours[-1].label == "20:00"
    monday = built.days[0]
    assert monday.today and not monday.anchor and built.days[2].anchor
    [column] = monday.columns
    [block] = column.blocks
    assert (block.when, block.top, block.height) == ("19:30–20:15", "552px", "36px")
    assert [(s.top, s.height) for s in column.shades] == [("0px", "192px"), ("288px", "192px")]
    assert column.now_top == "192px"                                  # 12:00
    assert built.days[1].columns[0].shades == [] and built.days[1].columns[0].blocks == []
    assert column.slots[0].label == "Agendar às 08:00 com Dra. Ana"
