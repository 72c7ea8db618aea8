"""The SQL of an RPC call, shaped like PostgREST's: the call is a FROM item (`pgrst_call`), its
rows go through a CTE (`pgrst_source`, so a volatile function runs once even when counted), and
the page that the query string selects is turned into JSON text by PostgreSQL.

Names come from the catalog and are quoted with ident(), types are catalog text escaped with
trusted(), and every value (the JSON body, each query-string argument) is a bound parameter.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from localbase.rest import statements
from localbase.rest.compile import Source, Sql, ident, read_sql, trusted, where_clause
from localbase.rest.functions import SCALAR_COLUMN, SCHEMA, Function, Param, ReturnKind
from localbase.rest.negotiate import Media
from localbase.rest.query import Field, Query, SelectItem

CALL = "pgrst_call"
SOURCE = "pgrst_source"
_BODY = "pgrst_body"


def call_with_body(function: Function, body: str, keys: Iterable[str]) -> Sql:
    """POST: a lone unnamed json/jsonb parameter gets the whole body; otherwise each given key
    becomes the named argument it matches, converted from JSON by json_to_record (arrays become
    PostgreSQL arrays, objects json/jsonb or composite values)."""
    if function.single_unnamed_json:
        return _call(function, Sql(f"%s::{trusted(function.params[0].type_sql)}", [body]))
    params = [p for p in function.params if p.name in set(keys)]
    if not params:
        return _call(function, Sql())
    record = ", ".join(f"{ident(p.name)} {trusted(p.type_sql)}" for p in params)
    arguments = ", ".join(f"{_named(p)} := {_BODY}.{ident(p.name)}" for p in params)
    return (Sql(f"json_to_record(%s::json) AS {_BODY}({record}), LATERAL ", [body])
            + _call(function, Sql(arguments)))


def call_with_text(function: Function, args: dict[str, str | list[str]]) -> Sql:
    """GET/HEAD: each argument is text cast to its parameter's type, a variadic one an array
    of texts (PostgREST's DirectArgs)."""
    params = [p for p in function.params if p.name in args]
    arguments = Sql.join(", ", (Sql(f"{_named(p)} := %s::{trusted(p.type_sql)}", [args[p.name]])
                                for p in params))
    return _call(function, arguments)


def _named(param: Param) -> str:
    return ("VARIADIC " if param.variadic else "") + ident(param.name)


def _call(function: Function, arguments: Sql) -> Sql:
    columns = f"({ident(SCALAR_COLUMN)})" if function.kind is ReturnKind.SCALAR else ""
    return (f"{ident(SCHEMA)}.{ident(function.name)}(" + arguments
            + f") AS {CALL}{columns}")


def void_statement(call: Sql) -> Sql:
    return "SELECT 1 FROM " + call


def read_statement(function: Function, call: Sql, query: Query, media: Media, *, count: bool,
                   head: bool, limit: int | None, offset: int) -> Sql:
    """One row, as localbase.rest.statements reads yield: the filtered total (NULL unless
    counted), the page's row count and its JSON (NULL for HEAD). The JSON is an array for a
    set, else (or for the single-object media type) the first value or `null`."""
    source = Source(ident(function.name), function.name, function.columns)
    if function.kind is ReturnKind.SCALAR:
        query = replace(query, select=(SelectItem(Field(SCALAR_COLUMN)),))
        value = f"{statements.PAGE}.{ident(SCALAR_COLUMN)}"
    else:
        value = statements.PAGE
    rows = f"{SOURCE} AS {ident(function.name)}"
    total = ("SELECT count(*) FROM " + rows + where_clause(query.where, source)) if count else None
    page = read_sql(query, source, rows, limit, offset)
    media = replace(media, single=media.single or not function.returns_set)
    return (f"WITH {SOURCE} AS (SELECT {CALL}.* FROM " + call + ") "
            + statements.read_statement(page, total, media, head, value))
