"""The clinic's recent analyst runs as its admins read them: snapshots ("analysis") and reply
drafts ("reply") together, newest first, each with its client's name, what made it and what it
cost. One read (`analyst_run_log`), as the user: refused to anyone but an admin."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from postgrest.exceptions import APIError

from omni_app.domain.refusals import from_database

LIMIT = 50


@dataclass(frozen=True)
class Run:
    kind: str               # analysis | reply
    id: str
    at: dt.datetime
    client_id: str
    client_name: str
    trigger: str            # manual | conversation_closed | scheduled | api
    analyzer: str           # llm | heuristic
    model: str
    fallback: str | None
    tokens_in: int
    tokens_out: int
    latency_ms: int
    cost_usd: Decimal
    error: str | None


def from_row(row: dict) -> Run:
    return Run(row["kind"], row["id"], dt.datetime.fromisoformat(row["at"]), row["client_id"],
               row.get("client_name") or "", row.get("trigger") or "manual", row["analyzer"],
               row.get("model") or "", row.get("fallback"), int(row.get("tokens_in") or 0),
               int(row.get("tokens_out") or 0), int(row.get("latency_ms") or 0),
               Decimal(str(row.get("cost_usd") or 0)), row.get("error"))


async def recent(user, limit: int = LIMIT) -> list[Run]:
    """The last `limit` runs of the caller's clinic, newest first. Refused: forbidden."""
    try:
        rows = (await user.rpc("analyst_run_log", {"p_limit": limit}).execute()).data or []
    except APIError as refused:
        raise from_database(refused) from None
    return [from_row(row) for row in rows]
