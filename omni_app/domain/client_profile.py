"""One client's profile (/clients/<id>), read and written as the signed-in user: row-level
security scopes every section to their clinic, so another clinic's client reads as not found.

Each section is one query over an index that starts with (company_id, client_id); names of the
members who changed a stage come in one more query.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clients, clock, conversations
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

HEADER_COLUMNS = ("id,full_name,phone,whatsapp_id,instagram_id,email,is_lead,pipeline_stage,"
                  "tags,source_channel,owner_id,created_at,erased_at")
NOTE_COLUMNS = "id,body,pinned,created_at,author_id,author_name"
MESSAGE_COLUMNS = "id,conversation_id,channel,direction,content,media,occurred_at"
THREAD_COLUMNS = "id,channel,status,last_message_at,started_at"
APPOINTMENT_COLUMNS = "id,starts_at,status,service_id"
PAYMENT_COLUMNS = "id,amount,method,status,paid_at,created_at"
CHANGE_COLUMNS = "id,from_stage,to_stage,changed_by,changed_at"
LAST_MESSAGES, MAX_NOTES, MAX_ROWS = 10, 200, 100
MAX_NOTE = 4000


@dataclass(frozen=True)
class Profile:
    client: dict
    notes: list[dict]            # pinned first, then newest first
    messages: list[dict]         # the last LAST_MESSAGES, newest first, every channel
    conversations: list[dict]    # latest activity first
    appointments: list[dict]     # each with service_name; newest first
    payments: list[dict]         # newest first
    paid: Decimal
    pending: Decimal
    changes: list[dict]          # each with changed_by_name; newest first


async def header(user: AsyncClient, client_id: str) -> dict | None:
    if not is_uuid(client_id):
        return None
    rows = (await user.table("clients").select(HEADER_COLUMNS).eq("id", client_id).limit(1)
            .execute()).data
    return rows[0] if rows else None


async def notes(user: AsyncClient, client_id: str) -> list[dict]:
    return (await user.table("client_notes_shown").select(NOTE_COLUMNS)
            .eq("client_id", client_id).order("pinned", desc=True)
            .order("created_at", desc=True).limit(MAX_NOTES).execute()).data


async def note(user: AsyncClient, note_id: str) -> dict | None:
    """One note of the clinic, with its author's name."""
    if not is_uuid(note_id):
        return None
    rows = (await user.table("client_notes_shown").select(NOTE_COLUMNS).eq("id", note_id)
            .limit(1).execute()).data
    return rows[0] if rows else None


async def _names(user: AsyncClient, table: str, ids: set[str], column: str) -> dict[str, str]:
    if not ids:
        return {}
    rows = (await user.table(table).select(f"id,{column}").in_("id", sorted(ids))
            .execute()).data
    return {row["id"]: row.get(column) or "" for row in rows}


async def _appointments(user: AsyncClient, client_id: str) -> list[dict]:
    rows = (await user.table("appointments").select(APPOINTMENT_COLUMNS)
            .eq("client_id", client_id).order("starts_at", desc=True).limit(MAX_ROWS)
            .execute()).data
    names = await _names(user, "services", {r["service_id"] for r in rows if r["service_id"]},
                         "name")
    return [{**row, "service_name": names.get(row["service_id"] or "", "")} for row in rows]


async def _changes(user: AsyncClient, client_id: str) -> list[dict]:
    rows = (await user.table("pipeline_stage_changes").select(CHANGE_COLUMNS)
            .eq("client_id", client_id).order("changed_at", desc=True).limit(MAX_ROWS)
            .execute()).data
    people = (await user.table("users").select("id,full_name,email")
              .in_("id", sorted({r["changed_by"] for r in rows if r["changed_by"]}))
              .execute()).data if any(r["changed_by"] for r in rows) else []
    names = {p["id"]: (p.get("full_name") or "").strip() or p["email"] for p in people}
    return [{**row, "changed_by_name": names.get(row["changed_by"] or "", "")} for row in rows]


def totals(payments: list[dict]) -> tuple[Decimal, Decimal]:
    """(paid, pending); refunded payments count in neither."""
    def total(status: str) -> Decimal:
        return sum((Decimal(str(p["amount"])) for p in payments if p["status"] == status),
                   Decimal("0"))
    return total("paid"), total("pending")


async def profile(user: AsyncClient, client_id: str) -> Profile | None:
    """Every section of the client's profile; None when there is no such client here."""
    client = await header(user, client_id)
    if client is None:
        return None
    messages = (await user.table("interactions").select(MESSAGE_COLUMNS)
                .eq("client_id", client_id).order("occurred_at", desc=True)
                .limit(LAST_MESSAGES).execute()).data
    threads = (await user.table("conversation_threads").select(THREAD_COLUMNS)
               .eq("client_id", client_id).order("last_message_at", desc=True, nullsfirst=False)
               .limit(MAX_ROWS).execute()).data
    payments = (await user.table("payments").select(PAYMENT_COLUMNS)
                .eq("client_id", client_id).order("created_at", desc=True).limit(MAX_ROWS)
                .execute()).data
    paid, pending = totals(payments)
    return Profile(client, await notes(user, client_id), messages, threads,
                   await _appointments(user, client_id), payments, paid, pending,
                   await _changes(user, client_id))


async def add_note(user: AsyncClient, client_id: str, body: str) -> dict:
    """A note on the client, stamped with its author by the database. Refused: empty,
    too_long, not_found."""
    body = body.replace("\x00", "").strip()
    if not body:
        raise Refused("empty")
    if len(body) > MAX_NOTE:
        raise Refused("too_long")
    if not is_uuid(client_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("add_client_note", {"p_client_id": client_id, "p_body": body})
                .execute()).data
    except APIError as refused:
        raise from_database(refused, {"22023": "empty", "22001": "too_long"}) from None


async def pin_note(user: AsyncClient, note_id: str, pinned: bool) -> dict:
    """Pins (or unpins) a note of the clinic. Refused: not_found."""
    if not is_uuid(note_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("pin_client_note", {"p_note_id": note_id,
                                                   "p_pinned": bool(pinned)}).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def set_tags(user: AsyncClient, client_id: str, text: str) -> list[str]:
    """Replaces the client's tags with those typed (validated as /clients does). Refused: tag,
    tags, not_found."""
    tags = clients.tag_list(text)
    if not is_uuid(client_id):
        raise Refused("not_found")
    try:
        rows = (await user.table("clients")
                .update({"tags": tags, "updated_at": clock.now().isoformat()})
                .eq("id", client_id).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
    if not rows:
        raise Refused("not_found")
    return rows[0]["tags"]


async def message_thread(user: AsyncClient, client: dict) -> str:
    """The client's open WhatsApp conversation, started when there is none: its id.
    Refused: no_phone (the client has no number to write to)."""
    if not client.get("phone"):
        raise Refused("no_phone")
    return await conversations.start(user, client["phone"], client.get("full_name") or "")
