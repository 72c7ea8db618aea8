"""The home dashboard, read in one round trip (`home_dashboard`, security invoker: RLS scopes it
to the caller's clinic), and the one-click status changes its list of today's appointments
offers (through `set_appointment_status`, the one transition rule, which records who and when).

Series come bucketed on the clinic's wall clock and zero-filled by the database; this module
only types them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import home, pipeline
from omni_app.domain.clock import parse_time
from omni_app.domain.refusals import Refused, from_database

QUICK_STATUSES = ("confirmed", "no_show")     # what one click on the home page may set


@dataclass(frozen=True)
class Appointment:
    id: str
    starts_at: datetime
    ends_at: datetime
    status: str
    client_id: str
    client_name: str
    professional_name: str | None
    service_name: str | None
    service_color: str | None


@dataclass(frozen=True)
class StageCount:
    stage: pipeline.Stage
    count: int


@dataclass(frozen=True)
class MonthNoShows:
    month: date
    completed: int
    no_show: int

    @property
    def rate(self) -> float | None:
        """no_show / (completed + no_show); None for a month with neither."""
        seen = self.completed + self.no_show
        return self.no_show / seen if seen else None


@dataclass(frozen=True)
class Dashboard:
    today: date
    counters: dict
    started: home.GettingStarted
    appointments: list[Appointment]
    messages: list[tuple[date, dict[str, int]]]      # day -> channel -> messages
    leads: list[tuple[date, int]]                     # the week's Monday -> new clients
    funnel: list[StageCount]
    no_shows: list[MonthNoShows]
    revenue: list[tuple[date, Decimal]] | None        # None: the caller may not see revenue


def _appointment(row: dict) -> Appointment:
    return Appointment(
        id=row["id"], starts_at=parse_time(row["starts_at"]), ends_at=parse_time(row["ends_at"]),
        status=row["status"], client_id=row["client_id"], client_name=row["client_name"],
        professional_name=row.get("professional_name"), service_name=row.get("service_name"),
        service_color=row.get("service_color"))


def parsed(data: dict) -> Dashboard:
    """The function's jsonb as typed values."""
    counters = data.get("counters") or {}
    started = data.get("getting_started") or {}
    revenue = data.get("revenue")
    return Dashboard(
        today=date.fromisoformat(data["today"]),
        counters={key: counters.get(key, 0 if key != "revenue_this_month" else None)
                  for key in home.COUNTERS},
        started=home.GettingStarted({step: bool(started.get(step)) for step in home.STEPS},
                                    bool(started.get("dismissed", True))),
        appointments=[_appointment(row) for row in data.get("appointments") or []],
        messages=[(date.fromisoformat(row["day"][:10]),
                   {channel: int(n) for channel, n in (row.get("counts") or {}).items()})
                  for row in data.get("messages") or []],
        leads=[(date.fromisoformat(row["week"]), int(row["count"]))
               for row in data.get("leads") or []],
        funnel=[StageCount(pipeline.from_row(row), int(row["count"]))
                for row in data.get("funnel") or []],
        no_shows=[MonthNoShows(date.fromisoformat(row["month"]), int(row["completed"]),
                               int(row["no_show"])) for row in data.get("no_shows") or []],
        revenue=None if revenue is None else [
            (date.fromisoformat(row["month"]), Decimal(str(row["amount"]))) for row in revenue])


async def dashboard(user: AsyncClient, now: datetime | None = None) -> Dashboard | None:
    """Everything the home page shows (None for someone with no clinic)."""
    params = {"p_now": now.isoformat()} if now is not None else {}
    data = (await user.rpc("home_dashboard", params).execute()).data
    return parsed(data) if data else None


async def set_status(user: AsyncClient, appointment_id: str, status: str) -> str:
    """Confirms an appointment or marks it a no-show; its new status. Refused: status (not one
    of QUICK_STATUSES), transition (its status does not allow it, e.g. already cancelled),
    not_found (gone, or another clinic's)."""
    if status not in QUICK_STATUSES:
        raise Refused("status")
    try:
        row = (await user.rpc("set_appointment_status", {
            "p_appointment_id": appointment_id, "p_status": status}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"22P02": "not_found"}) from None
    return row["status"]
