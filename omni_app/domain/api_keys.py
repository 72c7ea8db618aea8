"""Per-clinic API keys for /api/v1 (automations such as n8n's AI agent).

A key is `omni_` + 43 random URL-safe characters. Only its SHA-256 is stored; the key itself is
returned once, by `create`, and never logged or audited. Admins create and revoke keys through
definer functions that check them and write the audit row in the same transaction, and list
them as themselves (RLS). `resolve` runs with the service role: it finds an unrevoked key by
hash whose creator is still an active admin of the clinic (keys act as their creator, so a
demoted or disabled creator takes them down; demotion also revokes them for the record)."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clock
from omni_app.domain.refusals import Refused, from_database

KEY_PREFIX = "omni_"
DISPLAY_PREFIX_LENGTH = 12
MAX_NAME_LENGTH = 100
MAX_KEY_LENGTH = 200
TOUCH_EVERY = timedelta(minutes=1)
COLUMNS = "id,company_id,name,prefix,created_by,last_used_at,revoked_at,created_at"


@dataclass(frozen=True)
class ApiKeyOwner:
    key_id: str
    company_id: str
    auth_user_id: str      # the creator's Supabase Auth id: requests run as them


def key_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


async def create(user: AsyncClient, name: str) -> tuple[dict, str]:
    """A new key of the signed-in admin's clinic named `name` (the database takes the clinic
    and creator from the session): (its row, the key itself — shown once, stored nowhere)."""
    name = name.replace("\x00", "").strip()
    if not name:
        raise Refused("empty_name")
    if len(name) > MAX_NAME_LENGTH:
        raise Refused("name_too_long")
    plaintext = new_key()
    row = (await user.rpc("create_api_key", {
        "p_name": name, "p_prefix": plaintext[:DISPLAY_PREFIX_LENGTH],
        "p_key_hash": key_hash(plaintext)}).execute()).data
    return row, plaintext


async def list_keys(user: AsyncClient) -> list[dict]:
    """The clinic's keys, newest first, revoked ones included (admins only: RLS)."""
    return (await user.table("api_keys").select(COLUMNS)
            .order("created_at", desc=True).order("id").execute()).data


async def revoke(user: AsyncClient, key_id: str) -> dict:
    """Revokes a key of the signed-in admin's clinic; revoking it again changes nothing."""
    try:
        uuid.UUID(str(key_id))
    except ValueError:
        raise Refused("not_found") from None
    try:
        return (await user.rpc("revoke_api_key", {"p_key_id": key_id}).execute()).data
    except APIError as refused:  # not_found, forbidden
        raise from_database(refused) from None


async def resolve(service: AsyncClient, presented: str) -> ApiKeyOwner | None:
    """The clinic and creator behind an unrevoked key, or None. Service role. Marks the key
    used, at most once a minute."""
    if (not isinstance(presented, str) or not presented.startswith(KEY_PREFIX)
            or len(presented) > MAX_KEY_LENGTH):
        return None
    rows = (await service.table("api_keys")
            .select("id,company_id,created_by,last_used_at,revoked_at")
            .eq("key_hash", key_hash(presented)).limit(1).execute()).data
    if not rows or rows[0]["revoked_at"]:
        return None
    row = rows[0]
    creators = (await service.table("users").select("auth_user_id")
                .eq("company_id", row["company_id"]).eq("id", row["created_by"])
                .eq("role", "admin").eq("status", "active").limit(1).execute()).data
    if not creators:
        return None
    now = clock.now()
    if row["last_used_at"] is None or now - clock.parse_time(row["last_used_at"]) >= TOUCH_EVERY:
        stale = (now - TOUCH_EVERY).isoformat()
        await service.table("api_keys").update({"last_used_at": now.isoformat()},
                                               returning="minimal") \
            .eq("id", row["id"]).or_(f'last_used_at.is.null,last_used_at.lt."{stale}"').execute()
    return ApiKeyOwner(row["id"], row["company_id"], creators[0]["auth_user_id"])
