"""The home dashboard at scale (every widget: counters, checklist, today's appointments and the
five charts' series), through the app's own path (domain.dashboard.dashboard: the `supabase`
client, REST, RLS as the demo clinic's staff member, with revenue shown to staff so nothing is
skipped) next to the same function called in SQL as that member (role `authenticated` with
their claims: the same plan without REST, the client or JSON over HTTP). Also prints the plan of
the heaviest series (30 days of messages).

    .venv/bin/python -m benchmarks.home_dashboard [--clients 10000] [--companies 10] [--requests 300]

Goal (issue 12): home dashboard load p95 <= 100 ms.
"""
from __future__ import annotations

import json

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_sql
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import dashboard

STAFF = "a0000000-0000-4000-8000-000000000002"      # the seed's staff member (auth user id)
AS_STAFF = ("select set_config('request.jwt.claims', %s, false), "
            "set_config('role', 'authenticated', false)")
PLAN = """
explain (analyze, buffers, costs off)
select i.channel, count(*) from public.interactions i
where i.company_id = %(c)s
  and i.occurred_at >= (current_date - 1)::timestamp at time zone 'America/Sao_Paulo'
  and i.occurred_at < current_date::timestamp at time zone 'America/Sao_Paulo'
group by i.channel"""


def after_fill(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("insert into public.settings (company_id, staff_sees_revenue) "
                     "values (%s, true) on conflict (company_id) "
                     "do update set staff_sees_revenue = true", (DEMO_COMPANY,))
        # What autovacuum does to a table that stopped changing: the visibility map lets the
        # counts come from the indexes alone.
        conn.execute("vacuum analyze public.interactions, public.clients, "
                     "public.appointments, public.payments")


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    board = await dashboard.dashboard(user)
    assert board is not None and board.revenue is not None
    print(f"  Clínica Demo today: {len(board.appointments)} appointments, "
          f"{sum(sum(c.values()) for _, c in board.messages)} messages in 30 days, "
          f"{sum(each.count for each in board.funnel)} clients in the funnel", flush=True)

    async def load():
        await dashboard.dashboard(user)

    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        for line in conn.execute(PLAN, {"c": DEMO_COMPANY}).fetchall():
            print("   ", line[0])
        claims = json.dumps({"sub": STAFF, "role": "authenticated"})
        conn.execute(AS_STAFF, (claims,))
        return [("home dashboard (all)", await timed(load, count),
                 timed_sql(conn, "select public.home_dashboard()", [()], count))]


if __name__ == "__main__":
    cli(__doc__, measure, after_fill=after_fill,
        legend="app = domain.dashboard.dashboard (supabase client, REST, RLS as staff); SQL = "
               "select public.home_dashboard() as the same staff member (role authenticated, "
               "their claims), no REST")
