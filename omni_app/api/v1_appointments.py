"""/api/v1/appointments: the clinic's agenda for booking flows (n8n): list a time window, book,
and move or change the status of an appointment. Through domain/booking.py, as the /agenda page
does: the database checks every booking in one transaction and refuses a professional booked
twice at once (409, naming the appointment in the way)."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from omni_app import services as services_module
from omni_app.api.errors import HttpError, refusal
from omni_app.api.v1 import ApiCaller, Caller, _body, _errors, _uuid
from omni_app.domain import agenda, booking
from omni_app.domain.booking import Conflict
from omni_app.domain.refusals import Refused

MOMENT = "ISO 8601 with an offset, e.g. 2026-12-14T10:00:00-03:00"

# refusal -> (status, the body's field at fault, message)
_REFUSALS = {
    "client": (422, "client_id", "client_id is not a client of the clinic"),
    "professional": (422, "professional_id", "professional_id is not an active professional "
                                             "of the clinic"),
    "service": (422, "service_id", "service_id is not a service of the clinic"),
    "service_archived": (422, "service_id", "the service is archived"),
    "ends_before_start": (422, "ends_at", "ends_at must be after starts_at"),
    "too_long": (422, "ends_at", "an appointment lasts at most 24 hours"),
    "notes_too_long": (422, "notes", f"notes are longer than {booking.MAX_NOTES} characters"),
    "closed": (422, "status", "a completed, cancelled or no-show appointment does not move"),
    "transition": (422, "status", "that status change is not allowed: scheduled -> confirmed "
                                  "-> completed, or cancelled / no_show from scheduled or "
                                  "confirmed"),
    "reason_too_long": (422, "reason", f"reason is longer than {booking.MAX_REASON} "
                                       "characters"),
    "not_found": (404, None, "appointment not found"),
}


class Appointment(BaseModel):
    id: str
    client_id: str
    client_name: str = ""
    service_id: str | None
    professional_id: str | None
    starts_at: str
    ends_at: str
    status: Literal["scheduled", "confirmed", "completed", "cancelled", "no_show"]
    notes: str | None = None
    cancel_reason: str | None = None
    created_at: str
    updated_at: str


class AppointmentList(BaseModel):
    appointments: list[Appointment] = Field(description=f"by start time; at most "
                                                        f"{agenda.MAX_ROWS}")


class AppointmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    professional_id: UUID = Field(description="a member of the clinic who is a professional")
    service_id: UUID = Field(description="an active service of the clinic")
    starts_at: AwareDatetime = Field(description=MOMENT)
    ends_at: AwareDatetime | None = Field(default=None, description="after starts_at; "
                                          "omitted: starts_at plus the service's duration")
    notes: str | None = Field(default=None, max_length=booking.MAX_NOTES)


class AppointmentPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    starts_at: AwareDatetime | None = Field(default=None, description=MOMENT + "; the "
                                            "duration is kept unless ends_at is sent too")
    ends_at: AwareDatetime | None = None
    professional_id: UUID | None = None
    status: Literal["scheduled", "confirmed", "completed", "cancelled", "no_show"] | None = \
        Field(default=None, description="scheduled -> confirmed -> completed, or cancelled / "
                                        "no_show from scheduled or confirmed; recorded with who "
                                        "and when")
    reason: str | None = Field(default=None, max_length=booking.MAX_REASON,
                               description="why it was cancelled (with status cancelled)")


class AppointmentConflict(BaseModel):
    error: str
    appointment_id: str | None = Field(description="the professional's appointment in the way")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))
_CONFLICT = {409: {"model": AppointmentConflict,
                   "description": "the professional already has an appointment then"}}


def _inline(model: type[BaseModel]) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": model.model_json_schema()}}}}


def _refused(refused: Refused) -> HttpError:
    if isinstance(refused, Conflict):
        error = HttpError(409, "the professional already has an appointment at that time "
                               f"({refused.appointment_id or 'since moved'})")
        error.extra = {"appointment_id": refused.appointment_id or None}
        return error
    status, field, message = _REFUSALS.get(refused.reason, (422, None, f"refused: "
                                                                        f"{refused.reason}"))
    return refusal(refused.reason, status, message, field)


async def _announce(caller: ApiCaller) -> None:
    """Every open agenda (and home page) of the clinic re-reads."""
    await services_module.current().changed(caller.company_id)


async def _shown(caller: ApiCaller, appointment_id: str) -> dict:
    found = await agenda.appointment(caller.user, appointment_id)
    if found is None:
        raise HttpError(404, "appointment not found")
    return found


@router.get("/appointments", response_model=AppointmentList,
            summary="The clinic's appointments starting in a time window",
            description="Appointments whose start is in [`from`, `to`), any status, by start "
                        "time. The window is at most 62 days.",
            responses=_errors(422))
async def list_appointments(
        caller: Caller,
        starts: Annotated[AwareDatetime, Query(alias="from", description="inclusive; "
                                                                          + MOMENT)],
        ends: Annotated[AwareDatetime, Query(alias="to", description="exclusive; " + MOMENT)],
        professional_id: Annotated[UUID | None, Query()] = None,
        client_id: Annotated[UUID | None, Query()] = None):
    if ends <= starts or ends - starts > agenda.MAX_WINDOW:
        raise HttpError(422, "`to` must be after `from`, at most 62 days later", details=[
            {"loc": ["query", "to"], "msg": "after from, at most 62 days later"}])
    rows = await agenda.appointments(caller.user, agenda.Window(
        starts, ends, str(professional_id or ""), str(client_id or "")))
    return {"appointments": rows}


@router.get("/appointments/{appointment_id}", response_model=Appointment,
            summary="An appointment", responses=_errors(404))
async def get_appointment(caller: Caller, appointment_id: str):
    return await _shown(caller, _uuid(appointment_id, "appointment"))


@router.post("/appointments", status_code=201, response_model=Appointment,
             summary="Book an appointment",
             description="The end defaults to the start plus the service's duration. A "
                         "professional already booked at that time answers 409 with the "
                         "appointment in the way in `appointment_id`; unknown ids (or another "
                         "clinic's), an archived service or an end before the start answer 422.",
             responses={**_errors(400, 413, 422), **_CONFLICT},
             openapi_extra=_inline(AppointmentCreate))
async def book_appointment(caller: Caller, body: Annotated[
        AppointmentCreate, Depends(_body(AppointmentCreate))]):
    try:
        made = await booking.book(caller.user, str(body.client_id), str(body.professional_id),
                                  str(body.service_id), body.starts_at, body.ends_at,
                                  body.notes or "")
    except Refused as refused:
        raise _refused(refused) from None
    await _announce(caller)
    return await _shown(caller, made["id"])


@router.patch("/appointments/{appointment_id}", response_model=Appointment,
              summary="Move an appointment or change its status",
              description="Only the fields sent change. A new time or professional is checked "
                          "like a booking (409 with `appointment_id` on an overlap); only a "
                          "scheduled or confirmed appointment moves. A status change follows "
                          "the one transition rule and is recorded with who and when. Both "
                          "happen in one transaction: when either is refused, nothing changes.",
              responses={**_errors(400, 404, 413, 422), **_CONFLICT},
              openapi_extra=_inline(AppointmentPatch))
async def change_appointment(caller: Caller, appointment_id: str, body: Annotated[
        AppointmentPatch, Depends(_body(AppointmentPatch))]):
    appointment_id = _uuid(appointment_id, "appointment")
    await _shown(caller, appointment_id)
    sent = body.model_fields_set
    try:
        await booking.change(caller.user, appointment_id,
                             bool(sent & {"starts_at", "ends_at", "professional_id"}),
                             body.starts_at, body.ends_at,
                             str(body.professional_id) if body.professional_id else None,
                             body.status, body.reason or "")
    except Refused as refused:
        raise _refused(refused) from None
    await _announce(caller)
    return await _shown(caller, appointment_id)
