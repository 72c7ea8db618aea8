"""Booking, moving and changing the status of appointments, as the signed-in user (RLS scopes
everything to their clinic). Each is one database function, one transaction: the database
checks the time range, the service, the professional and the client, and its exclusion
constraint refuses a professional booked twice at once (`Conflict`, naming the appointment in
the way)."""
from __future__ import annotations

from datetime import datetime

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

STATUSES = ("scheduled", "confirmed", "completed", "cancelled", "no_show")
ACTIVE = ("scheduled", "confirmed")
MAX_NOTES = 5000
MAX_REASON = 500


class Conflict(Refused):
    """The professional already has an active appointment then: `appointment_id` is it ("" if
    it was gone by the time the database looked)."""

    def __init__(self, appointment_id: str):
        super().__init__("conflict", appointment_id)
        self.appointment_id = appointment_id


def _refused(error: APIError) -> Refused:
    if (getattr(error, "hint", None) or "") == "conflict":
        detail = str(getattr(error, "details", None) or "")
        return Conflict(detail if is_uuid(detail) else "")
    return from_database(error, {"23514": "invalid", "22007": "invalid", "22008": "invalid"})


def _ids(*values: str | None) -> bool:
    return all(value is None or is_uuid(value) for value in values)


async def book(user: AsyncClient, client_id: str, professional_id: str, service_id: str,
               starts_at: datetime, ends_at: datetime | None = None, notes: str = "") -> dict:
    """Books `client_id` with `professional_id` for `service_id` from `starts_at` (to `ends_at`,
    or for the service's duration). Refused: client, professional, service, service_archived,
    ends_before_start, too_long, notes_too_long, conflict (`Conflict`)."""
    for value, reason in ((client_id, "client"), (professional_id, "professional"),
                          (service_id, "service")):
        if not is_uuid(value):
            raise Refused(reason)
    if len(notes or "") > MAX_NOTES:
        raise Refused("notes_too_long")
    try:
        return (await user.rpc("book_appointment", {
            "p_client_id": client_id, "p_professional_id": professional_id,
            "p_service_id": service_id, "p_starts_at": starts_at.isoformat(),
            "p_ends_at": ends_at.isoformat() if ends_at else None,
            "p_notes": notes or None}).execute()).data
    except APIError as error:
        raise _refused(error) from None


async def move(user: AsyncClient, appointment_id: str, starts_at: datetime | None = None,
               ends_at: datetime | None = None, professional_id: str | None = None) -> dict:
    """Moves an active appointment (None keeps the start, the duration, the professional).
    Refused: not_found, closed, professional, ends_before_start, too_long, conflict."""
    if not is_uuid(appointment_id):
        raise Refused("not_found")
    if not _ids(professional_id):
        raise Refused("professional")
    try:
        return (await user.rpc("move_appointment", {
            "p_id": appointment_id,
            "p_starts_at": starts_at.isoformat() if starts_at else None,
            "p_ends_at": ends_at.isoformat() if ends_at else None,
            "p_professional_id": professional_id}).execute()).data
    except APIError as error:
        raise _refused(error) from None


async def set_status(user: AsyncClient, appointment_id: str, status: str,
                     reason: str = "") -> dict:
    """scheduled -> confirmed -> completed, or cancelled (with `reason`) or no_show; the
    database records who and when. Refused: not_found, status, transition, reason_too_long."""
    if not is_uuid(appointment_id):
        raise Refused("not_found")
    if status not in STATUSES:
        raise Refused("status")
    if len(reason or "") > MAX_REASON:
        raise Refused("reason_too_long")
    try:
        return (await user.rpc("set_appointment_status", {
            "p_appointment_id": appointment_id, "p_status": status,
            "p_reason": reason or None}).execute()).data
    except APIError as error:
        raise _refused(error) from None


async def change(user: AsyncClient, appointment_id: str, move: bool,
                 starts_at: datetime | None = None, ends_at: datetime | None = None,
                 professional_id: str | None = None, status: str | None = None,
                 reason: str = "") -> dict:
    """`move` (as `move` does) and/or a new `status` (as `set_status` does), in one
    transaction: either both happen or neither. Refused: as both."""
    if not is_uuid(appointment_id):
        raise Refused("not_found")
    if not _ids(professional_id):
        raise Refused("professional")
    if status is not None and status not in STATUSES:
        raise Refused("status")
    if len(reason or "") > MAX_REASON:
        raise Refused("reason_too_long")
    try:
        return (await user.rpc("change_appointment", {
            "p_id": appointment_id, "p_move": move,
            "p_starts_at": starts_at.isoformat() if starts_at else None,
            "p_ends_at": ends_at.isoformat() if ends_at else None,
            "p_professional_id": professional_id, "p_status": status,
            "p_reason": reason or None}).execute()).data
    except APIError as error:
        raise _refused(error) from None


async def set_notes(user: AsyncClient, appointment_id: str, notes: str) -> dict:
    """The appointment's notes ("" clears them). Refused: not_found, notes_too_long."""
    if not is_uuid(appointment_id):
        raise Refused("not_found")
    if len(notes or "") > MAX_NOTES:
        raise Refused("notes_too_long")
    rows = (await user.table("appointments").update({"notes": notes.strip() or None})
            .eq("id", appointment_id).execute()).data
    if not rows:
        raise Refused("not_found")
    return rows[0]
