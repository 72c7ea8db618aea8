"""The functions of schema `public` as PostgREST's schema cache knows them, for `/rpc/{name}`."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from psycopg import AsyncConnection

SCHEMA = "public"
SCALAR_COLUMN = "pgrst_scalar"  # PostgREST's name for the value of a scalar-returning call


class ReturnKind(enum.Enum):
    VOID = "void"
    SCALAR = "scalar"  # base, domain, enum, range and array types
    COMPOSITE = "composite"  # a row type (table or `create type`), OUT/INOUT params or TABLE(...)


@dataclass(frozen=True)
class Param:
    name: str  # "" for an unnamed parameter
    type_sql: str  # schema-qualified unless in pg_catalog: safe to splice after `::`
    type_name: str  # format_type(), as PostgREST prints it in error messages
    required: bool  # no DEFAULT
    variadic: bool

    @property
    def is_json(self) -> bool:
        return self.type_name in ("json", "jsonb")


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[Param, ...]  # input parameters (IN, INOUT, VARIADIC) in declaration order
    kind: ReturnKind
    returns_set: bool
    return_type: str
    # The result's columns (name -> format_type) that filters, order and select may name; a
    # scalar result has the single column SCALAR_COLUMN. Empty for `record` without OUT params.
    columns: dict[str, str]
    volatility: str  # "i"mmutable, "s"table or "v"olatile

    @property
    def single_unnamed_json(self) -> bool:
        """Takes the whole JSON body of a POST as its only argument."""
        return len(self.params) == 1 and not self.params[0].name and self.params[0].is_json

    @property
    def volatile(self) -> bool:
        return self.volatility == "v"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def signature(self) -> str:
        """`public.f(a => integer, b => text)`, as PostgREST names overload candidates."""
        args = ", ".join(f"{p.name} => {p.type_name}" for p in self.params)
        return f"{SCHEMA}.{self.name}({args})"


# Types are spelled independently of the loading connection's search_path: pg_catalog types by
# format_type() ("integer", "character varying[]"), all others quoted and schema-qualified.
_CATALOG_QUERY = """
with types as (
  select t.oid,
         format_type(t.oid, null) as type_name,
         case
           when t.typnamespace = 'pg_catalog'::regnamespace then format_type(t.oid, null)
           when e.oid is not null then format('%%I.%%I[]', en.nspname, e.typname)
           else format('%%I.%%I', tn.nspname, t.typname)
         end as type_sql
  from pg_type t
  join pg_namespace tn on tn.oid = t.typnamespace
  left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
  left join pg_namespace en on en.oid = e.typnamespace
)
select p.proname,
       p.pronargdefaults,
       p.proretset,
       p.provolatile::text,
       p.prorettype = 'void'::regtype as returns_void,
       rt.typrelid <> 0 or rt.oid = 'record'::regtype as returns_composite,
       rtt.type_name as return_type,
       (select coalesce(json_agg(json_build_object(
                  'name', coalesce(a.name, ''), 'mode', a.mode,
                  'type_sql', ty.type_sql, 'type_name', ty.type_name) order by a.ord), '[]')
          from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]),
                      coalesce(p.proargmodes::text[], array_fill('i'::text, array[p.pronargs])),
                      p.proargnames) with ordinality as a(type, mode, name, ord)
          join types ty on ty.oid = a.type) as args,
       (select coalesce(json_agg(json_build_object(
                  'name', att.attname, 'type_name', format_type(att.atttypid, null))
                  order by att.attnum), '[]')
          from pg_attribute att
          where att.attrelid = rt.typrelid and att.attnum > 0 and not att.attisdropped
       ) as row_columns
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
join types rtt on rtt.oid = p.prorettype
where n.nspname = %s and p.prokind = 'f'
order by p.proname, p.oid
"""

_INPUT_MODES = frozenset("ibv")  # IN, INOUT, VARIADIC
_OUTPUT_MODES = frozenset("obt")  # OUT, INOUT, TABLE


async def load_functions(conn: AsyncConnection) -> dict[str, list[Function]]:
    """Every function of schema `public` by name; overloads share a name."""
    cursor = await conn.execute(_CATALOG_QUERY, (SCHEMA,))
    functions: dict[str, list[Function]] = {}
    for row in await cursor.fetchall():
        function = _function(*row)
        functions.setdefault(function.name, []).append(function)
    return functions


def _function(name: str, n_defaults: int, returns_set: bool, volatility: str,
              returns_void: bool, returns_composite: bool, return_type: str, args: list[dict],
              row_columns: list[dict]) -> Function:
    inputs = [a for a in args if a["mode"] in _INPUT_MODES]
    first_optional = len(inputs) - n_defaults
    params = tuple(Param(name=a["name"], type_sql=a["type_sql"], type_name=a["type_name"],
                         required=i < first_optional, variadic=a["mode"] == "v")
                   for i, a in enumerate(inputs))
    outputs = {a["name"]: a["type_name"] for a in args if a["mode"] in _OUTPUT_MODES}
    # Like PostgREST, any OUT/INOUT/TABLE parameter makes the result a row, even a one-column one.
    if outputs:
        kind, columns = ReturnKind.COMPOSITE, outputs
    elif returns_composite:
        kind, columns = ReturnKind.COMPOSITE, {c["name"]: c["type_name"] for c in row_columns}
    elif returns_void:
        kind, columns = ReturnKind.VOID, {}
    else:
        kind, columns = ReturnKind.SCALAR, {SCALAR_COLUMN: return_type}
    return Function(name=name, params=params, kind=kind, returns_set=returns_set,
                    return_type=return_type, columns=columns, volatility=volatility)
