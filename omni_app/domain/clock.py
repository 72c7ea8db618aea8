"""Now, and the database's timestamps, as time-zone aware datetimes (the one place for both)."""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)


def parse_time(value: str | datetime) -> datetime:
    """PostgREST's timestamptz text (`2026-01-02T03:04:05.123456+00:00`, or with `Z`) or a
    datetime, as an aware datetime (UTC when it carries no offset)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(
        value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
