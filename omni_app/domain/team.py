"""The clinic's team: members, invitations, roles and access.

Every change is a definer function that checks the caller is an active admin of the clinic and
writes the audit row in the same transaction (`invite_member`, `revoke_invitation`,
`set_member_access`). Inviting answers the same whether or not the address has an Omni account:
when it has none, Auth e-mails an invitation link (or, without e-mail, an account is made with a
temporary password its owner must replace at the first sign-in), and either way the invitation
waits until that person, signed in, accepts it (`accept_invitation`)."""
from __future__ import annotations

import asyncio
import logging
import re
import secrets
import time
from dataclasses import dataclass

from postgrest.exceptions import APIError
from supabase import AsyncClient
from supabase_auth.errors import AuthApiError

from omni_app.domain.account_links import MUST_SET_PASSWORD
from omni_app.domain.refusals import Refused, from_database

log = logging.getLogger("omni.team")

ROLES = ("admin", "staff")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MEMBER_COLUMNS = "id,auth_user_id,full_name,email,role,status"
INVITATION_COLUMNS = "id,email,full_name,role,expires_at,created_at"
# Making an account costs a bcrypt hash; finding one taken does not. Both answers take this long.
INVITE_FLOOR_S = 0.4


@dataclass(frozen=True)
class Actor:
    user_id: str
    company_id: str


@dataclass(frozen=True)
class Invitation:
    invitation_id: str
    email: str
    # Empty when Auth e-mailed an invitation link. Otherwise (no e-mail): works only if the
    # address had no account (nobody can tell), and must be replaced at the first sign-in.
    temporary_password: str


@dataclass(frozen=True)
class InviteMail:
    """How Auth e-mails the invitation: the link's landing page and the template's `.Data`."""
    redirect_to: str
    locale: str
    clinic: str


# Refused with: email, self (a change of one's own access), conflict (already in a clinic),
# not_found, forbidden, invalid, failed.
_OWN_ACCESS = {"PT409": "self"}


async def members(user: AsyncClient) -> list[dict]:
    return (await user.table("users").select(MEMBER_COLUMNS).order("full_name")
            .order("email").execute()).data


async def open_invitations(user: AsyncClient) -> list[dict]:
    """The clinic's invitations nobody has accepted or revoked yet (admins only: RLS)."""
    return (await user.table("team_invitations").select(INVITATION_COLUMNS)
            .is_("accepted_at", "null").is_("revoked_at", "null")
            .order("created_at", desc=True).execute()).data


async def invite(user: AsyncClient, service: AsyncClient, email: str, full_name: str,
                 role: str, mail: InviteMail | None = None) -> Invitation:
    """With `mail`, Auth e-mails a link to a new address (the person chooses a password on the
    link's page); when it cannot (no mail set up) or without `mail`, the account gets a
    temporary password to hand over, flagged so its owner must replace it."""
    started = time.monotonic()
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise Refused("email")
    role = role if role in ROLES else "staff"
    try:
        invitation_id = (await user.rpc("invite_member", {
            "p_email": email, "p_full_name": full_name.strip()[:200], "p_role": role,
        }).execute()).data
    except APIError as error:
        raise from_database(error) from None
    name = full_name.strip()[:200]
    password = "" if mail and await _emailed(service, email, name, mail) else \
        await _with_temporary_password(service, email, name)
    await asyncio.sleep(max(0.0, INVITE_FLOOR_S - (time.monotonic() - started)))
    return Invitation(str(invitation_id), email, password)


async def _emailed(service: AsyncClient, email: str, full_name: str, mail: InviteMail) -> bool:
    """Auth e-mailed the link, or the address already has an account (which then sees the
    invitation when signing in); False when Auth sends no e-mail here."""
    try:
        await service.auth.admin.invite_user_by_email(email, {
            "redirect_to": mail.redirect_to,
            "data": {"full_name": full_name, "locale": mail.locale, "clinic": mail.clinic}})
    except AuthApiError as exc:
        if exc.code in ("email_exists", "user_already_exists"):
            return True
        log.warning("invitation e-mail not sent (%s %s): temporary password instead",
                    exc.status, exc.code)
        return False
    return True


async def _with_temporary_password(service: AsyncClient, email: str, full_name: str) -> str:
    password = secrets.token_urlsafe(12)
    try:
        await service.auth.admin.create_user({
            "email": email, "password": password, "email_confirm": True,
            "user_metadata": {"full_name": full_name},
            "app_metadata": {MUST_SET_PASSWORD: True}})
    except AuthApiError as exc:
        if exc.code not in ("email_exists", "user_already_exists"):
            raise Refused("failed", exc.message) from None
    return password


async def revoke_invitation(user: AsyncClient, invitation_id: str) -> None:
    try:
        await user.rpc("revoke_invitation", {"p_invitation_id": invitation_id}).execute()
    except APIError as error:
        raise from_database(error) from None


async def change(user: AsyncClient, member_id: str, *, role: str | None = None,
                 status: str | None = None) -> dict:
    """Set a member's role or status (active/disabled): the database also updates the token's
    copy, signs a disabled member out everywhere and revokes the API keys of a member who is no
    longer an active admin."""
    try:
        return (await user.rpc("set_member_access", {
            "p_member_id": member_id, "p_role": role, "p_status": status}).execute()).data
    except APIError as error:
        raise from_database(error, _OWN_ACCESS) from None


async def my_invitations(user: AsyncClient) -> list[dict]:
    """Open invitations for the signed-in user's confirmed address, while they have no clinic."""
    return (await user.rpc("my_invitations", {}).execute()).data or []


async def accept(user: AsyncClient, invitation_id: str) -> str:
    """Joins the clinic that invited the signed-in user; its id."""
    try:
        return (await user.rpc("accept_invitation", {"p_invitation_id": invitation_id})
                .execute()).data
    except APIError as error:
        raise from_database(error) from None
