"""Duplicate clients and merging them, as the signed-in member (both database functions are
scoped to their clinic; see the client_merge migration).

`duplicates` lists suggested pairs: `phone` (the same number in another spelling, e.g. a
Brazilian mobile stored without its ninth digit) or `name` (very similar names and an identity
in common: e-mail, birth date, or phones ending in the same 8 digits). `merge` moves everything
of one client onto the other in one transaction and deletes the first."""
from __future__ import annotations

from dataclasses import dataclass

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

REASONS = ("phone", "name")
MAX_PAIRS = 50
PAIR_COLUMNS = ("id,full_name,phone,email,instagram_id,pipeline_stage,last_interaction_at,"
                "created_at")


@dataclass(frozen=True)
class Pair:
    keep: dict       # the suggested keeper (known first)
    merge: dict
    reason: str      # one of REASONS
    score: float     # name similarity, 1 for a phone


async def duplicates(user: AsyncClient, limit: int = MAX_PAIRS) -> list[Pair]:
    """Suggested pairs of the clinic's clients: phone matches first, then the most similar
    names, then the most recently active."""
    found = (await user.rpc("client_duplicates",
                            {"p_limit": max(1, min(limit, MAX_PAIRS))}).execute()).data or []
    ids = sorted({row["keep_id"] for row in found} | {row["merge_id"] for row in found})
    if not ids:
        return []
    rows = (await user.table("clients").select(PAIR_COLUMNS).in_("id", ids).execute()).data
    by_id = {row["id"]: row for row in rows}
    return [Pair(by_id[row["keep_id"]], by_id[row["merge_id"]], row["reason"],
                 float(row["score"] or 0))
            for row in found if row["keep_id"] in by_id and row["merge_id"] in by_id]


async def merge(user: AsyncClient, keep_id: str, merge_id: str) -> dict:
    """Merges client `merge_id` into `keep_id`; the kept client's row (without the CPF).
    Refused: not_found (either is not a client of the clinic), same_client."""
    if not is_uuid(keep_id) or not is_uuid(merge_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("merge_clients", {"p_keep_id": keep_id, "p_merge_id": merge_id})
                .execute()).data
    except APIError as refused:
        raise from_database(refused) from None
