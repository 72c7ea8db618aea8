"""The agenda's week view at scale, through the app's own path (state.agenda.fetch: the
clinic's professionals and the week's appointments with their clients' names, read with the
`supabase` client over REST under RLS as the seed's staff member, then laid out on the grid by
state.agenda_rows) next to the same SQL run as superuser with the company in the WHERE clause.
The week is the demo clinic's busiest; also one professional's week and one day.

    .venv/bin/python -m benchmarks.agenda_week [--clients 10000] [--companies 10] [--requests 300]

Goal (issue 12): week-view agenda load p95 <= 100 ms.

The demo generator books appointments for every active member; until it marks them, the
members with appointments are made professionals here (working 08:00-18:00 on weekdays)."""
from __future__ import annotations

import time as time_module
from datetime import datetime, time, timedelta

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed
from benchmarks.stats import Figures
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import agenda, clock
from omni_app.i18n import CATALOGS
from omni_app.i18n.formatting import zone
from omni_app.state import agenda_rows
from omni_app.state.agenda import fetch

SQL = """
select a.id, a.client_id, c.full_name, a.service_id, a.professional_id, a.starts_at, a.ends_at,
       a.status, a.notes, a.cancel_reason, a.created_at, a.updated_at
from public.appointments a
join public.clients c on c.company_id = a.company_id and c.id = a.client_id
where a.company_id = %(c)s and a.starts_at >= %(f)s and a.starts_at < %(t)s
  and a.status <> 'cancelled' {extra}
order by a.starts_at, a.id limit 5000"""
PROFESSIONALS = """
select id, full_name, email, working_hours, specialties from public.users
where company_id = %(c)s and is_professional and status = 'active' order by full_name, email"""


def busiest_week(conn: psycopg.Connection) -> datetime:
    """The Monday (São Paulo) of the demo clinic's week with the most appointments."""
    [(monday,)] = conn.execute(
        "select date_trunc('week', starts_at at time zone 'America/Sao_Paulo')::date "
        "from public.appointments where company_id = %s group by 1 order by count(*) desc "
        "limit 1", (DEMO_COMPANY,)).fetchall()
    return datetime.combine(monday, time(), zone("America/Sao_Paulo"))


async def measure(lb, count: int) -> Rows:
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        monday = busiest_week(conn)
        [(one,)] = conn.execute("select professional_id from public.appointments where "
                                "company_id = %s and professional_id is not null limit 1",
                                (DEMO_COMPANY,)).fetchall()
    user = await staff_user(lb)
    tz, tr = zone("America/Sao_Paulo"), CATALOGS["pt-BR"]
    week = agenda.Window(monday, monday + timedelta(days=7), with_cancelled=False)
    theirs = agenda.Window(monday, week.ends, professional_id=str(one), with_cancelled=False)
    day = agenda.Window(monday, monday + timedelta(days=1), with_cancelled=False)
    services = [agenda_rows.Option(s["id"], s["name"], s["duration_minutes"], s["color"])
                for s in await agenda.services(user)]
    first = await fetch(user, 1, week)
    print(f"  Clínica Demo, week of {monday.date()}: {len(first.rows)} appointments, "
          f"{len(first.professionals)} professionals", flush=True)

    def shown(window: agenda.Window, days: int):
        async def load():
            got = await fetch(user, 1, window)
            wanted = [p for p in got.professionals
                      if not window.professional_id or p["id"] == window.professional_id]
            view = agenda_rows.View(window.starts.date(), days, tz, "pt-BR", tr)
            built = agenda_rows.grid(wanted, got.rows, services, view, clock.now())
            assert built.days
        return load

    params = {"c": DEMO_COMPANY, "f": monday, "t": week.ends}
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        def both(sql: str, values: dict) -> Figures:
            """The appointments' query and the professionals', one after the other."""
            latencies = []
            for _ in range(count + 1):
                start = time_module.perf_counter()
                conn.execute(sql, values).fetchall()
                conn.execute(PROFESSIONALS, values).fetchall()
                latencies.append(time_module.perf_counter() - start)
            latencies = latencies[1:]                    # the first one warms up
            return Figures.of(latencies, count / sum(latencies))
        return [
            ("week, every professional", await timed(shown(week, 7), count),
             both(SQL.format(extra=""), params)),
            ("week, one professional", await timed(shown(theirs, 7), count),
             both(SQL.format(extra="and a.professional_id = %(p)s"), {**params, "p": one})),
            ("day, every professional", await timed(shown(day, 1), count),
             both(SQL.format(extra=""), {**params, "t": day.ends})),
        ]


if __name__ == "__main__":
    cli(__doc__, measure, legend="measured = the app's path (state.agenda.fetch + the grid's "
        "layout: supabase client, REST, RLS as staff); baseline = the same SQL as superuser, "
        "company in the WHERE clause")
