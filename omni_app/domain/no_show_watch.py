"""The appointments home watches: the next 7 days' scheduled or confirmed appointments of the
clinic's clients whose latest no-show risk is high (`high_risk_appointments`, security invoker:
RLS scopes it to the caller's clinic), each with its client's risk reasons and the last
confirmation sent for it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supabase import AsyncClient

from omni_app.domain.clock import parse_time

DAYS = 7          # from now: "this week" whatever day it is (a Friday still sees Monday)


@dataclass(frozen=True)
class RiskyAppointment:
    id: str
    starts_at: datetime
    status: str                          # scheduled | confirmed
    client_id: str
    client_name: str
    professional_name: str | None
    service_name: str | None
    reasons: list[str]                   # codes (`prior_no_shows:2`) or an LLM's sentences
    confirmation_status: str | None      # the last confirmation's delivery: queued, sent, ...
    confirmation_at: datetime | None


def parsed(row: dict) -> RiskyAppointment:
    sent = row.get("confirmation_at")
    return RiskyAppointment(
        id=row["id"], starts_at=parse_time(row["starts_at"]), status=row["status"],
        client_id=row["client_id"], client_name=row.get("client_name") or "",
        professional_name=row.get("professional_name"), service_name=row.get("service_name"),
        reasons=[str(reason) for reason in row.get("reasons") or [] if str(reason).strip()],
        confirmation_status=row.get("confirmation_status"),
        confirmation_at=parse_time(sent) if sent else None)


async def upcoming(user: AsyncClient, now: datetime | None = None,
                   days: int = DAYS) -> list[RiskyAppointment]:
    """Soonest first, at most 100."""
    params = {"p_days": days, **({"p_now": now.isoformat()} if now is not None else {})}
    rows = (await user.rpc("high_risk_appointments", params).execute()).data or []
    return [parsed(row) for row in rows]
