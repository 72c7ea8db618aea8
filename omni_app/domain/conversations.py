"""The inbox, read and acted on as the signed-in user: row-level security decides what they see.

The list reads the `inbox_conversations` view (threads carry their last message's preview, so no
per-row subquery); a conversation's messages are paged newest first by the (occurred_at, seq)
keyset (`seq` numbers a conversation's messages on insert, so messages that share a second keep
one order everywhere), which the `interactions_conversation_idx` index serves in order.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import phones, registry
from omni_app.domain import clock, search
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

STATUSES = {"open": "active", "closed": "closed"}
ASSIGNEES = ("all", "mine", "unassigned")
LIST_PAGE = 50
PAGE_SIZE = 30
MAX_REFRESH = 500            # rows re-read at most when a live change arrives
INBOX_COLUMNS = ("id,client_id,channel,status,last_message_at,last_inbound_at,"
                 "last_message_preview,last_message_direction,unread_count,client_name,"
                 "client_phone,client_instagram_id,has_failed_reply,assignee_id,assignee_name")
MESSAGE_COLUMNS = ("id,seq,direction,content,media,status,error,sent_by,occurred_at,"
                   "reply_to_id,kind:metadata->>kind")
NOTE_COLUMNS = "id,body,created_at,author_name"
QUOTE_COLUMNS = "id,direction,content,media,kind:metadata->>kind"
MAX_NOTES = 500
ZERO_ID = "00000000-0000-0000-0000-000000000000"   # matches no member


@dataclass(frozen=True)
class InboxFilter:
    channel: str = ""          # "" (all), whatsapp, instagram
    status: str = "open"       # open, closed, all
    unread_only: bool = False
    search: str = ""
    assignee: str = "all"      # all, mine (`me`'s), unassigned
    me: str = ""               # the signed-in member's users.id, for "mine"


@dataclass(frozen=True)
class Extras:
    """What the pane shows besides messages: private notes and the messages replies quote."""
    notes: list[dict]
    quoted: dict[str, dict]


@dataclass(frozen=True)
class Page:
    rows: list[dict]           # newest first
    has_more: bool
    total: int | None = None   # every row the filter matches, when counted


def refresh_limit(shown: int) -> int:
    """How many rows a refresh re-reads so a list scrolled to `shown` rows keeps them."""
    return min(max(shown, LIST_PAGE), MAX_REFRESH)


def list_cursor(row: dict) -> tuple[str | None, str]:
    """Where the next page of the list starts: after this row's (last activity, id)."""
    return row.get("last_message_at"), row["id"]


def _after(cursor: tuple[str | None, str]) -> str:
    """Rows after `cursor` in the list's order (last activity newest first, never-active last,
    then id): the condition for `or=(...)`; both values are the database's own."""
    at, row_id = cursor
    if at is None:
        return f"and(last_message_at.is.null,id.gt.{row_id})"
    return (f'last_message_at.lt."{at}",and(last_message_at.eq."{at}",id.gt.{row_id}),'
            "last_message_at.is.null")


async def inbox(user: AsyncClient, wanted: InboxFilter, limit: int = LIST_PAGE,
                after: tuple[str | None, str] | None = None, count: bool = False) -> Page:
    """One page of the clinic's conversations, newest activity first (keyset on last activity,
    served in order by the inbox indexes); `count` adds how many match the filter in all
    (counting rows after `after` when given, so count the first page)."""
    query = user.table("inbox_conversations").select(INBOX_COLUMNS,
                                                     count="exact" if count else None)
    if wanted.channel in registry.CHANNELS:
        query = query.eq("channel", wanted.channel)
    if wanted.status in STATUSES:
        query = query.eq("status", STATUSES[wanted.status])
    if wanted.unread_only:
        query = query.gt("unread_count", 0)
    if wanted.assignee == "mine":
        query = query.eq("assignee_id", wanted.me if is_uuid(wanted.me) else ZERO_ID)
    elif wanted.assignee == "unassigned":
        query = query.is_("assignee_id", "null")
    matching = search.client_match(wanted.search)
    if matching is not None:
        query = query.ilike(*matching)
    if after is not None:
        query = query.or_(_after(after))
    query = query.order("last_message_at", desc=True, nullsfirst=False).order("id")
    answer = await query.limit(limit + 1).execute()
    return Page(answer.data[:limit], len(answer.data) > limit, answer.count if count else None)


async def conversation(user: AsyncClient, conversation_id: str) -> dict | None:
    if not is_uuid(conversation_id):   # a hand-typed /inbox/<id>
        return None
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


def message_cursor(row: dict) -> tuple[str, int]:
    return row["occurred_at"], int(row["seq"])


async def messages(user: AsyncClient, conversation_id: str,
                   before: tuple[str, int] | None = None, limit: int = PAGE_SIZE) -> Page:
    """One page, newest first, strictly older than `before` = (occurred_at, seq) when given."""
    query = (user.table("interactions").select(MESSAGE_COLUMNS)
             .eq("conversation_id", conversation_id))
    if before is not None:
        at, seq = before
        query = query.or_(f'occurred_at.lt."{at}",and(occurred_at.eq."{at}",seq.lt.{int(seq)})')
    rows = (await query.order("occurred_at", desc=True).order("seq", desc=True)
            .limit(limit + 1).execute()).data
    return Page(rows[:limit], len(rows) > limit)


async def message_position(user: AsyncClient, conversation_id: str,
                           message_id: str) -> tuple[str, int] | None:
    """(occurred_at, seq) of a message of that conversation; None when there is no such one."""
    if not is_uuid(message_id):
        return None
    rows = (await user.table("interactions").select("occurred_at,seq")
            .eq("conversation_id", conversation_id).eq("id", message_id).limit(1)
            .execute()).data
    return message_cursor(rows[0]) if rows else None


async def messages_since(user: AsyncClient, conversation_id: str,
                         oldest: tuple[str, int]) -> list[dict]:
    """Everything from `oldest` (inclusive) to now, newest first: what a live refresh re-reads
    so new messages appear and the ticks of those already shown move on."""
    at, seq = oldest
    return (await user.table("interactions").select(MESSAGE_COLUMNS)
            .eq("conversation_id", conversation_id)
            .or_(f'occurred_at.gt."{at}",and(occurred_at.eq."{at}",seq.gte.{int(seq)})')
            .order("occurred_at", desc=True).order("seq", desc=True)
            .limit(MAX_REFRESH).execute()).data


async def pane_messages(user: AsyncClient, conversation_id: str,
                        oldest: tuple[str, int] | None) -> list[dict]:
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


async def pane_extras(user: AsyncClient, conversation_id: str, rows: list[dict],
                      complete: bool, until: str | None = None) -> Extras:
    """Notes written from the oldest of `rows` (newest first) on — from the start when
    `complete` (no older messages) — and before `until` when given; and the quoted messages
    that are not among `rows`."""
    query = (user.table("conversation_notes_shown").select(NOTE_COLUMNS)
             .eq("conversation_id", conversation_id))
    if rows and not complete:
        query = query.gte("created_at", rows[-1]["occurred_at"])
    if until:
        query = query.lt("created_at", until)
    notes = (await query.order("created_at").limit(MAX_NOTES).execute()).data
    shown = {row["id"] for row in rows}
    wanted = sorted({row["reply_to_id"] for row in rows
                     if row.get("reply_to_id") and row["reply_to_id"] not in shown})
    quoted = {row["id"]: row for row in rows}
    if wanted:
        for row in (await user.table("interactions").select(QUOTE_COLUMNS)
                    .in_("id", wanted).execute()).data:
            quoted[row["id"]] = row
    return Extras(notes, quoted)


async def add_note(user: AsyncClient, conversation_id: str, body: str) -> dict:
    """A private note (staff only, never sent), stamped with its author by the database."""
    body = body.replace("\x00", "").strip()
    if not body:
        raise Refused("empty")
    try:
        return (await user.rpc("add_conversation_note", {
            "p_conversation_id": conversation_id, "p_body": body}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"22023": "empty"}) from None


async def start(user: AsyncClient, phone: str, name: str = "") -> str:
    """The open WhatsApp conversation with `phone` (any common spelling), started when there is
    none (and its client created as a lead when unknown); its id. Refused: phone."""
    e164 = phones.normalize(phone)
    if e164 is None:
        raise Refused("phone")
    try:
        started = (await user.rpc("start_conversation_with_phone", {
            "p_phones": phones.candidates(e164), "p_name": name.strip()[:200] or None,
        }).execute()).data
    except APIError as refused:
        raise from_database(refused, {"22023": "phone"}) from None
    return started["conversation_id"]


async def assign(user: AsyncClient, conversation_id: str, member_id: str | None) -> None:
    """Assigns the conversation to an active member of the clinic (None: unassigns it); the
    database writes who and when. Refused: not_found, member (not an active member)."""
    if not is_uuid(conversation_id):
        raise Refused("not_found")
    if member_id is not None and not is_uuid(member_id):
        raise Refused("member")
    try:
        await user.rpc("assign_conversation", {"p_conversation_id": conversation_id,
                                               "p_assignee": member_id}).execute()
    except APIError as refused:
        raise from_database(refused, {"22023": "member"}) from None
