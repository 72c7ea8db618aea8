"""The lexical layer of PostgREST's query grammar: a cursor over one parameter, field names
(plain or "quoted"), JSON paths (->key, ->>0) and filter values inside lists and logic trees."""
from __future__ import annotations

import re
from typing import Callable, TypeVar

from localbase.errors import ApiError, parse_error
from localbase.rest.query_ast import JsonStep

_INDEX = re.compile(r"-?[0-9]+")
_INDEX_ENDS = ("->", "::", ".", ",")
T = TypeVar("T")


class Cursor:
    """A position in the text of one query parameter; `what` names it in error messages."""

    __slots__ = ("text", "pos", "what")

    def __init__(self, text: str, what: str):
        self.text, self.pos, self.what = text, 0, what

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def peek_is_identifier(self) -> bool:
        """PostgREST's identifier characters: letters, digits, `_`, space and `$`."""
        char = self.peek()
        return char != "" and (char.isalpha() or char in "0123456789_ $")

    def identifier_chars(self) -> str:
        """The run of identifier characters from here, without surrounding blanks."""
        start = self.pos
        while self.peek_is_identifier():
            self.pos += 1
        return self.text[start:self.pos].strip()

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def take(self, literal: str) -> bool:
        if self.text.startswith(literal, self.pos):
            self.pos += len(literal)
            return True
        return False

    def take_any(self, *literals: str) -> str | None:
        for literal in literals:
            if self.take(literal):
                return literal
        return None

    def expect(self, literal: str) -> None:
        if not self.take(literal):
            found = f"'{self.peek()}'" if self.peek() else "end of input"
            raise self.error(f'unexpected {found} expecting "{literal}"')

    def skip_ws(self) -> None:
        while self.peek() in (" ", "\t"):
            self.pos += 1

    def segment(self) -> tuple[str, bool]:
        """The text up to the next top-level comma, and whether it holds a parenthesis
        (outside quotes): that is how embedded resources and aggregates look."""
        depth, quoted, nested, index = 0, False, False, self.pos
        while index < len(self.text):
            char = self.text[index]
            if quoted:
                if char == "\\":
                    index += 1
                elif char == '"':
                    quoted = False
            elif char == '"':
                quoted = True
            elif char == "(":
                nested, depth = True, depth + 1
            elif char == ")":
                depth -= 1
            elif char == "," and depth <= 0:
                break
            index += 1
        return self.text[self.pos:index], nested

    def error(self, details: str) -> ApiError:
        return parse_error(f'"failed to parse {self.what} ({self.text})" '
                           f"(line 1, column {self.pos + 1})", details)


def comma_list(cur: Cursor, item: Callable[[Cursor], T]) -> tuple[T, ...]:
    """`item,item,...` up to the end of the text, with blanks allowed around each item."""
    items = []
    while True:
        cur.skip_ws()
        items.append(item(cur))
        cur.skip_ws()
        if cur.at_end():
            return tuple(items)
        cur.expect(",")


def field_name(cur: Cursor) -> str:
    """A "quoted" name (backslash escapes) or identifiers joined by dashes (`a-b`, not `a->b`)."""
    if cur.peek() == '"':
        return quoted(cur)
    parts = [_identifier(cur)]
    while cur.peek() == "-" and cur.peek(1) != ">":
        cur.pos += 1
        parts.append(_identifier(cur))
    return "-".join(parts)


def _identifier(cur: Cursor) -> str:
    start = cur.pos
    name = cur.identifier_chars()
    if not name:
        cur.pos = start
        raise cur.error("expecting field name (* or [a..z0..9_$])")
    return name


def quoted(cur: Cursor) -> str:
    cur.expect('"')
    chars = []
    while True:
        char = cur.peek()
        if char == "":
            raise cur.error('unexpected end of input expecting closing quote (")')
        cur.pos += 1
        if char == '"':
            return "".join(chars)
        if char == "\\":
            char = cur.peek()
            if char == "":
                raise cur.error("unexpected end of input after a backslash")
            cur.pos += 1
        chars.append(char)


def json_path(cur: Cursor) -> tuple[JsonStep, ...]:
    steps = []
    while (arrow := cur.take_any("->>", "->")) is not None:
        match = _INDEX.match(cur.text, cur.pos)
        if match and (match.end() == len(cur.text) or cur.text.startswith(_INDEX_ENDS,
                                                                          match.end())):
            cur.pos = match.end()
            steps.append(JsonStep(arrow, match.group(), True))
        else:
            steps.append(JsonStep(arrow, field_name(cur), False))
    return tuple(steps)


def list_value(cur: Cursor) -> tuple[str, ...]:
    """`(a,"b,c",d)`: items may be quoted to hold `,` `)` or `"`; `()` is the empty list."""
    cur.skip_ws()
    cur.expect("(")
    cur.skip_ws()
    if cur.take(")"):
        cur.skip_ws()
        return ()
    items = [_list_item(cur)]
    while cur.take(","):
        items.append(_list_item(cur))
    cur.expect(")")
    cur.skip_ws()
    return tuple(items)


def _list_item(cur: Cursor) -> str:
    value = _quoted_item(cur)
    return _until(cur, ",)") if value is None else value


def logic_value(cur: Cursor) -> str:
    """A value inside or=(...): quoted, a {pg,array} or anything up to `,` or `)`."""
    value = _quoted_item(cur)
    if value is not None:
        return value
    if cur.peek() == "{":
        end = cur.text.find("}", cur.pos)
        if end != -1 and "{" not in cur.text[cur.pos + 1:end]:
            value, cur.pos = cur.text[cur.pos:end + 1], end + 1
            return value
    return _until(cur, ",)")


def _quoted_item(cur: Cursor) -> str | None:
    """A quoted item counts only when a separator follows it; otherwise the quotes are data."""
    if cur.peek() != '"':
        return None
    start = cur.pos
    try:
        value = quoted(cur)
    except ApiError:
        cur.pos = start
        return None
    if cur.peek() in (",", ")", ""):
        return value
    cur.pos = start
    return None


def _until(cur: Cursor, stops: str) -> str:
    start = cur.pos
    while not cur.at_end() and cur.peek() not in stops:
        cur.pos += 1
    return cur.text[start:cur.pos]
