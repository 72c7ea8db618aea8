"""Small query helpers returning dict rows without changing the pooled connection's row factory."""
from __future__ import annotations

from typing import Any, Sequence

from psycopg import AsyncConnection
from psycopg.rows import dict_row

Params = Sequence[Any] | dict[str, Any] | None


async def fetch_one(conn: AsyncConnection, query: str, params: Params = None) -> dict | None:
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params)
        return await cur.fetchone()


async def fetch_all(conn: AsyncConnection, query: str, params: Params = None) -> list[dict]:
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params)
        return await cur.fetchall()


async def fetch_value(conn: AsyncConnection, query: str, params: Params = None) -> Any:
    async with conn.cursor() as cur:
        await cur.execute(query, params)
        row = await cur.fetchone()
        return row[0] if row else None


async def execute(conn: AsyncConnection, query: str, params: Params = None) -> int:
    """Run a statement; the number of rows it touched."""
    async with conn.cursor() as cur:
        await cur.execute(query, params)
        return cur.rowcount
