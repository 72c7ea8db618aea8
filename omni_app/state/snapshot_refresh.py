"""The snapshot card's "Atualizar análise", shared by the inbox's client panel and the client
profile. An analysis can take seconds (an LLM call), so a page runs it as a background event in
three steps: `begin` under the tab's lock (the button shows progress), `run` outside it as the
tab's own user (RLS), `finish` under the lock again (the card and a note say what happened).

Staff get a snapshot younger than 12 hours back unchanged (and are told so); admins, re-read
from the database rather than trusted from the tab, force a new one. A new snapshot bumps the
clinic's live counter, so its other open pages re-read."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from omni_app import services
from omni_app.domain import auth, clock
from omni_app.domain.analyst import runs
from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.domain.refusals import Refused
from omni_app.state.inbox_live import tab_user
from omni_app.state.inbox_rows import Reader
from omni_app.state.snapshot_rows import snapshot_row

log = logging.getLogger("omni.analyst")


@dataclass(frozen=True)
class RefreshRequest:
    cookie: str | None
    client_id: str


@dataclass(frozen=True)
class Refreshed:
    request: RefreshRequest
    signed_in: bool = True
    snapshot: Snapshot | None = None
    reused: bool = False        # a staff member's refresh answered with the recent snapshot
    refused: str = ""           # a domain refusal's reason
    failed: bool = False        # anything else went wrong (logged)


def begin(state, client_id: str) -> RefreshRequest | None:
    """Under the tab's lock: nothing when a refresh is already running for this tab."""
    if state.snapshot_busy or not client_id:
        return None
    state.snapshot_busy, state.snapshot_note, state.snapshot_refused = True, "", False
    return RefreshRequest(state._cookie(), client_id)


async def run(request: RefreshRequest, now: datetime | None = None) -> Refreshed:
    """Outside the lock, as the tab's user: the snapshot made (or reused)."""
    try:
        user = await tab_user(request.cookie)
        me = await auth.profile(user) if user is not None else None
        if not me or me.get("status") != "active" or not me.get("company_id"):
            return Refreshed(request, signed_in=False)
        now = now or clock.now()
        admin = me["role"] == "admin"
        shot = await runs.snapshot(user, services.current().analysts, me["company_id"],
                                   request.client_id, trigger="manual", now=now, force=admin,
                                   requested_by=me["user_id"])
    except Refused as refused:
        return Refreshed(request, refused=refused.reason)
    except Exception:   # the button must come back whatever broke
        log.exception("a snapshot refresh failed")
        return Refreshed(request, failed=True)
    reused = shot.generated_at < now
    if not reused:
        await services.current().changed(me["company_id"])
    return Refreshed(request, snapshot=shot, reused=reused)


def finish(state, done: Refreshed, client_id: str):
    """Under the tab's lock again: shows the outcome if the card still shows that client;
    the sign-in page when the session ended meanwhile."""
    state.snapshot_busy = False
    if not done.signed_in:
        return state._login_redirect()
    if done.request.client_id != client_id:
        return None
    tr = state.tr
    reader = Reader(state.locale, state.timezone, tr)
    if done.snapshot is not None:
        state.snapshot = snapshot_row(done.snapshot, reader)
        state.snapshot_note = (
            tr["analyst_card.recent"].format(when=reader.when(done.snapshot.generated_at))
            if done.reused else tr["analyst_card.refreshed"])
        return None
    state.snapshot_refused = True
    state.snapshot_note = (tr.get(f"analyst_card.refused.{done.refused}") if done.refused
                           else None) or tr["analyst_card.failed"]
    return None
