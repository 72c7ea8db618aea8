"""What the inbox's client panel shows about the open conversation's client, read as the
signed-in user: row-level security scopes every read to their clinic, so another clinic's client
reads as not found.

The reads do not depend on each other, so they go out together (one round trip); the next
appointment's service name is a second one. Writes go through domain/clients (stage, owner)
and domain/client_profile (tags), as on the profile.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from supabase import AsyncClient

from omni_app.domain import pipeline, team
from omni_app.domain.analyst import snapshots
from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.domain.ids import is_uuid
from omni_app.domain.pipeline import Stage

CLIENT_COLUMNS = ("id,full_name,phone,whatsapp_id,instagram_id,is_lead,pipeline_stage,tags,"
                  "owner_id")
APPOINTMENT_COLUMNS = "id,starts_at,status,service_id,professional_id"
NOTE_COLUMNS = "id,body,created_at,author_name"
UPCOMING = ("scheduled", "confirmed")
PINNED_SHOWN = 3


@dataclass(frozen=True)
class Panel:
    client: dict
    stages: list[Stage]            # the clinic's, archived ones too
    members: list[dict]            # the clinic's team (team.members), inactive ones too
    appointment: dict | None       # the next scheduled or confirmed one, with service_name
    pinned: list[dict]             # the first PINNED_SHOWN pinned notes, newest first
    snapshot: Snapshot | None      # the analyst's latest


async def _one(query) -> dict | None:
    rows = (await query.limit(1).execute()).data
    return rows[0] if rows else None


async def _next_appointment(user: AsyncClient, client_id: str, now: datetime) -> dict | None:
    return await _one(user.table("appointments").select(APPOINTMENT_COLUMNS)
                      .eq("client_id", client_id).in_("status", list(UPCOMING))
                      .gte("starts_at", now.isoformat()).order("starts_at"))


async def _pinned(user: AsyncClient, client_id: str) -> list[dict]:
    return (await user.table("client_notes_shown").select(NOTE_COLUMNS)
            .eq("client_id", client_id).eq("pinned", True).order("created_at", desc=True)
            .limit(PINNED_SHOWN).execute()).data


async def _service_name(user: AsyncClient, service_id: str | None) -> str:
    if not service_id:
        return ""
    row = await _one(user.table("services").select("name").eq("id", service_id))
    return (row or {}).get("name") or ""


async def panel(user: AsyncClient, client_id: str, now: datetime) -> Panel | None:
    """Everything the panel shows about the client; None when there is no such client here."""
    if not is_uuid(client_id):
        return None
    client, stages, members, appointment, pinned, snapshot = await asyncio.gather(
        _one(user.table("clients").select(CLIENT_COLUMNS).eq("id", client_id)),
        pipeline.stages(user),
        team.members(user),
        _next_appointment(user, client_id, now),
        _pinned(user, client_id),
        _one(user.table("ai_context_snapshots").select(snapshots.COLUMNS)
             .eq("client_id", client_id).order("generated_at", desc=True)))
    if client is None:
        return None
    snapshot = snapshots.from_row(snapshot) if snapshot is not None else None
    if appointment is not None:
        appointment = {**appointment,
                       "service_name": await _service_name(user, appointment["service_id"])}
    return Panel(client, stages, members, appointment, pinned, snapshot)
