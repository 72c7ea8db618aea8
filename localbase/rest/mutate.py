"""INSERT, UPDATE and DELETE for the table endpoints, and the JSON payloads they write.

Each statement targets `<table> AS pgrst_target` and returns `pgrst_inserted` (plus the whole
row as `pgrst_row` when a body is wanted), the shape localbase.rest.statements wraps. With
return=minimal nothing but a constant is returned, so, as in PostgREST, writing needs no SELECT
privilege or policy. The payload goes in as one json parameter, typed column by column with
json_to_recordset and the schema cache's types, the way PostgREST does it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from localbase.errors import ApiError
from localbase.rest.compile import Sql, ident, trusted
from localbase.rest.schema_cache import Table

TARGET = "pgrst_target"  # the alias filters of PATCH and DELETE qualify columns with
# Set per row while an upsert runs: the SELECT feeding INSERT sets it, DO UPDATE clears it, and
# RETURNING reads it right after each row, so updated rows are told apart from inserted ones.
_INSERTED = "current_setting('localbase.inserted', true)::boolean"
_MARK_INSERTED = "set_config('localbase.inserted', 'true', true) IS NOT NULL"
_MARK_UPDATED = "set_config('localbase.inserted', 'false', true) = 'false'"


@dataclass(frozen=True)
class Payload:
    json_text: str  # a JSON array of objects for inserts, one object for updates
    columns: tuple[str, ...]


def insert_payload(body: bytes, table: Table, columns: Sequence[str] | None) -> Payload:
    """An object or an array of objects. Without `columns=` the keys name the columns, and all
    objects must have the same keys; with it, other keys are ignored and missing ones are null
    (or their default with Prefer: missing=default)."""
    text, data = _parse(body)
    if isinstance(data, dict):
        rows, text = [data], f"[{text}]"
    elif isinstance(data, list) and all(isinstance(row, dict) for row in data):
        rows = data
    else:
        raise _invalid_body()
    if columns is None:
        keys = set(rows[0]) if rows else set()
        if any(set(row) != keys for row in rows[1:]):
            raise ApiError(400, "PGRST102", "All object keys must match")
        columns = list(rows[0]) if rows else []
    return Payload(text, _known_columns(table, columns))


def update_payload(body: bytes, table: Table, columns: Sequence[str] | None) -> Payload:
    text, data = _parse(body)
    if not isinstance(data, dict):
        raise _invalid_body()
    return Payload(text, _known_columns(table, list(data) if columns is None else columns))


def _parse(body: bytes) -> tuple[str, object]:
    try:
        text = body.decode("utf-8")
        return text, json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _invalid_body() from None


def _invalid_body() -> ApiError:
    return ApiError(400, "PGRST102", "Empty or invalid json")


def _known_columns(table: Table, columns: Sequence[str]) -> tuple[str, ...]:
    for name in columns:
        if name not in table.columns:
            raise ApiError(400, "PGRST204", f"Could not find the '{name}' column of "
                                            f"'{table.name}' in the schema cache")
    return tuple(dict.fromkeys(columns))


def conflict_columns(table: Table, on_conflict: Sequence[str] | None) -> tuple[str, ...]:
    """The upsert's conflict target: on_conflict= or else the primary key (may be empty)."""
    for name in on_conflict or ():
        if name not in table.columns:
            raise ApiError(400, "42703", f'column "{name}" does not exist')
    return tuple(on_conflict) if on_conflict else table.primary_key


def table_ref(table: Table) -> str:
    return f"{ident(table.schema)}.{ident(table.name)}"


def _returning(representation: bool, inserted: str) -> str:
    row = f"{TARGET} AS pgrst_row, " if representation else ""
    return f" RETURNING {row}{inserted} AS pgrst_inserted"


def _record_type(table: Table, columns: Sequence[str]) -> str:
    return ", ".join(f"{ident(c)} {trusted(table.columns[c].type)}" for c in columns)


def insert_sql(table: Table, payload: Payload, conflict: Sequence[str], resolution: str | None,
               missing_default: bool, representation: bool) -> Sql:
    columns = payload.columns
    merge = resolution == "merge-duplicates" and bool(conflict) and bool(columns)
    target = f"INSERT INTO {table_ref(table)} AS {TARGET}"
    if columns:
        picked = ", ".join(f"pgrst_body.{ident(c)}" for c in columns)
        sql = (f"{target} ({', '.join(ident(c) for c in columns)}) SELECT {picked} FROM "
               + _rows(table, payload, missing_default)
               + f" AS pgrst_body({_record_type(table, columns)})")
    else:
        sql = Sql(f"{target} SELECT FROM json_array_elements(%s::json)", [payload.json_text])
    if merge:
        sql = sql + f" WHERE {_MARK_INSERTED}"
    if resolution and conflict:
        sql = sql + f" ON CONFLICT ({', '.join(ident(c) for c in conflict)}) "
        if merge:
            assignments = ", ".join(f"{ident(c)} = EXCLUDED.{ident(c)}" for c in columns)
            sql = sql + f"DO UPDATE SET {assignments} WHERE {_MARK_UPDATED}"
        else:
            sql = sql + "DO NOTHING"
    return sql + _returning(representation, _INSERTED if merge else "true")


def _rows(table: Table, payload: Payload, missing_default: bool) -> Sql:
    """json_to_recordset over the payload; with missing=default, each object is first merged
    over an object of the column defaults (PostgREST's approach), so absent keys get them."""
    defaults = [(c, table.columns[c].default) for c in payload.columns
                if missing_default and table.columns[c].default is not None]
    if not defaults:
        return Sql("json_to_recordset(%s::json)", [payload.json_text])
    pairs = ", ".join(f"%s::text, {trusted(expression)}" for _, expression in defaults)
    return Sql(f"jsonb_to_recordset((SELECT jsonb_agg(jsonb_build_object({pairs}) || pgrst_elem)"
               " FROM jsonb_array_elements(%s::jsonb) pgrst_elem))",
               [name for name, _ in defaults] + [payload.json_text])


def update_sql(table: Table, payload: Payload, where: Sql, representation: bool) -> Sql:
    if not payload.columns:
        # Nothing to set: PostgREST answers with no rows rather than run an empty UPDATE.
        row = f"{TARGET} AS pgrst_row, " if representation else ""
        return Sql(f"SELECT {row}false AS pgrst_inserted FROM {table_ref(table)} AS {TARGET}"
                   " WHERE false")
    assignments = ", ".join(f"{ident(c)} = pgrst_body.{ident(c)}" for c in payload.columns)
    return (Sql(f"UPDATE {table_ref(table)} AS {TARGET} SET {assignments} FROM json_to_record("
                f"%s::json) AS pgrst_body({_record_type(table, payload.columns)})",
                [payload.json_text])
            + where + _returning(representation, "false"))


def delete_sql(table: Table, where: Sql, representation: bool) -> Sql:
    return (f"DELETE FROM {table_ref(table)} AS {TARGET}" + where
            + _returning(representation, "false"))
