"""Each clinic's integrations: one per channel (WhatsApp, Instagram), with sealed secrets.

Webhooks call `resolve` and `touch` with the service role. Admin changes run as the signed-in
admin, so RLS decides (admins of the row's company only); reading the sealed document back for
rotation and masking uses the service role scoped by the actor's own company, which the caller
takes from the actor's profile, never from the browser. Secrets never go to logs or audit_log."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import registry
from omni_app.domain import clock
from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring, SealError
from omni_app.domain.integration_secrets import IntegrationSecrets
from omni_app.domain.outbound_policy import OutboundPolicy
from omni_app.domain.refusals import Refused
from omni_app.domain.team import Actor

log = logging.getLogger("omni.integrations")

PUBLIC_COLUMNS = ("id,company_id,channel,provider,status,public_key,outbound_url,key_version,"
                  "secrets_revision,last_used_at")
_PUBLIC_KEY = re.compile(r"^[A-Za-z0-9_-]{24,128}$")  # the schema asks only length >= 24
_WRITE_ATTEMPTS = 3

__all__ = ["Actor", "IntegrationView", "ResolvedIntegration", "overview", "public_key", "resolve",
           "rotate_signing_secret", "set_active", "set_credential", "set_meta_secret",
           "set_outbound_url", "touch"]
# Changes are Refused with: forbidden, conflict (two admins at once), channel, url (and the
# outbound policy's url_https, url_unresolved, url_private), name, value.


@dataclass(frozen=True)
class ResolvedIntegration:
    id: str
    company_id: str
    channel: str
    outbound_url: str | None
    signing_secrets: tuple[str, ...] = field(repr=False)
    meta_app_secret: str | None = field(repr=False)
    meta_verify_token: str | None = field(repr=False)


@dataclass(frozen=True)
class IntegrationView:
    """What the admin page shows: no secret, only masks."""
    channel: str
    id: str = ""
    status: str = "inactive"
    public_key: str = ""
    outbound_url: str = ""
    last_used_at: str | None = None
    signing_secret: str = ""
    previous_valid_until: datetime | None = None
    meta_app_secret: str = ""
    meta_verify_token: str = ""
    credentials: tuple[tuple[str, str], ...] = ()
    unreadable: bool = False


# --- webhooks (service role) -------------------------------------------------------------

async def resolve(service: AsyncClient, public_key: str, ring: Keyring, *,
                  now: datetime | None = None) -> ResolvedIntegration | None:
    """The active integration named by `public_key`, or None (unknown and inactive alike).
    Raises SealError when its secrets do not open (wrong OMNI_MASTER_KEY): a server fault."""
    if not isinstance(public_key, str) or not _PUBLIC_KEY.match(public_key):
        return None
    rows = (await service.table("integrations")
            .select("id,company_id,channel,status,outbound_url,secrets_sealed")
            .eq("public_key", public_key).limit(1).execute()).data
    if not rows or rows[0]["status"] != "active":
        return None
    row = rows[0]
    try:
        secrets = vault.open_sealed(row["secrets_sealed"], ring, row["company_id"],
                                    row["channel"])
    except SealError:
        log.error("integration %s: sealed secrets do not open (master key?)", row["id"])
        raise
    return ResolvedIntegration(
        id=row["id"], company_id=row["company_id"], channel=row["channel"],
        outbound_url=row["outbound_url"], signing_secrets=secrets.signing_secrets(now),
        meta_app_secret=secrets.meta_app_secret, meta_verify_token=secrets.meta_verify_token)


async def touch(service: AsyncClient, integration_id: str) -> None:
    await service.table("integrations").update(
        {"last_used_at": clock.now().isoformat()}, returning="minimal"
    ).eq("id", integration_id).execute()


# --- the admin page (as the signed-in admin) ------------------------------------------------

async def overview(user: AsyncClient, service: AsyncClient, actor: Actor,
                   ring: Keyring) -> list[IntegrationView]:
    """One view per channel, configured or not, with masked secrets."""
    rows = {row["channel"]: row for row in (
        await user.table("integrations").select(PUBLIC_COLUMNS)
        .eq("company_id", actor.company_id).execute()).data}
    sealed = {row["id"]: row["secrets_sealed"] for row in (
        await service.table("integrations").select("id,secrets_sealed")
        .eq("company_id", actor.company_id).execute()).data}
    return [_view(channel, rows.get(channel), sealed, ring, actor.company_id)
            for channel in registry.NAMES]


async def public_key(user: AsyncClient, actor: Actor, channel: str) -> str | None:
    """The public key naming the actor's clinic's integration on `channel` (read as the user:
    RLS keeps it to their own clinic); None when the channel is not set up. Refused(channel)
    for an unknown channel."""
    row = await _row(user, actor, vault.checked_channel(channel))
    return row["public_key"] if row else None


def _view(channel: str, row: dict | None, sealed: dict[str, str | None], ring: Keyring,
          company_id: str) -> IntegrationView:
    if row is None:
        return IntegrationView(channel)
    unreadable = False
    try:
        secrets = vault.open_sealed(sealed.get(row["id"]), ring, company_id, channel)
    except SealError:
        log.error("integration %s: sealed secrets do not open (master key?)", row["id"])
        secrets, unreadable = IntegrationSecrets(), True
    in_grace = len(secrets.signing_secrets()) > 1
    return IntegrationView(
        channel=channel, id=row["id"], status=row["status"], public_key=row["public_key"],
        outbound_url=row["outbound_url"] or "", last_used_at=row["last_used_at"],
        signing_secret=vault.mask(secrets.signing_secret),
        previous_valid_until=secrets.previous_valid_until if in_grace else None,
        meta_app_secret=vault.mask(secrets.meta_app_secret),
        meta_verify_token=vault.mask(secrets.meta_verify_token),
        credentials=tuple((name, vault.mask(value))
                          for name, value in sorted(secrets.credentials.items())),
        unreadable=unreadable)


async def set_active(user: AsyncClient, actor: Actor, channel: str, active: bool) -> None:
    status = "active" if active else "inactive"
    row = await _ensure_row(user, actor, channel)
    if not await _update(user, actor, row["id"], {"status": status}):
        raise Refused("forbidden")
    await _audit(user, "integration.status", row["id"], channel, {"status": status})


async def set_outbound_url(user: AsyncClient, actor: Actor, channel: str, url: str,
                           allowed: OutboundPolicy) -> str | None:
    """Saves where replies go, once the outbound policy allows the URL (checked again at every
    send: DNS can change)."""
    cleaned = vault.outbound_url(url)
    if cleaned:
        await allowed.check(cleaned)
    row = await _ensure_row(user, actor, channel)
    if not await _update(user, actor, row["id"], {"outbound_url": cleaned}):
        raise Refused("forbidden")
    # The host only: n8n webhook paths work as bearer tokens.
    await _audit(user, "integration.outbound_url", row["id"], channel,
                 {"host": urlsplit(cleaned).hostname if cleaned else None})
    return cleaned


async def rotate_signing_secret(user: AsyncClient, service: AsyncClient, ring: Keyring,
                                actor: Actor, channel: str, *,
                                now: datetime | None = None) -> str:
    """A new signing secret, returned this once; the previous one verifies for a grace period."""
    new_secret = ""

    def rotate(secrets: IntegrationSecrets) -> IntegrationSecrets:
        nonlocal new_secret
        rotated, new_secret = secrets.rotated(now)
        return rotated

    row_id, updated = await _change_secrets(user, service, ring, actor, channel, rotate)
    until = updated.previous_valid_until if updated.previous_signing_secret else None
    await _audit(user, "integration.rotate_signing_secret", row_id, channel,
                 {"previous_valid_until": until.isoformat() if until else None})
    return new_secret


async def set_meta_secret(user: AsyncClient, service: AsyncClient, ring: Keyring, actor: Actor,
                          channel: str, name: str, value: str) -> None:
    """`name` is meta_app_secret or meta_verify_token; an empty value clears it."""
    if name not in vault.META_FIELDS:
        raise Refused("name")
    row_id, updated = await _change_secrets(user, service, ring, actor, channel,
                                            lambda secrets: secrets.with_meta(name, value))
    await _audit(user, "integration.set_secret", row_id, channel,
                 {"field": name, "cleared": getattr(updated, name) is None})


async def set_credential(user: AsyncClient, service: AsyncClient, ring: Keyring, actor: Actor,
                         channel: str, name: str, value: str) -> None:
    """One provider credential by name; an empty value removes it."""
    row_id, updated = await _change_secrets(user, service, ring, actor, channel,
                                            lambda secrets: secrets.with_credential(name, value))
    await _audit(user, "integration.set_credential", row_id, channel,
                 {"name": name.strip(), "cleared": name.strip() not in updated.credentials})


# --- helpers -------------------------------------------------------------------------------

async def _ensure_row(user: AsyncClient, actor: Actor, channel: str) -> dict:
    """The company's row for `channel` (public columns), created inactive on first change."""
    vault.checked_channel(channel)
    row = await _row(user, actor, channel)
    if row is not None:
        return row
    try:
        await user.table("integrations").insert(
            {"company_id": actor.company_id, "channel": channel}, returning="minimal").execute()
    except APIError as exc:
        if exc.code == "42501":  # RLS: not an admin of this company
            raise Refused("forbidden") from None
        if exc.code != "23505":  # 23505: another admin created it meanwhile; use theirs
            raise
    row = await _row(user, actor, channel)
    if row is None:
        raise Refused("forbidden")
    return row


async def _row(user: AsyncClient, actor: Actor, channel: str) -> dict | None:
    rows = (await user.table("integrations").select(PUBLIC_COLUMNS)
            .eq("company_id", actor.company_id).eq("channel", channel).execute()).data
    return rows[0] if rows else None


async def _update(user: AsyncClient, actor: Actor, row_id: str, values: dict,
                  revision: int | None = None) -> bool:
    """True when exactly the one row changed; RLS turns a non-admin's update into 0 rows."""
    query = user.table("integrations").update(values, count="exact", returning="minimal") \
        .eq("id", row_id).eq("company_id", actor.company_id)
    if revision is not None:
        query = query.eq("secrets_revision", revision)
    return (await query.execute()).count == 1


async def _change_secrets(user: AsyncClient, service: AsyncClient, ring: Keyring, actor: Actor,
                          channel: str, change: Callable[[IntegrationSecrets], IntegrationSecrets]
                          ) -> tuple[str, IntegrationSecrets]:
    """Read, change, re-seal (under the current key version) and compare-and-set the document."""
    for _ in range(_WRITE_ATTEMPTS):
        row = await _ensure_row(user, actor, channel)
        stored = (await service.table("integrations").select("secrets_sealed")
                  .eq("id", row["id"]).eq("company_id", actor.company_id).execute()).data
        current = vault.open_sealed(stored[0]["secrets_sealed"] if stored else None, ring,
                                    actor.company_id, channel)
        updated = change(current)
        sealed = vault.seal(updated, ring, actor.company_id, channel)
        if await _update(user, actor, row["id"], {
                "secrets_sealed": sealed, "key_version": Keyring.version_of(sealed),
                "secrets_revision": row["secrets_revision"] + 1}, row["secrets_revision"]):
            return row["id"], updated
        again = await _row(user, actor, channel)
        if again is None or again["secrets_revision"] == row["secrets_revision"]:
            raise Refused("forbidden")  # nobody else wrote: RLS refused us
    raise Refused("conflict")


async def _audit(user: AsyncClient, action: str, row_id: str, channel: str,
                 details: dict) -> None:
    """The audit row, written by the database for the admin behind `user` (actor and clinic
    come from their session there, not from here)."""
    await user.rpc("record_integration_change", {
        "p_integration_id": row_id, "p_action": action,
        "p_details": {"channel": channel, **details}}).execute()
