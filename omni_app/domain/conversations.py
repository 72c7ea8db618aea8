"""The inbox, read and acted on as the signed-in user: row-level security decides what they see.

The list reads the `inbox_conversations` view (threads carry their last message's preview, so no
per-row subquery); a conversation's messages are paged newest first by the (occurred_at, id)
keyset, which the `interactions_conversation_idx` index serves in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import registry
from omni_app.domain import clock
from omni_app.domain.refusals import from_database

STATUSES = {"open": "active", "closed": "closed"}
LIST_LIMIT = 50
PAGE_SIZE = 30
MAX_REFRESH = 500            # messages re-read at most when a live change arrives
INBOX_COLUMNS = ("id,client_id,channel,status,last_message_at,last_inbound_at,"
                 "last_message_preview,last_message_direction,unread_count,client_name,"
                 "client_phone,client_instagram_id")
MESSAGE_COLUMNS = "id,direction,content,media,status,error,sent_by,occurred_at,kind:metadata->>kind"
# Characters with a meaning in PostgREST's or=(...) grammar or in LIKE patterns.
_SEARCH_NOISE = re.compile(r'[,()"\\*%:]')
_PHONE_LIKE = re.compile(r"^[\d\s()+.\-]+$")


@dataclass(frozen=True)
class InboxFilter:
    channel: str = ""          # "" (all), whatsapp, instagram
    status: str = "open"       # open, closed, all
    unread_only: bool = False
    search: str = ""


@dataclass(frozen=True)
class Page:
    rows: list[dict]           # newest first
    has_more: bool


def _search_condition(term: str) -> str | None:
    """`or=(...)` matching a name fragment, or the digits of a phone as people type them."""
    term = _SEARCH_NOISE.sub(" ", term).strip()
    if not term:
        return None
    parts = [f'client_name.ilike."*{term}*"']
    digits = re.sub(r"\D", "", term)
    if len(digits) >= 3 and _PHONE_LIKE.match(term):
        parts.append(f'client_phone.ilike."*{digits}*"')
    return ",".join(parts)


async def inbox(user: AsyncClient, wanted: InboxFilter, limit: int = LIST_LIMIT) -> list[dict]:
    """The clinic's conversations, newest activity first."""
    query = user.table("inbox_conversations").select(INBOX_COLUMNS)
    if wanted.channel in registry.CHANNELS:
        query = query.eq("channel", wanted.channel)
    if wanted.status in STATUSES:
        query = query.eq("status", STATUSES[wanted.status])
    if wanted.unread_only:
        query = query.gt("unread_count", 0)
    condition = _search_condition(wanted.search)
    if condition:
        query = query.or_(condition)
    query = query.order("last_message_at", desc=True, nullsfirst=False).order("id")
    return (await query.limit(limit).execute()).data


async def conversation(user: AsyncClient, conversation_id: str) -> dict | None:
    rows = (await user.table("inbox_conversations").select(INBOX_COLUMNS)
            .eq("id", conversation_id).limit(1).execute()).data
    return rows[0] if rows else None


async def last_inbound_at(user: AsyncClient, client_id: str, channel: str) -> str | None:
    """The client's last message on that channel, whichever conversation it is in."""
    rows = (await user.table("conversation_threads").select("last_inbound_at")
            .eq("client_id", client_id).eq("channel", channel)
            .not_.is_("last_inbound_at", "null")
            .order("last_inbound_at", desc=True).limit(1).execute()).data
    return rows[0]["last_inbound_at"] if rows else None


def reply_window_closed(channel: str, last_inbound: str | datetime | None,
                        now: datetime | None = None) -> bool:
    """Past the channel's reply window (WhatsApp: 24 h after the client's last message) a
    free-form reply may be refused by the provider."""
    spec = registry.get(channel)
    if spec is None or spec.reply_window is None:
        return False
    if last_inbound is None:
        return True
    return (now or clock.now()) - clock.parse_time(last_inbound) > spec.reply_window


async def messages(user: AsyncClient, conversation_id: str,
                   before: tuple[str, str] | None = None, limit: int = PAGE_SIZE) -> Page:
    """One page, newest first, strictly older than `before` = (occurred_at, id) when given."""
    query = (user.table("interactions").select(MESSAGE_COLUMNS)
             .eq("conversation_id", conversation_id))
    if before is not None:
        at, row_id = before
        query = query.or_(f'occurred_at.lt."{at}",and(occurred_at.eq."{at}",id.lt.{row_id})')
    rows = (await query.order("occurred_at", desc=True).order("id", desc=True)
            .limit(limit + 1).execute()).data
    return Page(rows[:limit], len(rows) > limit)


async def messages_since(user: AsyncClient, conversation_id: str,
                         oldest: tuple[str, str]) -> list[dict]:
    """Everything from `oldest` (inclusive) to now, newest first: what a live refresh re-reads
    so new messages appear and the ticks of those already shown move on."""
    at, row_id = oldest
    return (await user.table("interactions").select(MESSAGE_COLUMNS)
            .eq("conversation_id", conversation_id)
            .or_(f'occurred_at.gt."{at}",and(occurred_at.eq."{at}",id.gte.{row_id})')
            .order("occurred_at", desc=True).order("id", desc=True)
            .limit(MAX_REFRESH).execute()).data


async def pane_messages(user: AsyncClient, conversation_id: str,
                        oldest: tuple[str, str] | None) -> list[dict]:
    """What a pane that shows messages back to `oldest` shows now (the first page without)."""
    if oldest:
        return await messages_since(user, conversation_id, oldest)
    return (await messages(user, conversation_id)).rows


async def _call(user: AsyncClient, function: str, conversation_id: str) -> None:
    try:
        await user.rpc(function, {"p_conversation_id": conversation_id}).execute()
    except APIError as refused:
        # not_found; conflict: the client already has an open conversation on that channel
        if refused.code in ("PT404", "PT409"):
            raise from_database(refused) from None
        raise


async def close(user: AsyncClient, conversation_id: str) -> None:
    await _call(user, "close_conversation", conversation_id)


async def reopen(user: AsyncClient, conversation_id: str) -> None:
    await _call(user, "reopen_conversation", conversation_id)


async def mark_read(user: AsyncClient, conversation_id: str) -> None:
    await _call(user, "mark_conversation_read", conversation_id)
