"""The clinic's team: members, invitations, roles and access.

Reads and changes run as the signed-in admin (RLS allows them to admins only). Creating the
auth account needs the service role; the caller must have checked that the actor is an admin
of `company_id`, which it takes from the actor's own profile, never from the browser."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from supabase import AsyncClient
from supabase_auth.errors import AuthApiError

from omni_app.domain import audit

ROLES = ("admin", "staff")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MEMBER_COLUMNS = "id,auth_user_id,full_name,email,role,status"


class TeamChangeRefused(Exception):
    """`reason` is a catalog key suffix: email, exists, self, failed."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Actor:
    user_id: str
    company_id: str


@dataclass(frozen=True)
class Invitation:
    member_id: str
    temporary_password: str


async def members(user: AsyncClient) -> list[dict]:
    return (await user.table("users").select(MEMBER_COLUMNS).order("full_name")
            .order("email").execute()).data


async def invite(user: AsyncClient, service: AsyncClient, actor: Actor, email: str,
                 full_name: str, role: str) -> Invitation:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise TeamChangeRefused("email")
    role = role if role in ROLES else "staff"
    password = secrets.token_urlsafe(12)
    try:
        created = await service.auth.admin.create_user({
            "email": email, "password": password, "email_confirm": True,
            "user_metadata": {"full_name": full_name.strip()},
            "app_metadata": {"company_id": actor.company_id, "role": role},
        })
    except AuthApiError as exc:
        if exc.code in ("email_exists", "user_already_exists"):
            raise TeamChangeRefused("exists") from None
        raise TeamChangeRefused("failed", exc.message) from None
    member = (await service.table("users").select("id").eq("auth_user_id", created.user.id)
              .eq("company_id", actor.company_id).execute()).data[0]
    await audit.record(user, actor.company_id, actor.user_id, "team.invite", "user",
                       member["id"], {"email": email, "role": role})
    return Invitation(member["id"], password)


async def change(user: AsyncClient, service: AsyncClient, actor: Actor, member_id: str,
                 *, role: str | None = None, status: str | None = None) -> dict:
    """Set a member's role or status (active/disabled). RLS lets only admins do it."""
    if member_id == actor.user_id:
        raise TeamChangeRefused("self")
    values = {}
    if role is not None:
        if role not in ROLES:
            raise TeamChangeRefused("failed", "unknown role")
        values["role"] = role
    if status is not None:
        if status not in ("active", "disabled"):
            raise TeamChangeRefused("failed", "unknown status")
        values["status"] = status
    rows = (await user.table("users").update(values).eq("id", member_id)
            .eq("company_id", actor.company_id).execute()).data
    if not rows:
        raise TeamChangeRefused("failed", "not allowed")
    member = rows[0]
    if role is not None:
        # Keep the token's app_metadata in step (the sync trigger agrees with this row).
        await service.auth.admin.update_user_by_id(
            member["auth_user_id"], {"app_metadata": {"company_id": actor.company_id,
                                                      "role": role}})
    await audit.record(user, actor.company_id, actor.user_id, "team.change", "user",
                       member_id, values)
    return member
