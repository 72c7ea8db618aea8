"""/api/v1/clients/{id}/notes: the notes staff keep on a client (the profile's Notes section),
read and added by automations. Through domain/client_profile.py, as the profile does: the
database stamps each note with its author (for an API key, the admin who made it) and time."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from omni_app.api.errors import HttpError, refusal
from omni_app.api.v1 import CLIENT_PATH, Caller, _body, _errors, _uuid
from omni_app.domain import client_profile
from omni_app.domain.refusals import Refused

_NOTE_REFUSALS = {"empty": (422, "text is empty"),
                  "too_long": (422, f"text is longer than {client_profile.MAX_NOTE} characters"),
                  "not_found": (404, "client not found")}


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=20_000, description=f"1 to {client_profile.MAX_NOTE} "
                      "characters once spaces at either end are trimmed")


class Note(BaseModel):
    id: str
    text: str
    pinned: bool = Field(description="pinned notes are listed first")
    author_id: str | None = Field(default=None, description="the member's id in `users`; null "
                                  "once they have left the clinic")
    author_name: str | None = None
    created_at: str


class NoteList(BaseModel):
    notes: list[Note] = Field(description=f"pinned first, then newest first; at most "
                                          f"{client_profile.MAX_NOTES}")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


def _note(row: dict) -> dict:
    return {**row, "text": row["body"]}


@router.get("/clients/{client_id}/notes", response_model=NoteList,
            summary="A client's notes, pinned first, then newest first",
            responses=_errors(404))
async def list_notes(caller: Caller, client_id: CLIENT_PATH):
    client_id = _uuid(client_id, "client")
    if await client_profile.header(caller.user, client_id) is None:
        raise HttpError(404, "client not found")
    return {"notes": [_note(row) for row in await client_profile.notes(caller.user, client_id)]}


@router.post("/clients/{client_id}/notes", status_code=201, response_model=Note,
             summary="Add a note to a client",
             description="The note is stamped with its author (for an API key, the admin who "
                         "made it) and the time, and shows in the client's profile.",
             responses=_errors(400, 404, 413, 422),
             # inline: api/app.py publishes v1.BODIES only, and this body has no references
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": NoteCreate.model_json_schema()}}}})
async def add_note(caller: Caller, client_id: CLIENT_PATH,
                   body: Annotated[NoteCreate, Depends(_body(NoteCreate))]):
    client_id = _uuid(client_id, "client")
    try:
        added = await client_profile.add_note(caller.user, client_id, body.text)
    except Refused as refused:
        status, message = _NOTE_REFUSALS.get(refused.reason, (422, f"refused: {refused.reason}"))
        raise refusal(refused.reason, status, message, "text") from None
    return _note(await client_profile.note(caller.user, added["id"]) or added)

