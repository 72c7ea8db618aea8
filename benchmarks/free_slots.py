"""A professional's free slots for one week, through the app's own path: domain/schedules.py's
one call reading their hours, exceptions, the clinic's closures and their active appointments
(the `supabase` client, REST, RLS as the seed's staff member, who is a professional) and the
computation of domain/availability.py for a 60-minute service on each of the seven days; next to
the SQL that reads the same rows as superuser (one statement), and to the computation alone.

    .venv/bin/python -m benchmarks.free_slots [--clients 10000] [--companies 10] [--requests 300]

Goal (issue 12): free-slot computation for one professional and one week p95 <= 20 ms.
"""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_calls, timed_sql
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import availability, clock, schedules
from omni_app.domain.availability import day_bounds

ZONE = "America/Sao_Paulo"
SAME_ROWS = """
select (select working_hours from public.users where company_id = %(c)s and id = %(p)s),
       (select coalesce(json_agg(e order by starts_on), '[]') from public.professional_exceptions e
        where company_id = %(c)s and user_id = %(p)s and ends_on >= %(first)s
          and starts_on <= %(last)s),
       (select coalesce(json_agg(k order by on_date), '[]') from public.clinic_closures k
        where company_id = %(c)s and on_date between %(first)s and %(last)s),
       (select coalesce(json_agg(json_build_array(starts_at, ends_at) order by starts_at), '[]')
        from public.appointments where company_id = %(c)s and professional_id = %(p)s
          and status in ('scheduled', 'confirmed')
          and tstzrange(starts_at, ends_at, '[)') && tstzrange(%(start)s, %(end)s, '[)'))"""


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    professional = (await user.rpc("my_profile", {}).execute()).data["user_id"]
    # next week: the demo agenda books up to 30 days ahead
    first, last = schedules.week_of(clock.now().astimezone(ZoneInfo(ZONE)).date()
                                    + timedelta(days=7))
    loaded = await schedules.load(user, professional, first, last, ZONE, "pt-BR")
    slots = availability.week_slots(loaded.schedule, first, 7, 60, ZONE)
    print(f"  {loaded.member.name}: {len(loaded.schedule.busy)} bookings in the week of "
          f"{first}, {sum(map(len, slots.values()))} free starts", flush=True)

    async def week():
        got = await schedules.load(user, professional, first, last, ZONE, "pt-BR")
        availability.week_slots(got.schedule, first, 7, 60, ZONE)

    async def one_day():
        got = await schedules.load(user, professional, first, first, ZONE, "pt-BR")
        availability.free_slots(got.schedule, first, 60, ZONE)

    def compute_only():
        availability.week_slots(loaded.schedule, first, 7, 60, ZONE)

    zone = ZoneInfo(ZONE)
    week_params = {"c": DEMO_COMPANY, "p": professional, "first": first, "last": last,
                   "start": day_bounds(first, zone)[0], "end": day_bounds(last, zone)[1]}
    day_params = {**week_params, "last": first, "end": day_bounds(first, zone)[1]}
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        sql_week = timed_sql(conn, SAME_ROWS, [week_params], count)
        return [
            ("week: read + slots", await timed(week, count), sql_week),
            ("one day: read + slots", await timed(one_day, count),
             timed_sql(conn, SAME_ROWS, [day_params], count)),
            ("week: slots alone", timed_calls(compute_only, count), sql_week),
        ]


if __name__ == "__main__":
    cli(__doc__, measure)
