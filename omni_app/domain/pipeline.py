"""The clinic's pipeline stages (per clinic, in `pipeline_stages`): read by every member, managed
by admins through database functions that check the role, write the audit trail and move a
stage's clients before it is archived (each move recorded in the stage history).

A default stage (the six keys below) has no label until an admin renames it: it is shown in the
reader's language. Keys never change; they are what the API, the history and filters use."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.refusals import Refused, from_database

DEFAULT_KEYS = ("new", "contacted", "qualified", "scheduled", "won", "lost")
COLORS = ("gray", "blue", "cyan", "teal", "green", "grass", "amber", "orange", "red", "crimson",
          "pink", "purple", "violet", "indigo", "brown")
MAX_LABEL = 60
COLUMNS = "key,label,color,position,archived_at"


@dataclass(frozen=True)
class Stage:
    key: str
    label: str | None       # None: a default stage, shown by its translated name
    color: str
    position: int
    archived: bool = False


def from_row(row: dict) -> Stage:
    return Stage(key=row["key"], label=row.get("label"), color=row.get("color") or "gray",
                 position=int(row.get("position") or 0),
                 archived=row.get("archived_at") is not None)


def name(stage: Stage, tr: Mapping[str, str]) -> str:
    return stage.label or tr.get(f"clients.stage.{stage.key}", stage.key)


def names(stages: list[Stage], tr: Mapping[str, str]) -> dict[str, str]:
    """key -> the name shown, for every stage given (archived ones too: history names them)."""
    return {stage.key: name(stage, tr) for stage in stages}


async def stages(db: AsyncClient, company_id: str | None = None) -> list[Stage]:
    """The clinic's stages in board order, archived ones included (filter with `.archived`).
    As a member, RLS scopes them; with the service role, `company_id` must be given."""
    query = db.table("pipeline_stages").select(COLUMNS)
    if company_id is not None:
        query = query.eq("company_id", company_id)
    rows = (await query.order("position").order("created_at").execute()).data
    return [from_row(row) for row in rows]


def active(all_stages: list[Stage]) -> list[Stage]:
    return [stage for stage in all_stages if not stage.archived]


async def _call(user: AsyncClient, function: str, params: dict):
    try:
        return (await user.rpc(function, params).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def save(user: AsyncClient, key: str | None, label: str, color: str) -> Stage:
    """Adds a stage (key None) or renames/recolors one; a default stage given a blank label
    goes back to its translated name. Refused: label_required, label_too_long, color,
    not_found, forbidden (not an admin)."""
    label = " ".join((label or "").split())
    if len(label) > MAX_LABEL:
        raise Refused("label_too_long")
    if color not in COLORS:
        raise Refused("color")
    row = await _call(user, "save_pipeline_stage",
                      {"p_key": key, "p_label": label or None, "p_color": color})
    return from_row(row)


async def reorder(user: AsyncClient, keys: list[str]) -> None:
    """Refused: order (not exactly the clinic's keys), forbidden."""
    await _call(user, "reorder_pipeline_stages", {"p_keys": keys})


async def archive(user: AsyncClient, key: str, move_to: str | None) -> int:
    """Archives `key`, first moving its clients to `move_to`; how many were moved. Refused:
    move_to (clients and no valid destination), stage_new, not_found, forbidden."""
    return int(await _call(user, "archive_pipeline_stage",
                           {"p_key": key, "p_move_to": move_to or None}) or 0)


async def restore(user: AsyncClient, key: str) -> None:
    await _call(user, "restore_pipeline_stage", {"p_key": key})
