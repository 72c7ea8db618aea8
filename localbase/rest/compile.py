"""Compile the AST of localbase.rest.query into SQL with bound parameters.

Public API, shared by tables and RPC (which filters the rows of set-returning functions):

    Source(ref, name, columns)
        What the columns belong to: `ref` is the SQL that qualifies them (a quoted table such as
        '"public"."todos"', or an alias such as 'pgrst_call'), `name` is used in error messages
        and `columns` maps every column name to its SQL type (Table.column_types, or a
        function's result columns). A name missing from `columns` fails with 400 42703
        "column <name>.<col> does not exist", exactly what PostgreSQL would say.
    select_list(items, source) -> Sql       the SELECT list (`*` is `<ref>.*`)
    where_clause(conditions, source) -> Sql  " WHERE ..." or empty
    order_clause(terms, source) -> Sql       " ORDER BY ..." or empty
    limit_clause(limit, offset) -> Sql       " LIMIT %s OFFSET %s" or empty
    read_sql(query, source, from_sql, limit, offset) -> Sql
                                             SELECT list FROM from_sql WHERE ORDER LIMIT
    ident(name), trusted(sql_text)           quote an identifier; escape catalog SQL (types,
                                             default expressions) for psycopg's `%`

Sql holds psycopg `%s` text plus its parameters. Identifiers only ever come from the mapping
and are quoted with ident(); values are always parameters (Python str, which psycopg sends
with the unknown type so PostgreSQL coerces it to the column's type), one per `in` item.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from localbase.errors import ApiError
from localbase.rest.query import (Condition, Field, Filter, Logic, OrderTerm, Query,
                                  SelectItem)

_BINARY = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
           "like": "LIKE", "ilike": "ILIKE", "match": "~", "imatch": "~*", "cs": "@>",
           "cd": "<@", "ov": "&&", "sl": "<<", "sr": ">>", "nxr": "&<", "nxl": "&>",
           "adj": "-|-", "isdistinct": "IS DISTINCT FROM"}
_FULL_TEXT = {"fts": "to_tsquery", "plfts": "plainto_tsquery", "phfts": "phraseto_tsquery",
              "wfts": "websearch_to_tsquery"}
_IS = {"null": "NULL", "not_null": "NOT NULL", "true": "TRUE", "false": "FALSE",
       "unknown": "UNKNOWN"}


class Sql:
    """SQL text with `%s` placeholders and the parameters they stand for, in order."""

    __slots__ = ("text", "params")

    def __init__(self, text: str = "", params: Sequence[Any] = ()):
        self.text, self.params = text, list(params)

    def __add__(self, other: "Sql | str") -> "Sql":
        if isinstance(other, str):
            return Sql(self.text + other, self.params)
        return Sql(self.text + other.text, self.params + other.params)

    def __radd__(self, other: str) -> "Sql":
        return Sql(other + self.text, self.params)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __repr__(self) -> str:
        return f"Sql({self.text!r}, {self.params!r})"

    @staticmethod
    def join(separator: str, parts: Iterable["Sql"]) -> "Sql":
        result = Sql()
        for index, part in enumerate(parts):
            result = result + (separator + part if index else part)
        return result


def ident(name: str) -> str:
    """A quoted identifier; `%` doubled because the text goes through psycopg's formatting."""
    return '"' + name.replace('"', '""').replace("%", "%%") + '"'


def trusted(sql_text: str) -> str:
    """SQL that comes from the catalog (type names, default expressions), escaped for psycopg."""
    return sql_text.replace("%", "%%")


@dataclass(frozen=True)
class Source:
    ref: str
    name: str
    columns: Mapping[str, str]

    def column(self, name: str) -> str:
        if name not in self.columns:
            raise ApiError(400, "42703", f"column {self.name}.{name} does not exist")
        return f"{self.ref}.{ident(name)}"


def field_sql(field: Field, source: Source) -> Sql:
    sql = Sql(source.column(field.name))
    for step in field.json_path:
        sql = sql + Sql(f"{step.arrow}%s::int" if step.is_index else f"{step.arrow}%s",
                        [step.key])
    return sql


def output_name(item: SelectItem) -> str:
    """PostgREST names a JSON path after its last key unless aliased."""
    if item.alias:
        return item.alias
    path = item.field.json_path
    return path[-1].key if path and not path[-1].is_index else item.field.name


def select_list(items: Sequence[SelectItem], source: Source) -> Sql:
    parts = []
    for item in items:
        if item.field is None:
            parts.append(Sql(f"{source.ref}.*"))
            continue
        sql = field_sql(item.field, source)
        if item.cast:
            sql = "CAST(" + sql + f" AS {item.cast})"
        parts.append(sql + f" AS {ident(output_name(item))}")
    return Sql.join(", ", parts)


def condition_sql(condition: Condition, source: Source) -> Sql:
    if isinstance(condition, Logic):
        joiner = " AND " if condition.operator == "and" else " OR "
        sql = "(" + Sql.join(joiner, (condition_sql(c, source) for c in condition.children)) + ")"
    else:
        sql = _filter_sql(condition, source)
    return "NOT " + sql if condition.negated else sql


def _filter_sql(flt: Filter, source: Source) -> Sql:
    column = field_sql(flt.field, source)
    operator, operand = flt.operator, flt.operand
    if operator == "is":
        return "(" + column + f" IS {_IS[operand]})"
    if operator == "in":
        if not operand:
            return Sql("false")
        placeholders = ", ".join(["%s"] * len(operand))
        return "(" + column + Sql(f" IN ({placeholders}))", operand)
    if operator in _FULL_TEXT:
        arguments = "%s, %s" if flt.language else "%s"
        params = [flt.language, operand] if flt.language else [operand]
        return "(" + column + Sql(f" @@ {_FULL_TEXT[operator]}({arguments}))", params)
    if operator in ("like", "ilike"):
        operand = operand.replace("*", "%")
    placeholder = f"{flt.quantifier.upper()}(%s)" if flt.quantifier else "%s"
    return "(" + column + Sql(f" {_BINARY[operator]} {placeholder})", [operand])


def where_clause(conditions: Sequence[Condition], source: Source) -> Sql:
    if not conditions:
        return Sql()
    return " WHERE " + Sql.join(" AND ", (condition_sql(c, source) for c in conditions))


def order_clause(terms: Sequence[OrderTerm], source: Source) -> Sql:
    if not terms:
        return Sql()
    parts = []
    for term in terms:
        sql = field_sql(term.field, source)
        if term.descending is not None:
            sql = sql + (" DESC" if term.descending else " ASC")
        if term.nulls:
            sql = sql + f" NULLS {term.nulls.upper()}"
        parts.append(sql)
    return " ORDER BY " + Sql.join(", ", parts)


def limit_clause(limit: int | None, offset: int) -> Sql:
    sql = Sql(" LIMIT %s", [limit]) if limit is not None else Sql()
    return sql + Sql(" OFFSET %s", [offset]) if offset else sql


def read_sql(query: Query, source: Source, from_sql: Sql | str, limit: int | None,
             offset: int) -> Sql:
    """SELECT <query.select> FROM from_sql WHERE ... ORDER BY ... LIMIT/OFFSET.

    limit/offset are passed separately because a Range header may narrow the query's own."""
    return ("SELECT " + select_list(query.select, source) + " FROM " + from_sql
            + where_clause(query.where, source) + order_clause(query.order, source)
            + limit_clause(limit, offset))
