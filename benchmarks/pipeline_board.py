"""The pipeline board and the client profile at scale, through the app's own path (the `supabase`
client, REST, RLS as the seed's staff member) next to the same SQL run as superuser with the
company in the WHERE clause (benchmarks/board_sql.py): the whole board (every active stage's
first 20 cards in board order, its count and the cards' details from `board_cards`), "load more"
at varied depths of the longest column, a move between two cards of another stage (alternating
between two stages), and the profile with all its sections for varied clients.

    .venv/bin/python -m benchmarks.pipeline_board [--clients 10000] [--companies 10] [--requests 300]

Data: the demo generator's clinics; 40% of its clients are leads spread over the five open
stages (~800 each at 10k), the rest are "won" (~6,000: the long column); every client has
conversations and messages. The profile's clients get three notes each first, so no section is
empty. Goals (issue 11): board (and load more) <= 100 ms p95, profile <= 150 ms p95.
"""
from __future__ import annotations

import itertools
from decimal import Decimal

import psycopg

from benchmarks import board_sql
from benchmarks.app_path import Rows, cli, staff_user, timed, timed_calls
from omni_app.demo_data.__main__ import DEMO_COMPANY
from omni_app.domain import board, client_profile
from omni_app.domain.clients import ClientFilter

GOALS_MS = {"whole board": 100, "load more (long column)": 100, "profile (all sections)": 150}
FROM, TO = "new", "contacted"      # the two stages the moves alternate between
MOVERS = 10                        # clients moved in turn (each path its own)
DEPTHS = [20, 300, 1000, 2000, 3000, 4000, 5000, 5500]   # "load more" cursors, in cards
PROFILES = 50
measured: Rows = []


def column_ids(conn: psycopg.Connection, stage: str, limit: int, offset: int = 0) -> list[tuple]:
    return conn.execute("select c.id::text, c.board_rank::text from public.clients c "
                        "where company_id = %s and pipeline_stage = %s "
                        "order by c.board_rank, c.id limit %s offset %s",
                        (DEMO_COMPANY, stage, limit, offset)).fetchall()


def neighbours(conn: psycopg.Connection, stage: str, skip: int) -> tuple[str, str]:
    """Two adjacent cards of `stage` past its first `skip`, with distinct ranks (so the moved
    card goes between them, not after the first)."""
    rows = column_ids(conn, stage, 200, skip)
    for (above, a_rank), (below, b_rank) in zip(rows, rows[1:]):
        if Decimal(a_rank) < Decimal(b_rank):
            return above, below
    raise RuntimeError(f"no two distinct ranks in {stage}")


def profile_clients(conn: psycopg.Connection) -> list[str]:
    """Varied clients of the clinic (every demo client has conversations), each given three
    notes by the staff member."""
    ids = [r[0] for r in conn.execute(
        "select id::text from public.clients c where company_id = %s and exists "
        "(select from public.interactions i where i.company_id = c.company_id "
        "and i.client_id = c.id) order by md5(id::text) limit %s",
        (DEMO_COMPANY, PROFILES)).fetchall()]
    conn.execute(
        "insert into public.client_notes (company_id, client_id, author_id, body, pinned) "
        "select %s, c.id, (select id from public.users where company_id = %s "
        "and email = 'staff@demo.clinic'), 'Nota de teste ' || n, n = 1 "
        "from unnest(%s::uuid[]) c(id), generate_series(1, 3) n",
        (DEMO_COMPANY, DEMO_COMPANY, ids))
    return ids


async def measure(lb, count: int) -> Rows:
    user = await staff_user(lb)
    company = DEMO_COMPANY
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        shown = await board.board(user)
        print("  Clínica Demo: " + ", ".join(f"{column.stage.key} {column.total}"
                                            for column in shown.columns), flush=True)
        same = board_sql.board(conn, company)   # the baseline reads what the app shows
        assert {column.stage.key: (column.total, [card["id"] for card in column.cards])
                for column in shown.columns} == {
            key: (total, [str(row[0]) for row in rows]) for key, (total, rows) in same.items()}
        long = max(shown.columns, key=lambda column: column.total)
        cursors = [column_ids(conn, long.stage.key, 1, depth - 1)[0][::-1]
                   for depth in DEPTHS if depth + board.PER_COLUMN <= long.total]
        deeper = await board.more(user, long.stage, ClientFilter(), cursors[-1])
        assert [card["id"] for card in deeper.rows] == [
            str(row[0]) for row in board_sql.more(conn, company, long.stage.key, cursors[-1])]
        pairs = {FROM: neighbours(conn, FROM, 2 * MOVERS), TO: neighbours(conn, TO, 0)}
        movers = [row[0] for row in column_ids(conn, FROM, 2 * MOVERS)]
        app_movers, sql_movers = movers[:MOVERS], movers[MOVERS:]
        patients = profile_clients(conn)
        depth, client = itertools.cycle(cursors), itertools.cycle(patients)
        turn = itertools.count()
        where = {mover: FROM for mover in app_movers}

        async def whole_board():
            assert len((await board.board(user)).columns) == len(shown.columns)

        async def load_more():
            assert len((await board.more(user, long.stage, ClientFilter(),
                                         next(depth))).rows) == board.PER_COLUMN

        async def move():
            mover = app_movers[next(turn) % MOVERS]
            stage = TO if where[mover] == FROM else FROM
            placed = await board.place(user, mover, stage, *pairs[stage])
            assert placed["pipeline_stage"] == stage
            where[mover] = stage

        async def open_profile():
            assert await client_profile.profile(user, next(client)) is not None

        sql_depth, sql_client = itertools.cycle(cursors), itertools.cycle(patients)
        sql_turns = itertools.cycle([(mover, TO) for mover in sql_movers]
                                    + [(mover, FROM) for mover in sql_movers])

        def sql_move():
            mover, stage = next(sql_turns)
            assert board_sql.move(conn, company, mover, stage, *pairs[stage])[1] == stage

        rows = [
            ("whole board", await timed(whole_board, count),
             timed_calls(lambda: board_sql.board(conn, company), count)),
            ("load more (long column)", await timed(load_more, count),
             timed_calls(lambda: board_sql.more(conn, company, long.stage.key,
                                                next(sql_depth)), count)),
            ("move (place_on_board)", await timed(move, count), timed_calls(sql_move, count)),
            ("profile (all sections)", await timed(open_profile, count),
             timed_calls(lambda: board_sql.profile(conn, company, next(sql_client)), count)),
        ]
    measured.extend(rows)
    return rows


def verdicts() -> None:
    for name, app, _ in measured:
        if name in GOALS_MS:
            goal = GOALS_MS[name]
            print(f"{name}: p95 {app.p95_ms:.1f} ms, goal <= {goal} ms: "
                  f"{'met' if app.p95_ms <= goal else 'MISSED'}")


if __name__ == "__main__":
    cli(__doc__, measure)
    verdicts()
