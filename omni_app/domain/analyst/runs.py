"""One client's snapshot, made or reused. The order of the checks:
1. a run already recorded under this run key (a job retried after its worker died) → that one;
2. without `force`, a snapshot less than 12 hours old → that one, unchanged;
3. the analyzer: the clinic's choice, the LLM only with a server key and budget left (else the
   rules, and the snapshot says why), the rules again when the LLM fails (with its error);
4. one row with the analysis, what it read and what it cost.
Whoever `db` is decides what may be read: a member (RLS) or the service role (jobs, the API),
and every statement names the clinic and the client."""
from __future__ import annotations

import datetime as dt

from postgrest.exceptions import APIError

from omni_app.domain.analyst import clinic_config, context, snapshots
from omni_app.domain.analyst.analyzers import Analysts, choose
from omni_app.domain.analyst.base import Outcome
from omni_app.domain.analyst.clinic_config import ClinicAnalyst
from omni_app.domain.analyst.context import ClientContext
from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.domain.refusals import Refused

async def read_client(db, company_id: str, client_id: str, now: dt.datetime,
                      conversation_id: str | None = None) -> tuple[ClientContext, ClinicAnalyst]:
    """The client's context and the clinic's analyst settings (one round trip). Refused:
    not_found (no such client in this clinic), client_erased."""
    raw = await context.fetch(db, company_id, client_id, conversation_id)
    try:
        ctx = context.assemble(raw, company_id, client_id, now)
    except LookupError as missing:
        raise Refused("client_erased" if "erased" in str(missing) else "not_found") from None
    return ctx, clinic_config.from_context(raw)


async def snapshot(db, analysts: Analysts, company_id: str, client_id: str, *, trigger: str,
                   now: dt.datetime, force: bool = False, conversation_id: str | None = None,
                   run_key: str | None = None, requested_by: str | None = None) -> Snapshot:
    """Refused: not_found (no such client in this clinic), client_erased."""
    if run_key and (done := await snapshots.by_run_key(db, company_id, run_key)):
        return done
    if not force and (recent := await snapshots.latest(db, company_id, client_id)) \
            and recent.fresh(now):
        return recent
    ctx, clinic = await read_client(db, company_id, client_id, now, conversation_id)
    analyzer, fallback = choose(analysts, clinic)
    outcome = await analyzer.analyze(ctx, clinic.instructions)
    if outcome.analysis is None:   # the LLM failed: the rules answer, the error is kept
        failed = outcome
        outcome = await analysts.heuristic.analyze(ctx, clinic.instructions)
        outcome = Outcome(outcome.analyzer, outcome.model, outcome.analysis,
                          failed.usage + outcome.usage, failed.error, outcome.inputs)
        fallback = "llm_failed"
    row = {
        "company_id": company_id, "client_id": client_id,
        "summary": outcome.analysis.summary, "important_flags": snapshots.flags(outcome.analysis),
        "source_conversation_id": conversation_id, "trigger": trigger,
        "model": outcome.model,
        "analyzer": outcome.analyzer, "fallback": fallback, "error": outcome.error,
        "generated_at": now.isoformat(), "tokens_in": outcome.usage.tokens_in,
        "tokens_out": outcome.usage.tokens_out, "latency_ms": outcome.usage.latency_ms,
        "cost_usd": outcome.usage.cost_usd, "input_messages": outcome.inputs.messages,
        "input_chars": outcome.inputs.chars, "input_appointments": outcome.inputs.appointments,
        "run_key": run_key, "requested_by": requested_by}
    try:
        stored = (await db.table("ai_context_snapshots").insert(row).execute()).data
    except APIError as refused:
        if run_key and refused.code == "23505":   # the same run recorded meanwhile
            return await snapshots.by_run_key(db, company_id, run_key)
        if refused.code == "PT409":
            raise Refused("client_erased") from None
        raise
    return snapshots.from_row({**row, **stored[0]}) if stored else \
        await snapshots.latest(db, company_id, client_id)
