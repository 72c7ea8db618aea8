"""Search as people type: names without accents or case, phone digits however written, and
the text of messages (full-text in the clinic's language, see the `search_messages` function).

Names are matched against `client_search_name`, the database's `private.fold(full_name)`
(unaccent + lower); `fold` below does the same to the typed term, so "joao" finds "João".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from supabase import AsyncClient

from omni_app.channels import phones

MAX_TERM = 100
RESULTS = 20
# unaccent's rules that are not accents (Latin-1 and Latin Extended-A; a test compares every
# letter with the database's fold).
_NOT_DECOMPOSED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
                                 "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                                 "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H",
                                 "ı": "i", "ĸ": "q", "ŀ": "l", "Ŀ": "L", "ŉ": "'n", "ŋ": "n",
                                 "Ŋ": "N", "ŧ": "t", "Ŧ": "T"})
_PHONE_LIKE = re.compile(r"^[\d\s()+.\-]+$")
MARK_START, MARK_END = "\x02", "\x03"   # how search_messages marks a match in its headline


def fold(text: str) -> str:
    """Lower case without accents, as `private.fold` in the database."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _literal(text: str) -> str:
    """`text` inside a LIKE pattern matching only itself. PostgREST turns every `*` into `%`
    and cannot escape it, so `*` is dropped."""
    return (text.replace("*", "").replace("\\", "\\\\")
            .replace("%", "\\%").replace("_", "\\_"))


def client_match(term: str) -> tuple[str, str] | None:
    """(column, ilike pattern) for the inbox view: phone digits when the term looks like a
    phone number, the folded name otherwise; None for a blank term."""
    term = " ".join(term[:MAX_TERM].split())
    if not term:
        return None
    digits = re.sub(r"\D", "", term)
    if len(digits) >= 3 and _PHONE_LIKE.match(term):
        return "client_phone", f"*{digits}*"
    return "client_search_name", f"*{_literal(fold(term))}*"


@dataclass(frozen=True)
class Segment:
    text: str
    match: bool = False


def headline_segments(headline: str) -> list[Segment]:
    """The database's headline split into plain and matched parts (rendered as text, never as
    markup, so a message cannot inject any)."""
    segments, match = [], False
    for part in re.split(f"([{MARK_START}{MARK_END}])", headline or ""):
        if part == MARK_START:
            match = True
        elif part == MARK_END:
            match = False
        elif part:
            segments.append(Segment(part, match))
    return segments


async def messages(user: AsyncClient, term: str, limit: int = RESULTS,
                   before: tuple[str, str] | None = None) -> list[dict]:
    """Messages of the user's clinic matching `term` (words, "a phrase", -word), newest first;
    `before` = (occurred_at, interaction id) of the last result shown, to page on."""
    term = " ".join(term[:MAX_TERM].split())
    if not term:
        return []
    at, row_id = before or (None, None)
    return (await user.rpc("search_messages", {
        "p_query": term, "p_limit": limit, "p_before_at": at, "p_before_id": row_id,
    }).execute()).data or []


def _quoted(text: str) -> str:
    """A value inside PostgREST's `or=(...)`, quoted so `,` `(` `)` and `.` stay literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def client_list_match(term: str) -> str | None:
    """The `or=(...)` condition of the clients list for what was typed: phone digits (as
    typed, and the number's canonical form) when it looks like a phone; otherwise the folded
    name or the e-mail; None for a blank term."""
    term = " ".join(term[:MAX_TERM].split())
    if not term:
        return None
    digits = re.sub(r"\D", "", term)
    if len(digits) >= 3 and _PHONE_LIKE.match(term):
        spellings = {digits}
        canonical = phones.normalize(term)
        if canonical:
            spellings.update(form.lstrip("+") for form in phones.candidates(canonical))
        return ",".join(f"phone.like.{_quoted(f'*{d}*')}" for d in sorted(spellings))
    name = _quoted(f"*{_literal(fold(term))}*")
    email = _quoted(f"*{_literal(term.lower())}*")
    return f"search_name.like.{name},email.ilike.{email}"
