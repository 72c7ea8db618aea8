"""The clinic's audit log as its admins read it: newest first, one page at a time (keyset on
when and id, so a page never repeats or skips an entry written meanwhile), filtered by who, what
and which days (in the clinic's time zone). `audit_log_page` refuses anyone but an admin."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    actor_id: str = ""        # a member's id; "" for anyone
    action: str = ""          # an action key; "" for any
    since: str = ""           # YYYY-MM-DD, inclusive; "" for no bound
    until: str = ""           # YYYY-MM-DD, inclusive


@dataclass(frozen=True)
class Cursor:
    """The last entry of the page before: the next page starts after it."""
    at: str
    id: str


def _day(text: str) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise Refused("date") from None


def arguments(filters: Filters, after: Cursor | None, limit: int) -> dict:
    """The RPC's arguments; Refused: actor, date, date_order."""
    if filters.actor_id and not is_uuid(filters.actor_id):
        raise Refused("actor")
    since, until = _day(filters.since), _day(filters.until)
    if since and until and since > until:
        raise Refused("date_order")
    return {"p_actor": filters.actor_id or None, "p_action": filters.action or None,
            "p_from": since, "p_to": until, "p_before_at": after.at if after else None,
            "p_before_id": after.id if after else None, "p_limit": limit}


async def entries(user: AsyncClient, filters: Filters, after: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> list[dict]:
    """Up to `limit` entries older than `after`, newest first; Refused: forbidden (not an
    admin) and those of `arguments`."""
    try:
        return (await user.rpc("audit_log_page", arguments(filters, after, limit))
                .execute()).data or []
    except APIError as refused:
        raise from_database(refused) from None


async def actions(user: AsyncClient) -> list[str]:
    """Every action an entry can have (admins)."""
    try:
        return list((await user.rpc("audit_action_names", {}).execute()).data or [])
    except APIError as refused:
        raise from_database(refused) from None


def readable(value, names: dict[str, str] | None = None) -> str:
    """Details as text a person reads: `key: value` pairs (a key in `names` as its name there:
    `mon` as "Segunda"), {old, new} as `old → new`, hours intervals as `08:00–12:00`, nothing
    as `—`; never JSON."""
    names = names or {}
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            return f"{readable(value['old'], names)} → {readable(value['new'], names)}"
        if set(value) == {"start", "end"}:
            return f"{value['start']}–{value['end']}"
        return "; ".join(f"{names.get(key, key)}: {readable(item, names)}"
                         for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(readable(item, names) for item in value)
    return str(value)


def detail_lines(details: dict | None) -> list[str]:
    """One `key: value` line per top-level detail."""
    if not isinstance(details, dict):
        return [readable(details)] if details else []
    return [f"{key}: {readable(value)}" for key, value in details.items()]
