"""The analyst's per-client work at scale: a client's context assembled (one `analyst_context`
call through the `supabase` client, REST, RLS as the demo clinic's staff member, then parsed)
and analysed by the rules, next to the same function called in SQL as that member. Also the
rules alone (pure Python) and the context builder's tokens per snapshot (o200k_base).

    .venv/bin/python -m benchmarks.analyst_snapshot [--clients 10000] [--companies 10] [--requests 300]

Goal (issue 13): assembly + heuristic analysis p95 <= 50 ms per client.
"""
from __future__ import annotations

import json
import statistics
import time

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_sql
from benchmarks.stats import Figures
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import clock
from omni_app.domain.analyst import context, heuristic

STAFF = "a0000000-0000-4000-8000-000000000002"      # the seed's staff member (auth user id)
AS_STAFF = ("select set_config('request.jwt.claims', %s, false), "
            "set_config('role', 'authenticated', false)")
BUSIEST = """select client_id from public.interactions where company_id = %s
             group by client_id order by count(*) desc limit %s"""


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        clients = [row[0] for row in conn.execute(BUSIEST, (DEMO_COMPANY, count)).fetchall()]
    now, turn = clock.now(), iter(range(10**9))

    async def one() -> context.ClientContext:
        return await context.load(user, DEMO_COMPANY, str(clients[next(turn) % len(clients)]),
                                  now)

    async def assemble_and_analyse():
        heuristic.analyze(await one())

    contexts = [await one() for _ in range(len(clients))]
    rules = []
    for ctx in contexts:
        started = time.perf_counter()
        heuristic.analyze(ctx)
        rules.append(time.perf_counter() - started)
    counts = [context.render(ctx).tokens for ctx in contexts]
    ordered = sorted(counts)
    print(f"  {len(contexts)} busiest clients of Clínica Demo: "
          f"{statistics.mean(len(c.messages) for c in contexts):.1f} messages and "
          f"{statistics.mean(len(c.visits) for c in contexts):.1f} appointments each (mean)")
    print(f"  tokens per snapshot (context builder, o200k_base): mean "
          f"{statistics.mean(counts):.0f}, p95 {ordered[int(len(ordered) * 0.95)]}, max "
          f"{ordered[-1]} (budget {context.DEFAULT_BUDGET})")
    rules_only = Figures.of(rules, len(rules) / sum(rules))
    print(f"  rules alone: p50 {rules_only.p50_ms:.2f} ms, p95 {rules_only.p95_ms:.2f} ms",
          flush=True)

    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        conn.execute(AS_STAFF, (json.dumps({"sub": STAFF, "role": "authenticated"}),))
        sql = timed_sql(conn, "select public.analyst_context(%s, %s)",
                        [(DEMO_COMPANY, c) for c in clients], count)
    return [("assemble + rules", await timed(assemble_and_analyse, count), sql)]


if __name__ == "__main__":
    cli(__doc__, measure,
        legend="app = context.load (supabase client, REST, RLS as staff) + heuristic.analyze; "
               "SQL = select public.analyst_context(...) as the same staff member, no REST")
