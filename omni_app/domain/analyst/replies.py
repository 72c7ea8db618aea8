"""A suggested reply for staff: drafted from the latest snapshot and the conversation's last
messages by the clinic's analyzer (the LLM under the same rules as snapshots: key, budget,
fallback to the rules on failure). Logged with its cost in ai_reply_runs, never its text; it
fills the composer and is never sent by itself."""
from __future__ import annotations

import datetime as dt

from omni_app.domain.analyst import snapshots
from omni_app.domain.analyst.analyzers import Analysts, choose
from omni_app.domain.analyst.base import Draft
from omni_app.domain.analyst.runs import read_client


async def suggest(db, analysts: Analysts, company_id: str, client_id: str, *,
                  now: dt.datetime, conversation_id: str | None = None,
                  requested_by: str | None = None) -> Draft:
    """Refused: not_found, client_erased. A draft without text carries its error."""
    ctx, clinic = await read_client(db, company_id, client_id, now, conversation_id)
    latest = await snapshots.latest(db, company_id, client_id)
    analysis = latest.analysis() if latest else None
    analyzer, _ = choose(analysts, clinic)
    draft = await analyzer.draft_reply(ctx, analysis, clinic.instructions)
    if draft.text is None and analyzer is not analysts.heuristic:
        rules = await analysts.heuristic.draft_reply(ctx, analysis, clinic.instructions)
        draft = Draft(rules.analyzer, rules.model, rules.text, draft.usage + rules.usage,
                      draft.error)
    await db.table("ai_reply_runs").insert({
        "company_id": company_id, "client_id": client_id, "requested_by": requested_by,
        "analyzer": draft.analyzer, "model": draft.model, "tokens_in": draft.usage.tokens_in,
        "tokens_out": draft.usage.tokens_out, "latency_ms": draft.usage.latency_ms,
        "cost_usd": draft.usage.cost_usd, "error": draft.error}).execute()
    return draft
