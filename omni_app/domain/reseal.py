"""Master-key rotation: every sealed value re-sealed under the current key version.

The keyring opens with any version it knows and seals with the newest, so rotating is: add the
new key as OMNI_MASTER_KEY (with a higher OMNI_MASTER_KEY_VERSION), move the old one to
OMNI_PREVIOUS_MASTER_KEYS, restart, run `python -m omni_app.reseal`, then drop the old key.
Service role; every write is compare-and-set (integrations on their revision, sessions on the
sealed refresh token), so an admin's change or a token refresh made meanwhile is never
overwritten (that row is left for the next run)."""
from __future__ import annotations

from dataclasses import dataclass, field

from supabase import AsyncClient

from omni_app.domain import integration_secrets as vault
from omni_app.domain import sessions
from omni_app.domain.crypto import Keyring, SealError

PAGE = 200


@dataclass
class ResealReport:
    integrations: int = 0
    sessions: int = 0
    skipped: list[str] = field(default_factory=list)   # "<table> <id>": would not open or moved


async def reseal(service: AsyncClient, ring: Keyring) -> ResealReport:
    report = ResealReport()
    async for row in _stale(service, "integrations",
                            "id,company_id,channel,secrets_sealed,secrets_revision", ring,
                            sealed="secrets_sealed"):
        try:
            sealed = ring.reseal(row["secrets_sealed"], vault.PURPOSE,
                                 vault.scope(row["company_id"], row["channel"]))
        except SealError:
            report.skipped.append(f"integrations {row['id']}")
            continue
        written = (await service.table("integrations").update(
            {"secrets_sealed": sealed, "key_version": ring.current,
             "secrets_revision": row["secrets_revision"] + 1}, count="exact", returning="minimal")
            .eq("id", row["id"]).eq("secrets_revision", row["secrets_revision"]).execute())
        if written.count == 1:
            report.integrations += 1
        else:
            report.skipped.append(f"integrations {row['id']}")
    async for row in _stale(service, "app_sessions",
                            "id,token_hash,refresh_token_sealed,access_token_sealed", ring,
                            sealed="refresh_token_sealed"):
        try:
            values = {column: ring.reseal(row[column], sessions.PURPOSE, row["token_hash"])
                      for column in ("refresh_token_sealed", "access_token_sealed")
                      if row[column]}
        except SealError:
            report.skipped.append(f"app_sessions {row['id']}")
            continue
        written = (await service.table("app_sessions").update(
            {**values, "key_version": ring.current}, count="exact", returning="minimal")
            .eq("id", row["id"]).eq("refresh_token_sealed", row["refresh_token_sealed"])
            .execute())
        if written.count == 1:
            report.sessions += 1
        else:  # refreshed meanwhile (under the current key): nothing left to do for it
            report.skipped.append(f"app_sessions {row['id']}")
    return report


async def _stale(service: AsyncClient, table: str, columns: str, ring: Keyring, *,
                 sealed: str):
    """Rows with a `sealed` value under another version than the current one, page by page
    in id order."""
    last = "00000000-0000-0000-0000-000000000000"
    while True:
        rows = (await service.table(table).select(columns).neq("key_version", ring.current)
                .not_.is_(sealed, "null").gt("id", last).order("id").limit(PAGE)
                .execute()).data
        for row in rows:
            yield row
        if len(rows) < PAGE:
            return
        last = rows[-1]["id"]
