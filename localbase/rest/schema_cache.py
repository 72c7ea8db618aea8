"""What PostgREST calls the schema cache: the tables and views of `public` with their columns
and primary keys, and the functions RPC may call (loaded by localbase.rest.functions).

Loaded at startup and again whenever someone runs `NOTIFY pgrst, 'reload schema'` (PostgREST
also reloads on an empty payload); a dedicated LISTEN connection, logged in as `postgres`,
waits for those notifications and reconnects when it drops.
"""
from __future__ import annotations

import asyncio
import difflib
import logging
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

import psycopg
from psycopg import AsyncConnection

from localbase.context import Context
from localbase.rest.functions import Function, load_functions

log = logging.getLogger("localbase.rest")

SCHEMA = "public"
CHANNEL = "pgrst"
RELOAD_PAYLOADS = ("reload schema", "")
RECONNECT_DELAY = 1.0

# Run with search_path = pg_catalog so type names and default expressions come out
# schema-qualified and mean the same thing whatever the request's search_path is.
_TABLES_SQL = """
select c.relname, c.relkind,
  (select coalesce(array_agg(a.attname::text order by k.ord), '{}')
     from pg_constraint p, unnest(p.conkey) with ordinality k(attnum, ord)
     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where p.conrelid = c.oid and p.contype = 'p') as primary_key,
  array_agg(a.attname::text order by a.attnum) as names,
  array_agg(format_type(a.atttypid, a.atttypmod) order by a.attnum) as types,
  array_agg(not a.attnotnull order by a.attnum) as nullables,
  array_agg(coalesce(pg_get_expr(d.adbin, d.adrelid),
                     case when a.attidentity <> '' then format('nextval(%%L::regclass)',
                       pg_get_serial_sequence(c.oid::regclass::text, a.attname)) end)
            order by a.attnum) as defaults
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
where n.nspname = %s and c.relkind in ('r', 'p', 'v', 'm', 'f')
group by c.oid, c.relname, c.relkind
"""


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # format_type(): safe to splice into SQL as a type name
    nullable: bool
    default: str | None  # pg_get_expr() of the default, identity columns as nextval(...)


@dataclass(frozen=True)
class Table:
    schema: str
    name: str
    kind: str  # pg_class.relkind: r/p table, v view, m materialized view, f foreign table
    columns: Mapping[str, Column]  # in attnum order
    primary_key: tuple[str, ...]

    @property
    def is_table(self) -> bool:
        return self.kind in ("r", "p")

    @cached_property
    def column_types(self) -> Mapping[str, str]:
        """name -> SQL type: what localbase.rest.compile validates identifiers against."""
        return MappingProxyType({c.name: c.type for c in self.columns.values()})


@dataclass(frozen=True)
class SchemaCache:
    tables: Mapping[str, Table]
    functions: Mapping[str, list[Function]] = field(default_factory=dict)  # overloads by name

    def suggest_table(self, name: str) -> str | None:
        """The closest table name, for the 'Perhaps you meant' hint (PostgREST: fuzzy >= 0.75)."""
        matches = difflib.get_close_matches(name, list(self.tables), n=1, cutoff=0.75)
        return matches[0] if matches else None


async def load_schema(conn: AsyncConnection) -> SchemaCache:
    async with conn.transaction():
        await conn.execute("set local search_path = pg_catalog")
        cur = await conn.execute(_TABLES_SQL, [SCHEMA])
        tables = {}
        for name, kind, primary_key, names, types, nullables, defaults in await cur.fetchall():
            columns = {n: Column(n, t, nl, d) for n, t, nl, d in zip(names, types, nullables,
                                                                     defaults)}
            tables[name] = Table(SCHEMA, name, kind, MappingProxyType(columns),
                                 tuple(primary_key))
        functions = await load_functions(conn)
    return SchemaCache(MappingProxyType(tables), MappingProxyType(functions))


async def reload(ctx: Context) -> None:
    async with ctx.db.api.connection() as conn:
        ctx.schema = await load_schema(conn)


async def _reload_logged(ctx: Context) -> None:
    """A failed reload keeps the previous cache (as PostgREST does) rather than ending the
    listener."""
    try:
        await reload(ctx)
    except Exception:
        log.exception("schema cache reload failed; keeping the previous one")


async def listen_for_reloads(ctx: Context) -> None:
    """Forever: LISTEN pgrst and reload on 'reload schema'. Reconnects (and reloads, since
    notifications may have been missed meanwhile) when the connection drops."""
    connected_before = False
    while True:
        try:
            conn = await AsyncConnection.connect(ctx.config.dsn("postgres"), autocommit=True)
        except psycopg.OperationalError as exc:
            log.warning("schema cache listener cannot connect: %s", exc)
            await asyncio.sleep(RECONNECT_DELAY)
            continue
        try:
            await conn.execute(f"listen {CHANNEL}")
            if connected_before:
                await _reload_logged(ctx)
            connected_before = True
            async for notify in conn.notifies():
                if notify.payload.strip() in RELOAD_PAYLOADS:
                    await _reload_logged(ctx)
        except psycopg.Error as exc:
            log.warning("schema cache listener lost its connection: %s", exc)
            await asyncio.sleep(RECONNECT_DELAY)
        finally:
            await conn.close()
