"""POST /api/v1/clients/merge: two clients of the caller's clinic become one (domain/merge.py;
the database does it in one transaction and writes the audit entry)."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import ConfigDict, Field

from omni_app.api import v1_models as m
from omni_app.api.errors import HttpError
from omni_app.api.v1 import Caller, _announce, _body, _client, _errors
from omni_app.domain import merge
from omni_app.domain.refusals import Refused


class ClientMerge(m._Model):
    model_config = ConfigDict(extra="forbid")
    keep_id: UUID = Field(description="the client who stays")
    merge_id: UUID = Field(description="the client merged into the kept one, then deleted")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


def _same_client() -> HttpError:
    message = "keep_id and merge_id must be two different clients"
    return HttpError(422, message, details=[{"loc": ["body", "merge_id"], "msg": message,
                                             "type": "same_client"}])


@router.post("/clients/merge", response_model=m.Client,
             summary="Merge two clients of the clinic into one",
             description="Moves every conversation (each stays its own thread), message, "
                         "appointment, payment, note, AI snapshot and stage change of "
                         "`merge_id` onto `keep_id`, in one transaction. Where both had an "
                         "open conversation on the same channel, the older one is closed. The "
                         "kept client keeps its own fields and gains the merged one's phone, "
                         "WhatsApp and Instagram ids, e-mail, birth date and CPF where it has "
                         "none, and both clients' tags; its stage does not change. An audit "
                         "entry (`client.merged`) records it. Answers the kept client as `GET "
                         "/api/v1/clients/{id}` does; afterwards `merge_id` answers 404. Either "
                         "id not a client of the clinic: 404.",
             responses=_errors(400, 404, 413, 422),
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": ClientMerge.model_json_schema()}}}})
async def merge_clients(caller: Caller,
                        body: Annotated[ClientMerge, Depends(_body(ClientMerge))]):
    if body.keep_id == body.merge_id:
        raise _same_client()
    try:
        row = await merge.merge(caller.user, str(body.keep_id), str(body.merge_id))
    except Refused as refused:
        if refused.reason == "same_client":
            raise _same_client() from None
        if refused.reason == "not_found":
            raise HttpError(404, "client not found") from None
        raise HttpError(422, f"refused: {refused.reason}") from None
    await _announce(caller)
    return _client(row)
