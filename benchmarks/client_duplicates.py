"""Suggested duplicate clients at scale: domain.merge.duplicates (the `supabase` client, REST,
the client_duplicates function as a staff member under RLS, then the pairs' clients) next to
the function alone run by the superuser with the same member's claims.

    .venv/bin/python -m benchmarks.client_duplicates [--clients 10000] [--companies 10] [--requests 50]

Data: the demo loader's clinics, plus in Clínica Demo 100 clients stored again with their number
in the old spelling (without the ninth digit) and 100 again under a near-identical name with the
same e-mail. Goal (issue 11): well under a second on 10,000 clients.
"""
from __future__ import annotations

import json

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_sql
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import merge

PLANT = ("""
insert into public.clients (company_id, full_name, phone, source_channel)
select company_id, full_name, substr(phone, 1, 5) || substr(phone, 7), 'manual'
from public.clients
where company_id = %(c)s and phone ~ '^\\+55[1-9][0-9]9[6-9][0-9]{7}$'
order by id limit 100
""", """
insert into public.clients (company_id, full_name, email, source_channel)
select company_id, full_name || 'a', email, 'manual'
from (select company_id, full_name, email from public.clients
      where company_id = %(c)s and email is not null order by id desc limit 100) c
""")


async def measure(lb, count: int) -> Rows:
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        for statement in PLANT:
            conn.execute(statement, {"c": DEMO_COMPANY})
        total = conn.execute("select count(*) from public.clients where company_id = %s",
                             (DEMO_COMPANY,)).fetchone()[0]
    user = await staff_user(lb)
    pairs = await merge.duplicates(user)
    reasons = {reason: sum(1 for pair in pairs if pair.reason == reason)
               for reason in merge.REASONS}
    print(f"  Clínica Demo: {total} clients, first page of suggestions: {reasons}", flush=True)

    async def suggestions():
        assert len(await merge.duplicates(user)) == merge.MAX_PAIRS

    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        staff = conn.execute("select auth_user_id::text from public.users "
                             "where email = 'staff@demo.clinic'").fetchone()[0]
        conn.execute("select set_config('request.jwt.claims', %s, false)",
                     (json.dumps({"sub": staff, "role": "authenticated"}),))
        return [("duplicate suggestions", await timed(suggestions, count),
                 timed_sql(conn, "select * from public.client_duplicates(%(n)s)",
                           [{"n": merge.MAX_PAIRS}], count))]


if __name__ == "__main__":
    cli(__doc__, measure)
