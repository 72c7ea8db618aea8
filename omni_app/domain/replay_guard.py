"""Each signed webhook request is accepted once (`accept_webhook_signature`, service role): a
captured request (a `failed` status, a Meta body) sent again is refused. Omni's scheme signs a
timestamp that verifies for 300 s either way, so its signatures are remembered for twice that;
Meta's signs the body alone, so its signatures are remembered for a week and Meta bodies older
than a week are refused outright (Meta stops retrying long before)."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from supabase import AsyncClient

from omni_app.domain.signing import WINDOW_SECONDS

OMNI_MEMORY_S = 2 * WINDOW_SECONDS
META_MEMORY_S = 7 * 24 * 3600
META_MAX_AGE = timedelta(seconds=META_MEMORY_S)


def memory_for(scheme: str) -> int:
    return META_MEMORY_S if scheme == "meta" else OMNI_MEMORY_S


def fingerprint(signature: str) -> str:
    return hashlib.sha256(signature.strip().lower().encode()).hexdigest()


def too_old(scheme: str, newest: datetime | None, now: datetime | None = None) -> bool:
    """A Meta body whose newest event is older than the signatures are remembered for."""
    if scheme != "meta" or newest is None:
        return False
    now = now or datetime.now(timezone.utc)
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=timezone.utc)
    return now - newest > META_MAX_AGE


async def accept(service: AsyncClient, scope: str, scheme: str, signature: str) -> bool:
    """True the first time; False for a replay."""
    return bool((await service.rpc("accept_webhook_signature", {
        "p_scope": scope, "p_signature_hash": fingerprint(signature),
        "p_keep_seconds": memory_for(scheme)}).execute()).data)


async def forget(service: AsyncClient, scope: str, signature: str) -> None:
    """The request could not be stored: its retry must get through."""
    await service.rpc("forget_webhook_signature", {
        "p_scope": scope, "p_signature_hash": fingerprint(signature)}).execute()
