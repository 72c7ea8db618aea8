"""The inbox and home counters at scale, through REST as a staff member (RLS) next to the same
SQL run directly as superuser (no RLS), plus the same SQL as the staff role without HTTP to
show what RLS alone costs.

    .venv/bin/python -m benchmarks.inbox_queries [--clients 10000] [--companies 10]

Data: the generator's clinics (default 10 x 10k clients, ~100k interactions each); the staff
member belongs to "Clínica Demo".
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import httpx
import psycopg

from benchmarks.localbase_api import measure
from benchmarks.stats import print_table
from localbase.testing import running_localbase
from omni_app.demo_data.__main__ import DEMO_COMPANY, create_company
from omni_app.demo_data.generator import Plan, load

PROJECT = Path(__file__).resolve().parent.parent
INBOX_PARAMS = {"select": "id,client_id,client_name,client_phone,channel,last_message_at,"
                          "last_message_preview,last_message_direction,unread_count",
                "status": "eq.active", "order": "last_message_at.desc.nullslast", "limit": "50"}
INBOX_SQL = """
select coalesce(json_agg(t), '[]')::text from (
  select id, client_id, client_name, client_phone, channel, last_message_at, last_message_preview,
         last_message_direction, unread_count
  from public.inbox_conversations
  where status = 'active' {scope}
  order by last_message_at desc nulls last limit 50) t
"""
COUNTERS_SQL = """
select jsonb_build_object(
  'open_conversations', (select count(*) from public.conversation_threads
                         where company_id = %(c)s and status = 'active'),
  'unread_messages', (select coalesce(sum(unread_count), 0) from public.conversation_threads
                      where company_id = %(c)s and status = 'active'),
  'appointments_today', (select count(*) from public.appointments where company_id = %(c)s
                         and starts_at >= date_trunc('day', now())
                         and starts_at < date_trunc('day', now()) + interval '1 day'
                         and status in ('scheduled', 'confirmed', 'completed')),
  'open_leads', (select count(*) from public.clients where company_id = %(c)s and is_lead
                 and pipeline_stage not in ('won', 'lost')),
  'revenue_this_month', (select coalesce(sum(amount), 0) from public.payments where company_id = %(c)s
                         and status = 'paid' and paid_at >= date_trunc('month', now())))
"""


def fill(dsn: str, clients: int, companies: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for index in range(companies):
            started = time.perf_counter()
            company = DEMO_COMPANY if index == 0 else create_company(conn, f"Clínica {index}")
            counts = load(conn, company, Plan(clients, seed=index))
            print(f"  company {index + 1}/{companies}: {counts['interactions']} interactions "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)
        conn.execute("analyze")


def run(clients: int, companies: int, count: int) -> None:
    with running_localbase(PROJECT, token_rate_limit=1_000_000) as lb:
        print(f"Generating {companies} clinics x {clients} clients ...", flush=True)
        fill(lb.admin_dsn, clients, companies)
        session = httpx.post(f"{lb.url}/auth/v1/token", params={"grant_type": "password"},
                             headers={"apikey": lb.anon_key},
                             json={"email": "staff@demo.clinic", "password": "omni-demo-staff"}
                             ).raise_for_status().json()
        claims = json.dumps({"sub": session["user"]["id"], "role": "authenticated"})
        headers = {"apikey": lb.anon_key, "Authorization": f"Bearer {session['access_token']}"}

        def api_session():
            return httpx.Client(base_url=lb.url, headers=headers, timeout=30)

        def superuser_session():
            return psycopg.connect(lb.admin_dsn, autocommit=True)

        def api_inbox(c):
            r = c.get("/rest/v1/inbox_conversations", params=INBOX_PARAMS)
            assert r.status_code == 200 and len(r.json()) == 50, r.text[:200]

        def sql_inbox(c):
            c.execute(INBOX_SQL.format(scope="and company_id = %s"), (DEMO_COMPANY,)).fetchone()

        def rls_inbox(c):
            with c.transaction():
                c.execute("select set_config('role', 'authenticated', true), "
                          "set_config('request.jwt.claims', %s, true)", (claims,))
                c.execute(INBOX_SQL.format(scope="")).fetchone()

        def superuser_inbox_same_shape(c):
            """The RLS row's baseline: the same transaction and settings, as superuser."""
            with c.transaction():
                c.execute("select set_config('role', 'postgres', true), "
                          "set_config('request.jwt.claims', %s, true)", (claims,))
                c.execute(INBOX_SQL.format(scope="and company_id = %s"), (DEMO_COMPANY,)).fetchone()

        def api_counters(c):
            r = c.post("/rest/v1/rpc/home_counters", json={})
            assert r.status_code == 200 and r.json()["open_conversations"] >= 0, r.text

        def sql_counters(c):
            c.execute(COUNTERS_SQL, {"c": DEMO_COMPANY}).fetchone()

        rows = [("inbox (REST as staff)", measure(api_inbox, api_session, count, 4),
                 measure(sql_inbox, superuser_session, count, 4)),
                ("inbox (SQL as staff, RLS)", measure(rls_inbox, superuser_session, count, 4),
                 measure(superuser_inbox_same_shape, superuser_session, count, 4)),
                ("home counters (REST)", measure(api_counters, api_session, count, 4),
                 measure(sql_counters, superuser_session, count, 4))]
        print(f"\n{count} requests each, 4 threads for req/s; times in ms; "
              "baseline = the same SQL as superuser, company in the WHERE clause")
        print_table(rows, measured="meas.", baseline="base")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=10)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    run(args.clients, args.companies, args.requests)


if __name__ == "__main__":
    main()
