"""A stored snapshot as everyone reads it (the UI, the API): the analysis under the names of
`analysis.Analysis`, with when, why and by what it was made and what it cost."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from omni_app.domain.analyst.analysis import Analysis

COLUMNS = ("id, client_id, summary, important_flags, source_conversation_id, trigger, model, "
           "analyzer, fallback, error, generated_at, tokens_in, tokens_out, latency_ms, cost_usd, "
           "input_messages, input_chars, input_appointments, requested_by")
REUSE_HOURS = 12


class Snapshot(BaseModel):
    id: str
    client_id: str
    generated_at: dt.datetime
    trigger: str               # manual | conversation_closed | scheduled | api
    analyzer: str              # llm | heuristic
    model: str
    fallback: str | None       # no_api_key | budget_spent | llm_failed: why not the LLM
    error: str | None
    summary: str
    intent: str
    sentiment: dict[str, Any]
    no_show_risk: dict[str, Any]
    preferences: dict[str, Any]
    objections: list[dict[str, Any]]
    next_best_action: str
    language: str
    source_conversation_id: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    cost_usd: float = 0.0
    input_messages: int = 0
    input_chars: int = 0
    input_appointments: int = 0

    @property
    def risk(self) -> str:
        return self.no_show_risk.get("level", "low")

    def analysis(self) -> Analysis:
        return Analysis.model_validate(self.model_dump(include=set(Analysis.model_fields)))

    def fresh(self, now: dt.datetime) -> bool:
        """Recent enough to be answered again instead of running the analyzer."""
        return now - self.generated_at < dt.timedelta(hours=REUSE_HOURS)


def flags(analysis: Analysis) -> dict:
    """What goes into important_flags: the analysis but its summary (a column of its own)."""
    return analysis.model_dump(mode="json", exclude={"summary"})


def from_row(row: dict) -> Snapshot:
    found = row.get("important_flags") or {}
    return Snapshot(
        id=row["id"], client_id=row["client_id"],
        generated_at=dt.datetime.fromisoformat(row["generated_at"]), trigger=row["trigger"],
        analyzer=row["analyzer"], model=row["model"], fallback=row.get("fallback"),
        error=row.get("error"), summary=row["summary"],
        intent=found.get("intent", "other"),
        sentiment=found.get("sentiment") or {"label": "neutral", "score": 0},
        no_show_risk=found.get("no_show_risk") or {"level": "low", "reasons": []},
        preferences=found.get("preferences") or {"days": [], "times": [], "professionals": [],
                                                 "channel": None},
        objections=found.get("objections") or [],
        next_best_action=found.get("next_best_action") or "",
        language=found.get("language") or "pt-BR",
        source_conversation_id=row.get("source_conversation_id"),
        tokens_in=row.get("tokens_in") or 0, tokens_out=row.get("tokens_out") or 0,
        latency_ms=row.get("latency_ms") or 0, cost_usd=float(row.get("cost_usd") or 0),
        input_messages=row.get("input_messages") or 0, input_chars=row.get("input_chars") or 0,
        input_appointments=row.get("input_appointments") or 0)


async def latest(db, company_id: str, client_id: str) -> Snapshot | None:
    rows = (await db.table("ai_context_snapshots").select(COLUMNS)
            .eq("company_id", company_id).eq("client_id", client_id)
            .order("generated_at", desc=True).limit(1).execute()).data
    return from_row(rows[0]) if rows else None


async def by_run_key(db, company_id: str, run_key: str) -> Snapshot | None:
    rows = (await db.table("ai_context_snapshots").select(COLUMNS)
            .eq("company_id", company_id).eq("run_key", run_key).limit(1).execute()).data
    return from_row(rows[0]) if rows else None
