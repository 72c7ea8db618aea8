"""The AST of PostgREST query strings: what localbase.rest.query produces and
localbase.rest.compile turns into SQL. Identifiers are plain, unvalidated strings here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class JsonStep:
    arrow: str  # "->" or "->>"
    key: str  # an object key, or an array index when is_index
    is_index: bool


@dataclass(frozen=True)
class Field:
    name: str
    json_path: tuple[JsonStep, ...] = ()


@dataclass(frozen=True)
class SelectItem:
    field: Field | None  # None is `*`
    alias: str | None = None
    cast: str | None = None  # only letters, digits, _ and single spaces (query._TYPE_NAME)


@dataclass(frozen=True)
class Filter:
    field: Field
    operator: str  # one of query.OPERATORS or query.FULL_TEXT, "in" or "is"
    operand: str | tuple[str, ...]  # a tuple for "in", one of query.IS_VALUES for "is"
    negated: bool = False
    quantifier: str | None = None  # "any" / "all"
    language: str | None = None  # fts(english)


@dataclass(frozen=True)
class Logic:
    operator: str  # "and" / "or"
    children: tuple["Condition", ...]
    negated: bool = False


Condition = Union[Filter, Logic]


@dataclass(frozen=True)
class OrderTerm:
    field: Field
    descending: bool | None = None
    nulls: str | None = None  # "first" / "last"


@dataclass(frozen=True)
class Query:
    select: tuple[SelectItem, ...]
    where: tuple[Condition, ...]
    order: tuple[OrderTerm, ...]
    limit: int | None
    offset: int
    columns: tuple[str, ...] | None
    on_conflict: tuple[str, ...] | None
    arguments: tuple[tuple[str, str], ...]
