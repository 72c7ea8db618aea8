"""The analyst's runs against a real localbase: each trigger (a conversation closing, a member's
request, the API) makes exactly one snapshot; a snapshot under 12 hours old is answered again
unless forced; another clinic's client is never read; the LLM through a fake OpenAI-compatible
server (structured answers, a repair, malformed answers, 429s, timeouts) and the monthly token
budget; a job whose worker died is retried once without paying twice."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from omni_app import services
from omni_app.domain import clock, conversations, merge, privacy
from omni_app.domain.analyst import analyzers, clinic_config, runs
from omni_app.domain.refusals import Refused
from omni_app.jobs.queue import JobQueue
from omni_app.jobs.worker import Worker
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import deliver_queued, service_client
from harness.fake_openai import TOKENS_IN, TOKENS_OUT, FakeOpenAI


@pytest.fixture
def fake_llm(app_env):
    with FakeOpenAI() as fake:
        yield fake


def llm_analysts(fake: FakeOpenAI, timeout_s: float = 5.0, retries: int = 0):
    return analyzers.build("test-key", fake.base_url, "fake-mini", timeout_s, retries)


async def snapshots_of(company_id: str, client_id: str) -> list[dict]:
    return (await (await service_client()).table("ai_context_snapshots").select("*")
            .eq("company_id", company_id).eq("client_id", client_id)
            .order("generated_at").execute()).data


async def patient(clinic, text: str = "Oi, quero marcar uma limpeza", **message
                  ) -> tuple[str, str]:
    message = await inbound(clinic.company_id, text, **message)
    return message["client_id"], message["conversation_id"]


async def test_closing_a_conversation_queues_one_analysis_that_makes_one_snapshot(app_env):
    clinic = await new_clinic()
    client_id, conversation_id = await patient(clinic)
    await deliver_queued()                       # anything queued before, out of the way
    await conversations.close(await clinic.user(), conversation_id)

    jobs = (await (await service_client()).table("jobs").select("kind, payload, max_attempts")
            .eq("company_id", clinic.company_id).eq("kind", "analyze_client").execute()).data
    assert jobs == [{"kind": "analyze_client", "max_attempts": 2, "payload": {
        "client_id": client_id, "trigger": "conversation_closed",
        "conversation_id": conversation_id}}]
    await deliver_queued()

    [made] = await snapshots_of(clinic.company_id, client_id)
    assert (made["trigger"], made["source_conversation_id"], made["analyzer"],
            made["fallback"]) == ("conversation_closed", conversation_id, "heuristic",
                                  "no_api_key")
    assert made["input_messages"] == 1 and made["run_key"].startswith("job:")
    assert made["input_chars"] == len("Oi, quero marcar uma limpeza")   # the rules read it whole
    risk = (await (await service_client()).table("clients").select("no_show_risk, analyzed_at")
            .eq("id", client_id).execute()).data[0]
    assert risk["no_show_risk"] == made["important_flags"]["no_show_risk"]["level"]
    assert risk["analyzed_at"] is not None


async def test_a_recent_snapshot_is_answered_again_unless_forced(app_env):
    clinic = await new_clinic()
    client_id, _ = await patient(clinic, phone="+5511988887777")
    user, analysts, now = await clinic.user(), services.current().analysts, clock.now()

    first = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=now, requested_by=clinic.user_id)
    await inbound(clinic.company_id, "Na verdade quero cancelar", phone="+5511988887777")
    again = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=now + timedelta(hours=11, minutes=59))
    assert again.id == first.id
    later = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=now + timedelta(hours=12, minutes=1))
    forced = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                 now=now + timedelta(hours=12, minutes=2), force=True)
    assert len({first.id, later.id, forced.id}) == 3
    assert [s["trigger"] for s in await snapshots_of(clinic.company_id, client_id)] == \
        ["manual"] * 3
    assert later.input_messages == 2


async def test_another_clinics_client_is_never_read_or_written(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    their_client, _ = await patient(other, "Segredo da outra clínica")
    analysts = services.current().analysts
    for db, company in ((await clinic.user(), clinic.company_id),
                        (await clinic.user(), other.company_id),
                        (await service_client(), clinic.company_id)):
        with pytest.raises(Refused) as refused:
            await runs.snapshot(db, analysts, company, their_client, trigger="manual",
                                now=clock.now(), force=True)
        assert refused.value.reason == "not_found"
    assert await snapshots_of(other.company_id, their_client) == []


async def test_the_llm_answers_through_an_openai_compatible_server(fake_llm):
    clinic = await new_clinic()
    client_id, _ = await patient(clinic, "Quero remarcar, achei caro")
    made = await runs.snapshot(await clinic.user(), llm_analysts(fake_llm), clinic.company_id,
                               client_id, trigger="manual", now=clock.now())
    assert (made.analyzer, made.model, made.fallback, made.error) == \
        ("llm", "fake-mini", None, None)
    assert (made.intent, made.risk, made.objections) == \
        ("reschedule", "high", [{"kind": "price", "quote": "achei caro"}])
    assert (made.tokens_in, made.tokens_out) == (TOKENS_IN, TOKENS_OUT)
    prompt_chars = len(fake_llm.requests[0]["body"]["messages"][1]["content"])
    assert (made.input_messages, made.input_chars) == (1, prompt_chars)   # what the LLM got
    assert made.cost_usd == pytest.approx((TOKENS_IN * 0.15 + TOKENS_OUT * 0.60) / 1e6, abs=1e-6)
    [request] = fake_llm.requests
    assert request["authorization"] == "Bearer test-key"
    assert request["body"]["model"] == "fake-mini"
    prompt = request["body"]["messages"][1]["content"]
    assert "Quero remarcar, achei caro" in prompt
    assert request["body"]["response_format"]["type"] == "json_schema"


async def test_a_malformed_answer_gets_one_repair_then_the_rules_answer_with_the_error(fake_llm):
    clinic = await new_clinic()
    client_id, _ = await patient(clinic)
    user, analysts = await clinic.user(), llm_analysts(fake_llm)

    fake_llm.script("malformed", "ok")
    repaired = await runs.snapshot(user, analysts, clinic.company_id, client_id,
                                   trigger="manual", now=clock.now(), force=True)
    assert (repaired.analyzer, repaired.error) == ("llm", None)
    assert repaired.tokens_in == 2 * TOKENS_IN
    assert "does not match the schema" in fake_llm.requests[1]["body"]["messages"][-1]["content"]

    fake_llm.script("missing", "malformed")
    failed = await runs.snapshot(user, analysts, clinic.company_id, client_id,
                                 trigger="manual", now=clock.now(), force=True)
    assert (failed.analyzer, failed.fallback) == ("heuristic", "llm_failed")
    assert failed.error.startswith("malformed_output")
    assert failed.tokens_in == 2 * TOKENS_IN            # what the failed attempts cost
    assert len(fake_llm.requests) == 4


@pytest.mark.parametrize("behaviour, error", [("429", "rate_limited"), ("500", "http_500"),
                                              ("timeout", "timeout")])
async def test_an_unavailable_llm_is_retried_within_bounds_then_the_rules_answer(
        fake_llm, behaviour, error):
    clinic = await new_clinic()
    client_id, _ = await patient(clinic)
    fake_llm.default, fake_llm.hang_s = behaviour, 1.5
    analysts = llm_analysts(fake_llm, timeout_s=0.5, retries=1)
    made = await runs.snapshot(await clinic.user(), analysts, clinic.company_id, client_id,
                               trigger="manual", now=clock.now())
    assert (made.analyzer, made.fallback, made.error) == ("heuristic", "llm_failed", error)
    assert len(fake_llm.requests) == 2                  # one try and one retry, no more
    assert made.summary


async def test_the_monthly_budget_stops_the_llm_and_says_so(fake_llm):
    clinic = await new_clinic()
    client_id, _ = await patient(clinic)
    user, analysts = await clinic.user(), llm_analysts(fake_llm)
    await clinic_config.save(user, "auto", None, TOKENS_IN + TOKENS_OUT + 1, None)

    first = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=clock.now())
    second = await runs.snapshot(user, analysts, clinic.company_id, client_id,
                                 trigger="manual", now=clock.now(), force=True)
    third = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=clock.now(), force=True)
    assert [s.analyzer for s in (first, second, third)] == ["llm", "llm", "heuristic"]
    assert third.fallback == "budget_spent" and third.tokens_in == 0
    assert len(fake_llm.requests) == 2
    assert (await clinic_config.load(user, clinic.company_id)).spent == \
        2 * (TOKENS_IN + TOKENS_OUT)

    await clinic_config.save(user, "heuristic", None, 10_000_000, None)
    ruled = await runs.snapshot(user, analysts, clinic.company_id, client_id, trigger="manual",
                                now=clock.now(), force=True)
    assert (ruled.analyzer, ruled.fallback) == ("heuristic", None)
    assert len(fake_llm.requests) == 2


async def test_a_job_whose_worker_died_is_retried_once_and_never_paid_twice(fake_llm):
    clinic = await new_clinic()
    client_id, conversation_id = await patient(clinic)
    await deliver_queued()
    await conversations.close(await clinic.user(), conversation_id)
    service = await service_client()
    mortal = Worker(services.current(), name="dies-after-storing", lease_s=30)
    mortal.services.analysts = llm_analysts(fake_llm)
    try:
        # It claims the job, stores the snapshot (paid for), and dies before saying "done".
        [job] = [j for j in await JobQueue(service, mortal.name, 30).claim(50)
                 if j.kind == "analyze_client" and j.payload["client_id"] == client_id]
        await mortal.handlers["analyze_client"].run(mortal.services, job)
        assert len(fake_llm.requests) == 1
        await service.table("jobs").update({"locked_until": "2000-01-01T00:00:00Z"}) \
            .eq("id", job.id).execute()

        await Worker(mortal.services, name="takes-over").drain()     # the lease expired

        done = (await service.table("jobs").select("status, attempts").eq("id", job.id)
                .execute()).data[0]
        assert done == {"status": "done", "attempts": 2}
        assert len(await snapshots_of(clinic.company_id, client_id)) == 1
        assert len(fake_llm.requests) == 1                           # not paid twice
    finally:
        mortal.services.analysts = analyzers.build(None)


async def test_the_daily_run_is_planned_once_however_many_workers_ask(app_env):
    clinic = await new_clinic()
    active = [(await patient(clinic, f"Oi {n}", phone=f"+5511977{n:06d}"))[0] for n in range(3)]
    await deliver_queued()
    day = clock.now().replace(year=2100 + clock.now().microsecond % 700, hour=7)
    workers = [Worker(services.current(), name=f"daily-{n}") for n in range(2)]
    planned = [await w.plan_daily(day) for w in workers]
    assert planned[1] is None and planned[0] >= 3
    assert [await w.plan_daily(day) for w in workers] == [None, None]
    assert await workers[0].plan_daily(day.replace(hour=3) + timedelta(days=1)) is None  # too early

    await asyncio.gather(*(w.drain() for w in workers))
    for client_id in active:
        [made] = await snapshots_of(clinic.company_id, client_id)
        assert made["trigger"] == "scheduled"


async def test_workers_of_the_test_harness_never_plan_a_daily_run(app_env):
    assert services.current().settings.omni_analyst_daily is False    # harness/app_env.py
    day = clock.now().replace(year=2800 + clock.now().microsecond % 99, hour=12)
    await Worker(services.current(), name="harnessed").tick(day)
    planned = (await (await service_client()).table("scheduled_runs").select("period")
               .eq("period", day.date().isoformat()).execute()).data
    assert planned == []


async def test_the_clients_risk_follows_its_snapshots_through_a_merge_and_an_erasure(app_env):
    clinic = await new_clinic()
    user, service = await clinic.user(), await service_client()
    kept, _ = await patient(clinic, "Oi")
    merged, _ = await patient(clinic, "Oi de novo")
    await service.table("ai_context_snapshots").insert({
        "company_id": clinic.company_id, "client_id": merged, "summary": "s", "model": "m",
        "trigger": "manual", "important_flags": {"no_show_risk": {"level": "high"}}}).execute()

    async def risk(client_id: str):
        return (await service.table("clients").select("no_show_risk").eq("id", client_id)
                .execute()).data[0]["no_show_risk"]
    assert (await risk(kept), await risk(merged)) == (None, "high")
    await merge.merge(user, kept, merged)
    assert await risk(kept) == "high"
    await privacy.erase(user, kept)
    assert await risk(kept) is None
