"""/api/v1/clients/{id}/snapshot: the analyst's latest context snapshot of a client (GET), or a
run now (POST). Without `force` a snapshot less than 12 hours old is answered unchanged, even if
messages arrived since; `force: true` (admins, and API keys, which act as the admin who made
them) always runs. The analyzer is the clinic's choice (analyst settings): the LLM while the
server has a key and the month's token budget lasts, else the rules, as `analyzer` and
`fallback` say."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from omni_app import services as services_module
from omni_app.api.errors import HttpError, refusal
from omni_app.api.v1 import CLIENT_PATH, Caller, _body, _errors, _uuid
from omni_app.domain import clock
from omni_app.domain.analyst import runs, snapshots
from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.domain.refusals import Refused

_REFUSALS = {"not_found": (404, "client not found"),
             "client_erased": (409, "this client's data was erased")}


class SnapshotRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    force: bool = Field(default=False, description="run even if the latest snapshot is less "
                        "than 12 hours old (admins and API keys only)")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


@router.get("/clients/{client_id}/snapshot", response_model=Snapshot,
            summary="A client's latest analyst snapshot",
            description="Summary, intent, sentiment, no-show risk, preferences, objections, "
                        "next best action and language, with when, why and by which analyzer "
                        "it was made and what it cost. 404 when the client has none yet.",
            responses=_errors(404))
async def latest_snapshot(caller: Caller, client_id: CLIENT_PATH):
    client_id = _uuid(client_id, "client")
    found = await snapshots.latest(caller.user, caller.company_id, client_id)
    if found is None:
        raise HttpError(404, "no snapshot of this client yet (or no such client)")
    return found


@router.post("/clients/{client_id}/snapshot", response_model=Snapshot,
             summary="Run the analyst on a client now and answer its snapshot",
             description="Answers the latest snapshot unchanged when it is less than 12 hours "
                         "old and `force` is false; otherwise runs the analyzer (this can take "
                         "a few seconds with an LLM) and answers the new snapshot.",
             responses=_errors(400, 404, 409, 413, 422),
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": SnapshotRequest.model_json_schema()}}}})
async def run_snapshot(caller: Caller, client_id: CLIENT_PATH,
                       body: Annotated[SnapshotRequest, Depends(_body(SnapshotRequest))]):
    client_id = _uuid(client_id, "client")
    if body.force and caller.role != "admin":
        raise HttpError(403, "only admins (and API keys) may force a new snapshot")
    try:
        return await runs.snapshot(caller.user, services_module.current().analysts,
                                   caller.company_id, client_id, trigger="api", now=clock.now(),
                                   force=body.force, requested_by=caller.user_id)
    except Refused as refused:
        raise refusal(refused.reason, *_REFUSALS.get(refused.reason,
                                                     (422, f"refused: {refused.reason}"))) from None
