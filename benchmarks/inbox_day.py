"""A receptionist's inbox at scale, through the app's own path (the domain functions, the
`supabase` client, REST, RLS as a staff member) next to the same SQL run as superuser with the
company in the WHERE clause: first page with its total, the next page (keyset), a name search
without accents, and a message full-text search.

    .venv/bin/python -m benchmarks.inbox_day [--clients 10000] [--companies 10] [--requests 300]

Goals (issue 10): pages p95 <= 50 ms, searches p95 <= 100 ms.
"""
from __future__ import annotations

import itertools

import psycopg

from benchmarks.app_path import Rows, cli, staff_user, timed, timed_sql
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import conversations, search
from omni_app.domain.conversations import InboxFilter

NAMES = ["joao", "maria silva", "sergio", "lucas", "heloisa", "goncalves", "ana", "otavio"]
WORDS = ["remarcar", "clareamento", "convenio", "sensibilidade", "parcelar", "avaliacao"]
PAGE_SQL = """
select id, client_id, channel, status, last_message_at, last_inbound_at, last_message_preview,
       last_message_direction, unread_count, client_name, client_phone, client_instagram_id,
       count(*) over () as total
from public.inbox_conversations
where company_id = %(c)s and status = 'active' {extra}
order by last_message_at desc nulls last, id limit 51"""
NEXT_SQL = PAGE_SQL.replace(", count(*) over () as total", "").replace(
    "{extra}", "and (last_message_at < %(at)s or (last_message_at = %(at)s and id > %(id)s::uuid)"
               " or last_message_at is null)")
MESSAGES_SQL = """
with q as (select websearch_to_tsquery('public.omni_pt', %(q)s) as terms),
page as materialized (
  select i.id, i.conversation_id, i.client_id, i.occurred_at, i.content
  from public.interactions i, q
  where i.company_id = %(c)s and i.search_vector @@ q.terms
  order by i.occurred_at desc, i.id desc limit 20)
select page.id, page.conversation_id, c.full_name, t.status, page.occurred_at,
       ts_headline('public.omni_pt', page.content, q.terms, 'MaxWords=24, MinWords=8, MaxFragments=1')
from page
cross join q
join public.conversation_threads t on t.company_id = %(c)s and t.id = page.conversation_id
join public.clients c on c.company_id = %(c)s and c.id = page.client_id
order by page.occurred_at desc, page.id desc"""


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    first = await conversations.inbox(user, InboxFilter(), count=True)
    cursor = conversations.list_cursor(first.rows[-1])
    print(f"  Clínica Demo: {first.total} open conversations", flush=True)
    names, words = itertools.cycle(NAMES), itertools.cycle(WORDS)

    async def first_page():
        page = await conversations.inbox(user, InboxFilter(), count=True)
        assert len(page.rows) == 50 and page.total

    async def next_page():
        page = await conversations.inbox(user, InboxFilter(), after=cursor)
        assert page.rows

    async def name_search():
        await conversations.inbox(user, InboxFilter(status="all", search=next(names)), count=True)

    async def message_search():
        assert await search.messages(user, next(words))

    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        company = {"c": DEMO_COMPANY}
        at, row_id = cursor
        return [
            ("inbox first page + total", await timed(first_page, count),
             timed_sql(conn, PAGE_SQL.format(extra=""), [company], count)),
            ("inbox next page", await timed(next_page, count),
             timed_sql(conn, NEXT_SQL, [{**company, "at": at, "id": row_id}], count)),
            ("name search (unaccent)", await timed(name_search, count),
             timed_sql(conn, PAGE_SQL.replace("status = 'active'", "true").format(
                 extra="and client_search_name ilike %(p)s"),
                 [{**company, "p": f"%{search.fold(n)}%"} for n in NAMES], count)),
            ("message full-text search", await timed(message_search, count),
             timed_sql(conn, MESSAGES_SQL, [{**company, "q": w} for w in WORDS], count)),
        ]


if __name__ == "__main__":
    cli(__doc__, measure)
