"""/api/v1/professionals: the clinic's professionals, when one of them is free (for n8n booking
flows), and an admin's changes to a member's professional profile. Through
domain/professionals.py and domain/availability.py, as /settings/professionals and the agenda
do; a change is made by the database function that checks the caller is an admin (an API key
acts as the admin who made it; a staff member's own token is refused with 403)."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from omni_app.api.errors import HttpError
from omni_app.api.v1 import Caller, _body, _errors, _uuid
from omni_app.domain import availability, clock, professionals, schedules
from omni_app.domain.refusals import Refused

PROFESSIONAL_PATH = Annotated[str, Path(description="the member's id (`users.id`)")]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REFUSALS = {
    "hours_invalid": "working_hours: each day is mon..sun, each interval {start, end} in HH:MM "
                     "(end may be 24:00)",
    "hours_order": "working_hours: an interval's start must come before its end",
    "hours_overlap": "working_hours: two intervals of one day overlap",
    "specialty_too_long": f"specialties: each at most {professionals.MAX_SPECIALTY} characters",
    "too_many_specialties": f"specialties: at most {professionals.MAX_SPECIALTIES}",
}
HOURS_DESCRIPTION = ('weekday (mon … sun) -> intervals `{"start": "08:00", "end": "12:00"}` in '
                     'the clinic\'s time zone; "24:00" ends a day; intervals of a day must not '
                     'overlap; a day left out has no hours')


class Professional(BaseModel):
    id: str
    full_name: str
    specialties: list[str]
    working_hours: dict[str, list[dict[str, str]]] = Field(description=HOURS_DESCRIPTION)


class ProfessionalList(BaseModel):
    professionals: list[Professional] = Field(description="active professionals, by name")


class Member(Professional):
    is_professional: bool
    role: str
    status: str


class ProfessionalPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    is_professional: bool | None = None
    specialties: list[Annotated[str, Field(max_length=200)]] | None = Field(
        default=None, max_length=50,
        description=f"trimmed, blanks dropped, repeats kept once; at most "
                    f"{professionals.MAX_SPECIALTIES} of {professionals.MAX_SPECIALTY} characters")
    working_hours: dict[str, list[dict[str, str]]] | None = Field(
        default=None, description=HOURS_DESCRIPTION + "; replaces the whole week")


class Closed(BaseModel):
    reason: str = Field(description="holiday (national) or closure (the clinic's own)")
    name: str | None


class FreeSlots(BaseModel):
    professional_id: str
    service_id: str
    date: str
    timezone: str = Field(description="the clinic's; every slot is in it")
    duration_minutes: int = Field(description="the service's")
    step_minutes: int = Field(description="start times lie on this grid of the clinic's clock")
    closed: Closed | None = Field(description="why the day has no slots, when it is closed")
    slots: list[str] = Field(description="start times, ISO 8601 with the clinic's UTC offset "
                                         "on that instant; past ones left out")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


def _public(member: professionals.Member) -> dict:
    return {"id": member.id, "full_name": member.name, "specialties": list(member.specialties),
            "working_hours": member.working_hours}


async def _clinic(caller) -> tuple[str, str]:
    rows = (await caller.user.table("companies").select("timezone,locale")
            .eq("id", caller.company_id).limit(1).execute()).data
    return (rows[0]["timezone"], rows[0]["locale"]) if rows else ("America/Sao_Paulo", "pt-BR")


def _day(value: str) -> date:
    try:
        if not _DATE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise HttpError(422, "invalid date", details=[{
            "loc": ["query", "date"], "msg": "a calendar date as YYYY-MM-DD", "type": "date",
            "input": value}]) from None


@router.get("/professionals", response_model=ProfessionalList,
            summary="The clinic's active professionals, by name")
async def list_professionals(caller: Caller):
    return {"professionals": [_public(m) for m in
                              await professionals.professionals(caller.user)]}


@router.get("/professionals/{professional_id}/free-slots", response_model=FreeSlots,
            summary="When a professional can take a service on a date",
            description="Start times at which the service fits wholly in the professional's "
                        "working hours (with their extra hours, without their time off), "
                        "overlaps none of their scheduled or confirmed appointments, and the "
                        "day is neither a national holiday of the clinic's country nor one of "
                        "its closures. On the clinic's clock, in steps of "
                        f"{availability.STEP_MINUTES} minutes, daylight-saving changes "
                        "included.", responses=_errors(404, 422))
async def free_slots(caller: Caller, professional_id: PROFESSIONAL_PATH,
                     date_: Annotated[str, Query(alias="date", description="YYYY-MM-DD")],
                     service_id: Annotated[str, Query(description="the service's id")]):
    professional_id = _uuid(professional_id, "professional")
    day = _day(date_)
    service_id = _uuid(service_id, "service")
    rows = (await caller.user.table("services")
            .select("id,duration_minutes,active,archived_at").eq("id", service_id).limit(1)
            .execute()).data
    if not rows:
        raise HttpError(404, "service not found")
    if rows[0].get("archived_at") or not rows[0].get("active", True):
        raise HttpError(422, "the service is archived or inactive", details=[{
            "loc": ["query", "service_id"], "msg": "the service takes no bookings",
            "type": "service_inactive"}])
    timezone, locale = await _clinic(caller)
    loaded = await schedules.load(caller.user, professional_id, day, day, timezone, locale)
    if loaded.member is None or not loaded.member.is_professional \
            or loaded.member.status != "active":
        raise HttpError(404, "professional not found")
    closure = next((c for c in loaded.closures if c.on_date == day), None)
    closed = ({"reason": "closure", "name": closure.label} if closure else
              {"reason": "holiday", "name": loaded.national[day]} if day in loaded.national
              else None)
    duration = int(rows[0]["duration_minutes"])
    slots = availability.free_slots(loaded.schedule, day, duration, timezone,
                                    not_before=clock.now())
    return {"professional_id": professional_id, "service_id": service_id,
            "date": day.isoformat(), "timezone": timezone, "duration_minutes": duration,
            "step_minutes": availability.STEP_MINUTES, "closed": closed,
            "slots": [slot.isoformat() for slot in slots]}


@router.patch("/professionals/{user_id}", response_model=Member,
              summary="Make a member a professional (or not), with specialties and hours",
              description="Admins only (an API key acts as its admin; a staff member's token "
                          "is refused with 403). Fields left out are kept. The change is in "
                          "the clinic's audit log.",
              responses=_errors(400, 404, 413, 422),
              # inline: api/app.py publishes v1.BODIES only, and this body has no references
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": ProfessionalPatch.model_json_schema()}}}})
async def patch_professional(caller: Caller, user_id: PROFESSIONAL_PATH,
                             body: Annotated[ProfessionalPatch,
                                             Depends(_body(ProfessionalPatch))]):
    user_id = _uuid(user_id, "member")
    try:
        member = await professionals.save(
            caller.user, user_id, is_professional=body.is_professional,
            specialties=body.specialties, working_hours=body.working_hours)
    except Refused as refused:
        if refused.reason == "forbidden":
            raise HttpError(403, "only the clinic's admins can change professionals") from None
        if refused.reason == "not_found":
            raise HttpError(404, "member not found") from None
        message = _REFUSALS.get(refused.reason, f"refused: {refused.reason}")
        field = message.split(":", 1)[0]
        raise HttpError(422, message, details=[{"loc": ["body", field], "msg": message,
                                                "type": refused.reason,
                                                **({"day": refused.detail}
                                                   if refused.detail else {})}]) from None
    return {**_public(member), "is_professional": member.is_professional, "role": member.role,
            "status": member.status}
