"""What the agenda reads, as the signed-in user (RLS scopes it to their clinic): the clinic's
professionals and bookable services, the appointments that start in a time window (with their
client's name), one appointment with its status history; and the working-hours arithmetic
(days and hours in the clinic's time zone) the grid and the "outside working hours?" question
share. Pure functions take no client."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supabase import AsyncClient

from omni_app.domain import clients
from omni_app.domain.ids import is_uuid

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PROFESSIONAL_COLUMNS = "id,full_name,email,working_hours,specialties"
SERVICE_COLUMNS = "id,name,duration_minutes,color,price"
APPOINTMENT_COLUMNS = ("id,client_id,service_id,professional_id,starts_at,ends_at,status,notes,"
                       "cancel_reason,created_at,updated_at")
MAX_WINDOW = timedelta(days=62)
MAX_ROWS = 5000
SEARCH_LIMIT = 8


@dataclass(frozen=True)
class Window:
    """Appointments starting in [starts, ends), optionally one professional's or client's
    (ids checked by the caller)."""
    starts: datetime
    ends: datetime
    professional_id: str = ""
    client_id: str = ""
    with_cancelled: bool = True


async def professionals(user: AsyncClient) -> list[dict]:
    """The clinic's active professionals, by name."""
    return (await user.table("users").select(PROFESSIONAL_COLUMNS).eq("is_professional", True)
            .eq("status", "active").order("full_name").order("email").execute()).data


async def services(user: AsyncClient) -> list[dict]:
    """The services that can be booked (active, not archived), by name."""
    return (await user.table("services").select(SERVICE_COLUMNS).eq("active", True)
            .is_("archived_at", "null").order("name").execute()).data


async def appointments(user: AsyncClient, window: Window) -> list[dict]:
    """The window's appointments by start time, each with `client_name` (one round trip)."""
    return (await user.rpc("agenda_appointments", {
        "p_from": window.starts.isoformat(), "p_to": window.ends.isoformat(),
        "p_professional_id": window.professional_id or None,
        "p_client_id": window.client_id or None,
        "p_with_cancelled": window.with_cancelled}).execute()).data


async def with_client_names(user: AsyncClient, rows: list[dict]) -> list[dict]:
    ids = sorted({row["client_id"] for row in rows})
    if not ids:
        return rows
    names = {row["id"]: row["full_name"] for row in (
        await user.table("clients").select("id,full_name").in_("id", ids).execute()).data}
    return [{**row, "client_name": names.get(row["client_id"], "")} for row in rows]


async def appointment(user: AsyncClient, appointment_id: str) -> dict | None:
    """One appointment with `client_name` and `history` (its statuses, oldest first, each with
    who changed it), or None."""
    if not is_uuid(appointment_id):
        return None
    rows = (await user.table("appointments").select(APPOINTMENT_COLUMNS)
            .eq("id", appointment_id).limit(1).execute()).data
    if not rows:
        return None
    [row] = await with_client_names(user, rows)
    steps = (await user.table("appointment_status_changes")
             .select("from_status,to_status,reason,changed_by,changed_at")
             .eq("appointment_id", appointment_id).order("changed_at").execute()).data
    return {**row, "history": steps}


async def member_names(user: AsyncClient) -> dict[str, str]:
    """Every member of the clinic (left ones too): id -> name, for who changed a status."""
    rows = (await user.table("users").select("id,full_name,email").execute()).data
    return {row["id"]: row.get("full_name") or row.get("email") or "" for row in rows}


async def client(user: AsyncClient, client_id: str) -> dict | None:
    if not is_uuid(client_id):
        return None
    rows = (await user.table("clients").select("id,full_name,phone").eq("id", client_id)
            .limit(1).execute()).data
    return rows[0] if rows else None


async def find_clients(user: AsyncClient, term: str) -> list[dict]:
    """The booking dialog's client search: the clients page's search, first few by name."""
    if not term.strip():
        return []
    page = await clients.listed(user, clients.ClientFilter(search=term.strip()),
                                limit=SEARCH_LIMIT, columns="id,full_name,phone,search_name")
    return page.rows


# -- days and hours in the clinic's time zone ---------------------------------------------------

def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_bounds(first: date, days: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants where `first` starts and `days` days later starts, in `tz` (a day with a
    daylight-saving change is 23 or 25 hours long)."""
    return (datetime.combine(first, time(), tz),
            datetime.combine(first + timedelta(days=days), time(), tz))


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def hours_on(working_hours: dict, day: date) -> list[tuple[int, int]]:
    """The working intervals of `day`'s weekday, in minutes from midnight."""
    return sorted((_minutes(slot["start"]), _minutes(slot["end"]))
                  for slot in (working_hours or {}).get(WEEKDAYS[day.weekday()], []))


def within_hours(working_hours: dict, starts: datetime, ends: datetime, tz: ZoneInfo) -> bool:
    """Whether [starts, ends) lies inside one working interval of its day in `tz`. A
    professional with no hours set works whenever they are booked."""
    if not working_hours or not any(working_hours.values()):
        return True
    local_start, local_end = starts.astimezone(tz), ends.astimezone(tz)
    first = local_start.hour * 60 + local_start.minute
    last = first + int((ends - starts).total_seconds() // 60)
    if local_end.date() != local_start.date() and not (local_end.hour == 0
                                                        and local_end.minute == 0):
        return False
    return any(start <= first and last <= end
               for start, end in hours_on(working_hours, local_start.date()))
