"""The pipeline board, a move on it and the client profile written as plain SQL, run as superuser
with the company in the WHERE clause: the baselines the app's path (domain.board,
domain.client_profile: REST, RLS) is measured against. Each function makes the same queries the
app makes, one after another, on one connection."""
from __future__ import annotations

import psycopg

# domain.board.CARD_COLUMNS. The output column board_rank is text: ORDER BY and WHERE name the
# table's (c.board_rank), or PostgreSQL would sort the text.
CARD_COLUMNS = ("id, full_name, phone, instagram_id, source_channel, tags, owner_id, "
                "pipeline_stage, last_interaction_at, created_at, board_rank::text")
STAGES_SQL = """
select key, label, color, position, archived_at from public.pipeline_stages
where company_id = %(c)s order by position, created_at"""
COLUMN_SQL = f"""
select {CARD_COLUMNS} from public.clients c
where company_id = %(c)s and pipeline_stage = %(s)s {{after}}
order by c.board_rank, c.id limit %(limit)s"""
AFTER = ("and (c.board_rank > %(rank)s::numeric "
         "or (c.board_rank = %(rank)s::numeric and c.id > %(id)s))")
COUNT_SQL = """
select count(*) from public.clients where company_id = %(c)s and pipeline_stage = %(s)s"""
# The body of public.board_cards (20261205150000_pipeline_board.sql), the company given.
CARDS_SQL = """
select c.id,
       t.channel, t.last_message_preview, t.last_message_at,
       (select coalesce(sum(u.unread_count), 0)::integer from public.conversation_threads u
        where u.company_id = c.company_id and u.client_id = c.id and u.status = 'active'),
       (select min(a.starts_at) from public.appointments a
        where a.company_id = c.company_id and a.client_id = c.id
          and a.starts_at > now() and a.status in ('scheduled', 'confirmed')),
       coalesce(nullif(btrim(o.full_name), ''), o.email),
       coalesce((select max(h.changed_at) from public.pipeline_stage_changes h
                 where h.company_id = c.company_id and h.client_id = c.id
                   and h.to_stage = c.pipeline_stage), c.created_at)
from public.clients c
left join lateral (
  select th.channel, th.last_message_preview, th.last_message_at
  from public.conversation_threads th
  where th.company_id = c.company_id and th.client_id = c.id
  order by th.last_message_at desc nulls last
  limit 1) t on true
left join public.users o on o.company_id = c.company_id and o.id = c.owner_id
where c.id = any(%(ids)s::uuid[]) and c.company_id = %(c)s"""
# place_on_board with both neighbours in the target column: the card goes between them.
MOVE_SQL = """
update public.clients set pipeline_stage = %(s)s, updated_at = now(),
  board_rank = ((select board_rank from public.clients where company_id = %(c)s
                 and id = %(above)s and pipeline_stage = %(s)s and id <> %(id)s)
              + (select board_rank from public.clients where company_id = %(c)s
                 and id = %(below)s and pipeline_stage = %(s)s and id <> %(id)s)) / 2
where company_id = %(c)s and id = %(id)s
returning id, pipeline_stage, board_rank::text"""
# place_on_board with no neighbours (the "Move to…" menu): the top of the target column.
MOVE_TO_TOP_SQL = """
update public.clients set pipeline_stage = %(s)s, updated_at = now(),
  board_rank = (select coalesce(min(board_rank), 0) - 1 from public.clients
                where company_id = %(c)s and pipeline_stage = %(s)s)
where company_id = %(c)s and id = %(id)s
returning id, pipeline_stage, board_rank::text"""

PER_COLUMN = 20
# domain.client_profile, one query per section, in its order.
PROFILE_SQL = {
    "header": """select id, full_name, phone, whatsapp_id, instagram_id, email, is_lead,
        pipeline_stage, tags, source_channel, created_at from public.clients
        where company_id = %(c)s and id = %(id)s limit 1""",
    "messages": """select id, conversation_id, channel, direction, content, media, occurred_at
        from public.interactions where company_id = %(c)s and client_id = %(id)s
        order by occurred_at desc limit 10""",
    "threads": """select id, channel, status, last_message_at, started_at
        from public.conversation_threads where company_id = %(c)s and client_id = %(id)s
        order by last_message_at desc nulls last limit 100""",
    "payments": """select id, amount, method, status, paid_at, created_at from public.payments
        where company_id = %(c)s and client_id = %(id)s order by created_at desc limit 100""",
    "notes": """select id, body, pinned, created_at, author_name from public.client_notes_shown
        where company_id = %(c)s and client_id = %(id)s
        order by pinned desc, created_at desc limit 200""",
    "appointments": """select id, starts_at, status, service_id from public.appointments
        where company_id = %(c)s and client_id = %(id)s order by starts_at desc limit 100""",
    "changes": """select id, from_stage, to_stage, changed_by, changed_at
        from public.pipeline_stage_changes where company_id = %(c)s and client_id = %(id)s
        order by changed_at desc limit 100""",
}
SERVICES_SQL = "select id, name from public.services where company_id = %(c)s and id = any(%(ids)s)"
PEOPLE_SQL = ("select id, full_name, email from public.users "
              "where company_id = %(c)s and id = any(%(ids)s)")


def cards(conn: psycopg.Connection, company: str, ids: list) -> list[tuple]:
    return conn.execute(CARDS_SQL, {"c": company, "ids": ids}).fetchall() if ids else []


def board(conn: psycopg.Connection, company: str) -> dict[str, tuple[int, list[tuple]]]:
    """stage key -> (count, first cards with their details), for every active stage."""
    stages = conn.execute(STAGES_SQL, {"c": company}).fetchall()
    columns = {}
    for key, *_, archived_at in stages:
        if archived_at is not None:
            continue
        wanted = {"c": company, "s": key, "limit": PER_COLUMN + 1}
        rows = conn.execute(COLUMN_SQL.format(after=""), wanted).fetchall()
        total = conn.execute(COUNT_SQL, wanted).fetchone()[0]
        columns[key] = (total, rows[:PER_COLUMN])
    cards(conn, company, [row[0] for _, rows in columns.values() for row in rows])
    return columns


def more(conn: psycopg.Connection, company: str, stage: str, after: tuple[str, str]
         ) -> list[tuple]:
    """The column's next cards after (rank, id), with their details."""
    rows = conn.execute(COLUMN_SQL.format(after=AFTER),
                        {"c": company, "s": stage, "limit": PER_COLUMN + 1,
                         "rank": after[0], "id": after[1]}).fetchall()[:PER_COLUMN]
    cards(conn, company, [row[0] for row in rows])
    return rows


def move(conn: psycopg.Connection, company: str, client_id: str, stage: str, above: str,
         below: str) -> tuple:
    return conn.execute(MOVE_SQL, {"c": company, "id": client_id, "s": stage, "above": above,
                                   "below": below}).fetchone()


def move_to_top(conn: psycopg.Connection, company: str, client_id: str, stage: str) -> tuple:
    return conn.execute(MOVE_TO_TOP_SQL, {"c": company, "id": client_id, "s": stage}).fetchone()


def profile(conn: psycopg.Connection, company: str, client_id: str) -> dict[str, list[tuple]]:
    """Every section, with the services' and the stage changers' names."""
    wanted = {"c": company, "id": client_id}
    sections = {name: conn.execute(sql, wanted).fetchall() for name, sql in PROFILE_SQL.items()}
    services = {row[3] for row in sections["appointments"] if row[3]}
    if services:
        conn.execute(SERVICES_SQL, {"c": company, "ids": sorted(services)}).fetchall()
    people = {row[3] for row in sections["changes"] if row[3]}
    if people:
        conn.execute(PEOPLE_SQL, {"c": company, "ids": sorted(people)}).fetchall()
    return sections
