"""The one statement each request runs: it yields (total, rows, body) and PostgreSQL builds the
JSON body, so values serialize exactly as PostgREST's do (it also uses json_agg).

    read_statement(select, count, media, head, value=PAGE) -> Sql
        `select` is the full SELECT of the rows to return; `count` a SELECT count(*) of all
        matching rows when Prefer: count=exact asked for it; `value` what each row adds to the
        body: the row (PAGE) or an expression over it, such as a scalar function's one column.
    mutation_statement(mutation, select, media) -> Sql
        `mutation` is an INSERT/UPDATE/DELETE (localbase.rest.mutate) returning `pgrst_row` (when
        a body is wanted) and `pgrst_inserted`; `select` the SELECT list over `pgrst_source`, or
        None for return=minimal. `total` is then the number of rows actually inserted.
    run(conn, statement, single) -> (total, rows, body)
        Runs either inside the request's transaction; `single` is the single-object media type.
"""
from __future__ import annotations

from psycopg import AsyncConnection

from localbase.rest.compile import Sql
from localbase.rest.negotiate import Media, singular_error

SOURCE = "pgrst_source"  # what a mutation's select list qualifies its columns with
PAGE = "pgrst_t"  # the rows that become the body


def body_sql(media: Media, value: str = PAGE) -> str:
    rows = f"json_agg({value})->0" if media.single else f"json_agg({value})"
    if media.strip_nulls:
        rows = f"json_strip_nulls({rows})"
    empty = "'null'" if media.single else "'[]'"
    return f"coalesce({rows}, {empty})::text"


def read_statement(select: Sql, count: Sql | None, media: Media, head: bool,
                   value: str = PAGE) -> Sql:
    total = "(" + count + ")" if count is not None else Sql("NULL::bigint")
    body = "NULL" if head else body_sql(media, value)
    return "SELECT " + total + f", count(*), {body} FROM (" + select + f") {PAGE}"


def mutation_statement(mutation: Sql, select: Sql | None, media: Media) -> Sql:
    head = "WITH pgrst_mutation AS (" + mutation + ") "
    if select is None:
        return (head + "SELECT count(*) FILTER (WHERE pgrst_inserted), count(*), NULL"
                " FROM pgrst_mutation")
    return (head + "SELECT (SELECT count(*) FILTER (WHERE pgrst_inserted) FROM pgrst_mutation), "
            f"count(*), {body_sql(media)} FROM (SELECT " + select
            + f" FROM (SELECT (pgrst_row).* FROM pgrst_mutation) {SOURCE}) {PAGE}")


async def run(conn: AsyncConnection, statement: Sql,
              single: bool) -> tuple[int | None, int, str | None]:
    cursor = await conn.execute(statement.text, statement.params)
    total, rows, body = await cursor.fetchone()
    if single and rows != 1:
        raise singular_error(rows)  # raised inside the transaction, which then rolls back
    return total, rows, body
