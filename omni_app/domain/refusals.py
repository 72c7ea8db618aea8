"""The one way the domain says no: `Refused(reason, detail)`. The reason is a short key from a
closed list that the interface translates (`<page>.error.<reason>`) and the API maps to a
status; the detail is for logs and API callers, never shown raw to staff.

Database functions say no with a SQLSTATE (ours: PT + an HTTP status); `from_database` is the one
mapping from those to reasons, which a caller may sharpen for its own function (PT409 is
"closed" for a reply, "self" for a change of one's own access). A function that names its
reason in the error's HINT (one snake_case word: `hint = 'stage_archived'`) is taken at its
word."""
from __future__ import annotations

import re

from postgrest.exceptions import APIError

# SQLSTATE (as PostgREST reports it) -> reason
SQLSTATE_REASONS = {
    "PT401": "not_signed_in", "PT403": "forbidden", "PT404": "not_found", "PT409": "conflict",
    "42501": "forbidden", "22023": "invalid", "22001": "too_long", "23505": "duplicate",
    "23514": "invalid", "23503": "not_found",
}
NAMED_REASON = re.compile(r"^[a-z][a-z_]{1,39}$")


class Refused(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def from_database(error: APIError, sharper: dict[str, str] | None = None) -> Refused:
    """The refusal a database error stands for; `sharper` maps a SQLSTATE to this caller's
    own reason (`{"PT409": "closed"}`)."""
    code = str(error.code or "")
    hint = getattr(error, "hint", None) or ""
    reason = ((sharper or {}).get(code) or (hint if NAMED_REASON.match(hint) else None)
              or SQLSTATE_REASONS.get(code, "failed"))
    return Refused(reason, error.message or "")
