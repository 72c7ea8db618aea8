"""Parse a PostgREST query string into a small AST; no SQL here (see localbase.rest.compile).

Public API, shared by tables and RPC:

    parse_query(pairs) -> Query
        All decoded (key, value) pairs of a request in order (`request.query_params.multi_items()`,
        which decodes with form rules: `+` is a space). Classifies them as PostgREST does:
        `select`, `columns`, `on_conflict`, `order`, `limit`, `offset`, `and`/`or` (also `not.or`),
        filters (`col=op.value`), and everything else as `Query.arguments`.
    rpc_arguments(query) -> tuple[(key, value), ...]
        Query.arguments less the API gateway's own (`apikey`): the arguments of an RPC on GET.
    refuse_arguments(query)
        400 PGRST100 for the first of rpc_arguments(query): the table endpoints and RPC on POST
        take no arguments from the query string.
    parse_select(text), parse_filter(key, value), parse_logic(key, value), parse_order(text),
    parse_names(text, what)
        The individual grammars (PostgREST's src/PostgREST/ApiRequest/QueryParams.hs).

Identifiers come out as plain strings: they are only ever used after compile.py has found them
in a column mapping and quoted them. Unparsable input raises ApiError 400 PGRST100 with
PostgREST's message shape, `"failed to parse filter (eq)" (line 1, column 3)`; resource embedding
(`rel(cols)`, `rel.col=eq.1`, `order=rel(col)`) is refused with PGRST100 and aggregates
(`count()`, `col.sum()`) with PGRST123, as Supabase does while they are disabled.
"""
from __future__ import annotations

import re
from typing import Iterable

from localbase.errors import ApiError, parse_error
from localbase.rest.query_ast import (Condition, Field, Filter, JsonStep, Logic, OrderTerm,
                                      Query, SelectItem)
from localbase.rest.query_syntax import (Cursor, comma_list, field_name, json_path, list_value,
                                         logic_value)

__all__ = ["Condition", "Field", "Filter", "JsonStep", "Logic", "OrderTerm", "Query",
           "SelectItem", "embedding_error", "parse_filter", "parse_logic", "parse_names",
           "parse_order", "parse_query", "parse_select", "refuse_arguments", "rpc_arguments"]

# Operators taking one value; those in QUANTIFIABLE also accept op(any)/op(all) with an array.
OPERATORS = frozenset({"eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match",
                       "imatch", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj",
                       "isdistinct"})
QUANTIFIABLE = frozenset({"eq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"})
FULL_TEXT = frozenset({"fts", "plfts", "phfts", "wfts"})
IS_VALUES = frozenset({"null", "not_null", "true", "false", "unknown"})
RESERVED = frozenset({"select", "columns", "on_conflict"})
EMBEDDABLE = frozenset({"order", "limit", "offset", "and", "or"})
_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*")
_AGGREGATE = re.compile(r"(?:^|[.:])\s*(?:count|sum|avg|min|max)\s*\(\s*\)")
_INTEGER = re.compile(r"-?[0-9]+")
# The API gateway's own parameter: Kong accepts the key in the query string too.
IGNORED_PARAMETERS = frozenset({"apikey"})


def parse_query(pairs: Iterable[tuple[str, str]]) -> Query:
    reserved: dict[str, str] = {}
    where: list[Condition] = []
    order: list[OrderTerm] = []
    arguments: list[tuple[str, str]] = []
    limit: int | None = None
    offset = 0
    for key, value in pairs:
        last = key.rsplit(".", 1)[-1]
        if key in RESERVED:
            reserved.setdefault(key, value)
        elif last in ("and", "or"):
            where.append(parse_logic(key, value))
        elif last in EMBEDDABLE and "." in key:
            raise embedding_error(key, f"the '{key}' parameter applies to an embedded resource")
        elif key == "order":
            order.extend(parse_order(value))
        elif key == "limit":
            limit = _parse_limit(value)
        elif key == "offset":
            offset = _parse_offset(value)
        elif "." in key or _looks_like_filter(value):
            where.append(parse_filter(key, value))
        else:
            arguments.append((key, value))
    columns, on_conflict = reserved.get("columns"), reserved.get("on_conflict")
    return Query(
        select=parse_select(reserved.get("select", "*")), where=tuple(where),
        order=tuple(order), limit=limit, offset=offset,
        columns=None if columns is None else parse_names(columns, "columns parameter"),
        on_conflict=None if on_conflict is None else parse_names(on_conflict,
                                                                 "on_conflict parameter"),
        arguments=tuple(arguments))


def rpc_arguments(query: Query) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in query.arguments if k not in IGNORED_PARAMETERS)


def refuse_arguments(query: Query) -> None:
    """PostgREST ignores parameters that are not filters; localbase refuses them, so that a
    filter missing its operator (`?id=5`) or a mangled one never returns unfiltered rows."""
    arguments = rpc_arguments(query)
    if arguments:
        key, value = arguments[0]
        raise parse_error(f'"failed to parse filter ({value})" (line 1, column 1)',
                          f"'{key}={value}' is not a filter; write {key}=eq.<value>")


def embedding_error(text: str, details: str) -> ApiError:
    return ApiError(400, "PGRST100", "Resource embedding is not supported by localbase",
                    details, f"Query '{text}' separately, or through a view or an rpc function.")


def _looks_like_filter(value: str) -> bool:
    """PostgREST's test for `key=value` being a filter rather than an RPC argument."""
    head = value.split(".", 1)[0]
    if head in ("not", "is", "in"):
        return True
    operator = head.split("(", 1)[0]
    return operator in OPERATORS or operator in FULL_TEXT


def _parse_limit(value: str) -> int:
    if not _INTEGER.fullmatch(value.strip()):
        raise parse_error(f'"failed to parse limit ({value})"', "expecting an integer")
    limit = int(value)
    if limit < 0:
        raise ApiError(416, "PGRST103", "Requested range not satisfiable",
                       "Limit should be greater than or equal to zero.")
    return limit


def _parse_offset(value: str) -> int:
    if not _INTEGER.fullmatch(value.strip()) or int(value) < 0:
        raise parse_error(f'"failed to parse offset ({value})"',
                          "expecting a non-negative integer")
    return int(value)


def parse_select(text: str) -> tuple[SelectItem, ...]:
    return comma_list(Cursor(text, "select parameter"), _select_item)


def _select_item(cur: Cursor) -> SelectItem:
    segment, nested = cur.segment()
    if _AGGREGATE.search(segment):
        raise ApiError(400, "PGRST123", "Use of aggregate functions is not allowed")
    if nested or segment.lstrip().startswith(".."):
        raise embedding_error(segment.strip(), f"'{segment.strip()}' in select embeds a "
                                               "related resource")
    if cur.take("*"):
        return SelectItem(None)
    alias = None
    start = cur.pos
    if cur.peek() == '"' or cur.peek_is_identifier():
        name = field_name(cur)
        if cur.peek() == ":" and cur.peek(1) != ":":
            cur.pos += 1
            cur.skip_ws()
            alias = name
        else:
            cur.pos = start
    field = Field(field_name(cur), json_path(cur))
    cast = None
    if cur.take("::"):
        cast = cur.identifier_chars()
        if not _TYPE_NAME.fullmatch(cast):
            raise cur.error(f"invalid cast type '{cast}'")
    return SelectItem(field, alias, cast)


def parse_filter(key: str, value: str) -> Filter:
    path = Cursor(key, "tree path")
    names = [field_name(path)]
    while path.take("."):
        names.append(field_name(path))
    steps = json_path(path)
    if not path.at_end():
        raise path.error(f"unexpected '{path.peek()}'")
    if len(names) > 1:
        raise embedding_error(key, f"the filter '{key}' applies to an embedded resource")
    cur = Cursor(value, "filter")
    condition = _operation(cur, Field(names[0], steps), in_logic=False)
    if not cur.at_end():
        raise cur.error(f"unexpected '{cur.peek()}' after the operator's value")
    return condition


def _operation(cur: Cursor, field: Field, in_logic: bool) -> Filter:
    negated = cur.take("not.")
    start = cur.pos
    while not cur.at_end() and cur.peek() not in ".(":
        cur.pos += 1
    operator = cur.text[start:cur.pos]
    if operator == "in":
        cur.expect(".")
        return Filter(field, "in", list_value(cur), negated)
    if operator == "is":
        cur.expect(".")
        word_start = cur.pos
        while cur.peek().isalpha() or cur.peek() == "_":
            cur.pos += 1
        word = cur.text[word_start:cur.pos].lower()
        if word not in IS_VALUES:
            raise cur.error("expecting null or trilean value (unknown, true, false)")
        return Filter(field, "is", word, negated)
    if operator in FULL_TEXT:
        language = None
        if cur.take("("):
            language = field_name(cur)
            cur.expect(")")
        cur.expect(".")
        return Filter(field, operator, _value(cur, in_logic), negated, language=language)
    if operator in OPERATORS:
        quantifier = None
        if cur.take("("):
            quantifier = cur.take_any("any", "all")
            if quantifier is None or operator not in QUANTIFIABLE:
                raise cur.error(f"unknown single value operator {operator}(...)")
            cur.expect(")")
        cur.expect(".")
        return Filter(field, operator, _value(cur, in_logic), negated, quantifier)
    cur.pos = start
    raise cur.error(f"unknown single value operator {operator}")


def _value(cur: Cursor, in_logic: bool) -> str:
    if in_logic:
        return logic_value(cur)
    text = cur.text[cur.pos:]
    cur.pos = len(cur.text)
    return text


def parse_logic(key: str, value: str) -> Logic:
    names = key.split(".")
    prefix = names[:-1]
    if any(name != "not" for name in prefix):
        raise embedding_error(key, f"the '{key}' parameter applies to an embedded resource")
    cur = Cursor(("not." if prefix else "") + names[-1] + value, "logic tree")
    tree = _logic_tree(cur)
    cur.skip_ws()
    if not isinstance(tree, Logic) or not cur.at_end():
        raise cur.error("expecting a logic tree like or=(a.eq.1,b.eq.2)")
    return tree


def _logic_tree(cur: Cursor) -> Condition:
    cur.skip_ws()
    start = cur.pos
    negated = cur.take("not.")
    for operator in ("and", "or"):
        if cur.take(operator):
            cur.skip_ws()
            if cur.take("("):
                children = [_logic_tree(cur)]
                cur.skip_ws()
                while cur.take(","):
                    children.append(_logic_tree(cur))
                    cur.skip_ws()
                cur.expect(")")
                return Logic(operator, tuple(children), negated)
            break
    cur.pos = start
    field = Field(field_name(cur), json_path(cur))
    cur.expect(".")
    return _operation(cur, field, in_logic=True)


def parse_order(text: str) -> tuple[OrderTerm, ...]:
    return comma_list(Cursor(text, "order"), _order_term)


def _order_term(cur: Cursor) -> OrderTerm:
    name = field_name(cur)
    if cur.peek() == "(":
        raise embedding_error(cur.text, f"order={cur.text} orders by an embedded resource")
    field = Field(name, json_path(cur))
    direction = nulls = None
    while cur.take("."):
        if direction is None and nulls is None and (word := cur.take_any("asc", "desc")):
            direction = word
        elif nulls is None and (word := cur.take_any("nullsfirst", "nullslast")):
            nulls = word.removeprefix("nulls")
        else:
            raise cur.error('expecting "asc", "desc", "nullsfirst" or "nullslast"')
    descending = None if direction is None else direction == "desc"
    return OrderTerm(field, descending, nulls)


def parse_names(text: str, what: str) -> tuple[str, ...]:
    """A comma-separated list of (possibly quoted) column names: columns=, on_conflict=."""
    return comma_list(Cursor(text, what), field_name)
