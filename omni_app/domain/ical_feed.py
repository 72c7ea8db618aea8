"""A professional's private iCalendar feed: a URL with a random token that calendar apps
subscribe to (GET /api/calendar/<token>.ics, no cookie). Only the token's SHA-256 is stored
(`professional_calendar_feeds`); an admin makes one (shown once), rotates it (the old URL stops
at once) or revokes it, through audited database functions.

The feed holds the professional's active appointments from 90 days back to 90 days ahead, each
named by its service and the client's first name only: no phone, CPF, e-mail or notes, since the
URL lives in a calendar app that may be shared or synced elsewhere."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clock
from omni_app.domain.availability import ACTIVE
from omni_app.domain.refusals import from_database

TOKEN_PREFIX = "cal_"
WINDOW = timedelta(days=90)
MAX_EVENTS = 5000


@dataclass(frozen=True)
class Owner:
    company_id: str
    user_id: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


async def feeds(db: AsyncClient) -> dict[str, str]:
    """user id -> when their current feed was made (admins see them; RLS)."""
    rows = (await db.table("professional_calendar_feeds").select("user_id,created_at")
            .execute()).data
    return {row["user_id"]: row["created_at"] for row in rows}


async def rotate(user: AsyncClient, user_id: str) -> str:
    """Admins: a new feed token for the professional (the previous one stops working); the
    token, to show once. Refused: not_professional, not_found, forbidden."""
    token = new_token()
    try:
        await user.rpc("rotate_calendar_feed", {"p_user_id": user_id,
                                                "p_token_sha256": digest(token)}).execute()
    except APIError as refused:
        raise from_database(refused) from None
    return token


async def revoke(user: AsyncClient, user_id: str) -> None:
    """Admins. Refused: not_found (no feed), forbidden."""
    try:
        await user.rpc("revoke_calendar_feed", {"p_user_id": user_id}).execute()
    except APIError as refused:
        raise from_database(refused) from None


async def resolve(service: AsyncClient, token: str) -> Owner | None:
    """Whose feed `token` opens (service role), if any, and they still are an active
    professional."""
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    rows = (await service.table("professional_calendar_feeds").select("company_id,user_id")
            .eq("token_sha256", digest(token)).limit(1).execute()).data
    if not rows:
        return None
    owner = Owner(rows[0]["company_id"], rows[0]["user_id"])
    member = (await service.table("users").select("id").eq("company_id", owner.company_id)
              .eq("id", owner.user_id).eq("is_professional", True).eq("status", "active")
              .limit(1).execute()).data
    return owner if member else None


def first_name(full_name: str | None) -> str:
    return (full_name or "").split(" ", 1)[0].strip()


async def appointments(service: AsyncClient, owner: Owner, now: datetime) -> list[dict]:
    """The professional's active appointments in the window (service role, scoped here), each
    with `client_name` and `service_name`."""
    rows = (await service.table("appointments")
            .select("id,client_id,service_id,starts_at,ends_at,status,updated_at")
            .eq("company_id", owner.company_id).eq("professional_id", owner.user_id)
            .in_("status", list(ACTIVE))
            .gte("ends_at", (now - WINDOW).isoformat()).lt("starts_at", (now + WINDOW).isoformat())
            .order("starts_at").limit(MAX_EVENTS).execute()).data
    clients = await _names(service, "clients", "full_name", owner.company_id,
                           {row["client_id"] for row in rows})
    services = await _names(service, "services", "name", owner.company_id,
                            {row["service_id"] for row in rows if row.get("service_id")})
    return [{**row, "client_name": clients.get(row["client_id"]),
             "service_name": services.get(row.get("service_id"))} for row in rows]


async def _names(service: AsyncClient, table: str, column: str, company_id: str,
                 ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = (await service.table(table).select(f"id,{column}").eq("company_id", company_id)
            .in_("id", sorted(ids)).execute()).data
    return {row["id"]: row[column] for row in rows}


def calendar(rows: list[dict], calendar_name: str, timezone: str, host: str) -> bytes:
    """The feed as RFC 5545 text: one VEVENT per appointment, times in UTC."""
    feed = Calendar()
    feed.add("prodid", "-//Omni//Agenda//PT")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", calendar_name)
    feed.add("x-wr-timezone", timezone)
    for row in rows:
        service = row.get("service_name") or ""
        client = first_name(row.get("client_name"))
        event = Event()
        event.add("uid", f"{row['id']}@{host}")
        event.add("dtstamp", clock.parse_time(row.get("updated_at") or row["starts_at"]))
        event.add("dtstart", clock.parse_time(row["starts_at"]))
        event.add("dtend", clock.parse_time(row["ends_at"]))
        event.add("summary", " · ".join(part for part in (service, client) if part) or "Omni")
        event.add("status", "CONFIRMED" if row["status"] == "confirmed" else "TENTATIVE")
        feed.add_component(event)
    return feed.to_ical()
