"""The clinic's audit trail: who did what to which record. Written as the acting user, so RLS
checks the actor and the company."""
from __future__ import annotations

from supabase import AsyncClient


async def record(user: AsyncClient, company_id: str, actor_user_id: str, action: str,
                 entity: str, entity_id: str | None, details: dict | None = None) -> None:
    await user.table("audit_log").insert({
        "company_id": company_id, "actor_user_id": actor_user_id, "action": action,
        "entity": entity, "entity_id": entity_id, "details": details or {},
    }, returning="minimal").execute()
