"""Privacy requests under the LGPD: an admin exports everything Omni holds about one client, or
erases it.

The export is read as the signed-in admin, so row-level security keeps it to their clinic;
`record_client_export` first checks the admin and the client and writes the audit row (format
only, no personal data). Erasure is one database function, `erase_client`, one transaction."""
from __future__ import annotations

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clock
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

FORMAT = "omni.client_export"
VERSION = 1
FORMATS = ("json", "html")
PAGE = 1000
# Derived columns (a search index of the name or the text) are not data about the person.
DERIVED = {"clients": {"search_name"}, "interactions": {"search_vector"}}
NOTE_COLUMNS = "id,conversation_id,body,created_at"
CLIENT_NOTE_COLUMNS = "id,body,pinned,created_at"
# section -> (table, the column naming the client, order)
SECTIONS = {
    "conversations": ("conversation_threads", "client_id", "started_at"),
    "messages": ("interactions", "client_id", "occurred_at"),
    "appointments": ("appointments", "client_id", "starts_at"),
    "payments": ("payments", "client_id", "created_at"),
    "ai_snapshots": ("ai_context_snapshots", "client_id", "generated_at"),
    "stage_history": ("pipeline_stage_changes", "client_id", "changed_at"),
}


async def _all(query_for) -> list[dict]:
    """Every row of a query, a page at a time (the API caps one answer)."""
    rows: list[dict] = []
    while True:
        page = (await query_for().range(len(rows), len(rows) + PAGE - 1).execute()).data
        rows.extend(page)
        if len(page) < PAGE:
            return rows


def _without(table: str, rows: list[dict]) -> list[dict]:
    drop = DERIVED.get(table, set())
    return [{key: value for key, value in row.items() if key not in drop} for row in rows]


async def _section(user: AsyncClient, table: str, column: str, order: str,
                   client_id: str) -> list[dict]:
    return _without(table, await _all(lambda: user.table(table).select("*")
                                      .eq(column, client_id).order(order).order("id")))


async def record(user: AsyncClient, client_id: str, fmt: str) -> None:
    """The audit row of an export; refused: forbidden (not an admin), not_found, format."""
    if fmt not in FORMATS:
        raise Refused("format")
    if not is_uuid(client_id):
        raise Refused("not_found")
    try:
        await user.rpc("record_client_export", {"p_client_id": client_id,
                                                "p_format": fmt}).execute()
    except APIError as refused:
        raise from_database(refused) from None


async def export(user: AsyncClient, client_id: str, fmt: str = "json") -> dict:
    """Everything about the client, as the admin behind `user` may read it, audited first.
    Refused: forbidden, not_found, format."""
    await record(user, client_id, fmt)
    rows = (await user.table("clients").select("*").eq("id", client_id).limit(1)
            .execute()).data
    if not rows:
        raise Refused("not_found")
    document = {"format": FORMAT, "version": VERSION, "exported_at": clock.now().isoformat(),
                "client": _without("clients", rows)[0]}
    for name, (table, column, order) in SECTIONS.items():
        document[name] = await _section(user, table, column, order, client_id)
    threads = [thread["id"] for thread in document["conversations"]]
    document["conversation_notes"] = await _all(
        lambda: user.table("conversation_notes").select(NOTE_COLUMNS)
        .in_("conversation_id", threads).order("created_at").order("id")) if threads else []
    document["client_notes"] = await _all(
        lambda: user.table("client_notes").select(CLIENT_NOTE_COLUMNS)
        .eq("client_id", client_id).order("created_at").order("id"))
    document["services"] = await _services(user, document["appointments"])
    return document


async def _services(user: AsyncClient, appointments: list[dict]) -> dict[str, str]:
    """The names of the services the client's appointments were for, by id."""
    ids = sorted({row["service_id"] for row in appointments if row.get("service_id")})
    if not ids:
        return {}
    rows = (await user.table("services").select("id,name").in_("id", ids).execute()).data
    return {row["id"]: row["name"] for row in rows}


async def erased_at(user: AsyncClient, client_id: str) -> str | None:
    """When the clinic's client was erased (None: not erased, or no such client)."""
    if not is_uuid(client_id):
        return None
    rows = (await user.table("clients").select("erased_at").eq("id", client_id).limit(1)
            .execute()).data
    return rows[0]["erased_at"] if rows else None


async def erase(user: AsyncClient, client_id: str) -> dict:
    """Erases the client's personal data everywhere (see erase_client). Refused: forbidden,
    not_found, already_erased."""
    if not is_uuid(client_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("erase_client", {"p_client_id": client_id}).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
