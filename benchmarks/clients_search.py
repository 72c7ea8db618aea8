"""Finding a client at scale, through the app's own path (domain.clients.listed: the `supabase`
client, REST, RLS as a staff member) next to the same SQL run as superuser with the company in
the WHERE clause: the first page with its total, a keyset next page, and searches (each with
its total) by name without accents, by a fragment of the phone, by e-mail, by name with a
stage and lead filter, and clients with an upcoming appointment (alone, and with a stage).

    .venv/bin/python -m benchmarks.clients_search [--clients 10000] [--companies 10] [--requests 300]

Goal (issue 11): client search p95 <= 100 ms.
"""
from __future__ import annotations

import itertools
import re

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_sql
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import clients, search
from omni_app.domain.clients import ClientFilter

NAMES = ["joao", "maria silva", "sergio", "lucas", "heloisa", "goncalves", "ana", "otavio"]
PHONES = ["8765", "9 8123", "11 9", "4321", "+55 21 9", "(41) 98"]
EMAILS = ["maria.", "@example.com", "silva1", "joao.s"]
COLUMNS = ("id, full_name, phone, email, instagram_id, source_channel, is_lead, pipeline_stage, "
           "tags, last_interaction_at, created_at, search_name")
LIST_SQL = f"""
select {COLUMNS}, count(*) over () as total from public.clients
where company_id = %(c)s {{extra}}
order by search_name, id limit 51"""
UPCOMING = """and exists (select from public.appointments a
  where a.company_id = clients.company_id and a.client_id = clients.id and a.starts_at > now()
    and a.status in ('scheduled', 'confirmed'))"""
NEXT_SQL = f"""
select {COLUMNS} from public.clients
where company_id = %(c)s and (search_name > %(after)s or (search_name = %(after)s and id > %(id)s))
order by search_name, id limit 51"""


def like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    first = await clients.listed(user, ClientFilter(), count=True)
    cursor = clients.list_cursor(first.rows[-1], "name")
    print(f"  Clínica Demo: {first.total} clients", flush=True)
    names, numbers, emails = (itertools.cycle(NAMES), itertools.cycle(PHONES),
                              itertools.cycle(EMAILS))

    async def listed(wanted: ClientFilter, **options):
        return await clients.listed(user, wanted, **options)

    async def first_page():
        assert len((await listed(ClientFilter(), count=True)).rows) == 50

    async def next_page():
        assert (await listed(ClientFilter(), after=cursor)).rows

    async def by_name():
        await listed(ClientFilter(search=next(names)), count=True)

    async def by_phone():
        await listed(ClientFilter(search=next(numbers)), count=True)

    async def by_email():
        await listed(ClientFilter(search=next(emails)), count=True)

    async def filtered():
        await listed(ClientFilter(search=next(names), stage="new", kind="lead"), count=True)

    async def upcoming():
        await listed(ClientFilter(upcoming=True), count=True)

    async def upcoming_in_stage():
        await listed(ClientFilter(upcoming=True, stage="won"), count=True)

    company = {"c": DEMO_COMPANY}
    name_sql = LIST_SQL.format(extra="and (search_name like %(p)s or email ilike %(e)s)")
    name_params = [{**company, "p": like(search.fold(n)), "e": like(n)} for n in NAMES]
    phone_sql = LIST_SQL.format(extra="and phone like any(%(p)s)")
    phone_params = []
    for term in PHONES:   # the same spellings the app's condition lists
        parts = search.client_list_match(term).split(",")
        phone_params.append({**company, "p": [re.sub(r'^phone\.like\."\*(.*)\*"$', r"%\1%", p)
                                              for p in parts]})
    upcoming_sql = LIST_SQL.format(extra=UPCOMING)
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        return [
            ("first page + total", await timed(first_page, count),
             timed_sql(conn, LIST_SQL.format(extra=""), [company], count)),
            ("next page (keyset)", await timed(next_page, count),
             timed_sql(conn, NEXT_SQL, [{**company, "after": cursor[0], "id": cursor[1]}],
                       count)),
            ("name, no accents", await timed(by_name, count),
             timed_sql(conn, name_sql, name_params, count)),
            ("phone fragment", await timed(by_phone, count),
             timed_sql(conn, phone_sql, phone_params, count)),
            ("e-mail fragment", await timed(by_email, count),
             timed_sql(conn, name_sql, [{**company, "p": like(search.fold(e)), "e": like(e)}
                                        for e in EMAILS], count)),
            ("name + stage + lead", await timed(filtered, count),
             timed_sql(conn, name_sql.replace(
                 "company_id = %(c)s", "company_id = %(c)s and pipeline_stage = 'new' "
                                       "and is_lead"), name_params, count)),
            ("upcoming appointment", await timed(upcoming, count),
             timed_sql(conn, upcoming_sql, [company], count)),
            ("upcoming + stage", await timed(upcoming_in_stage, count),
             timed_sql(conn, upcoming_sql.replace(
                 "company_id = %(c)s", "company_id = %(c)s and pipeline_stage = 'won'"),
                 [company], count)),
        ]


if __name__ == "__main__":
    cli(__doc__, measure)
