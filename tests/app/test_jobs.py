"""Durable jobs against a real localbase: a reply queued before a restart is delivered after it,
two workers (two processes) never deliver the same reply twice, and a worker killed
mid-delivery leaves its job to another once the lease expires."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from omni_app import services
from omni_app.domain import outbound
from omni_app.jobs.handlers import Handler
from omni_app.jobs.queue import Job, JobQueue
from omni_app.jobs.worker import FIRST_RETRY_S, Worker
from tests.app.clinics import connect, inbound, new_clinic
from tests.app.conftest import deliver_queued, fresh_services, service_client
from tests.app.test_outbound import fast_retries, n8n, stored
from tests.fakes.n8n import FakeN8n

__all__ = ["fast_retries", "n8n"]  # fixtures used here
ROOT = Path(__file__).resolve().parents[2]


async def clinic_with_replies(n8n: FakeN8n, count: int) -> tuple[object, list[str]]:
    clinic = await new_clinic()
    n8n.secret = await connect(clinic, n8n.url)
    conversation = (await inbound(clinic.company_id, "Oi"))["conversation_id"]
    replies = [(await outbound.send(await clinic.user(), conversation, f"resposta {n}"))["id"]
               for n in range(count)]
    return clinic, replies


async def job_of(interaction_id: str) -> dict:
    rows = (await (await service_client()).table("jobs").select("*")
            .eq("dedupe_key", interaction_id).order("created_at").execute()).data
    return rows[-1]


async def test_a_reply_is_queued_with_its_job_and_survives_a_restart(n8n, app_env):
    clinic, [reply] = await clinic_with_replies(n8n, 1)
    job = await job_of(reply)
    assert (job["kind"], job["status"], job["payload"]) == \
        ("deliver_reply", "queued", {"interaction_id": reply})

    fresh_services()  # the process that queued it is gone; a new one starts its worker
    await Worker(services.current()).drain()

    assert (await stored(clinic.company_id, reply))["status"] == "sent"
    assert [r.json["interaction_id"] for r in n8n.requests] == [reply]
    assert (await job_of(reply))["status"] == "done"


async def test_two_workers_never_claim_the_same_job(n8n, app_env):
    _, replies = await clinic_with_replies(n8n, 12)
    service = await service_client()
    first, second = JobQueue(service, "worker-a", 60), JobQueue(service, "worker-b", 60)
    claimed = await asyncio.gather(first.claim(20), second.claim(20))
    ids = [job.id for batch in claimed for job in batch]
    assert len(ids) == len(set(ids))
    mine = {job.payload["interaction_id"] for batch in claimed for job in batch}
    assert set(replies) <= mine
    for queue, batch in zip((first, second), claimed):
        for job in batch:
            assert await queue.done(job)


async def test_an_expired_lease_passes_the_job_on_and_the_late_worker_changes_nothing(
        n8n, app_env):
    await deliver_queued()  # older jobs of other tests out of the way
    clinic, [again] = await clinic_with_replies(n8n, 1)
    dying = JobQueue(await service_client(), "dying-worker", 1)
    [job] = [j for j in await dying.claim(50) if j.payload["interaction_id"] == again]
    await asyncio.sleep(1.5)
    heir = Worker(services.current(), name="heir", lease_s=60)
    await heir.drain()
    assert not await dying.done(job)       # its lease was taken over
    assert (await job_of(again))["status"] == "done" and (await job_of(again))["attempts"] == 2
    assert (await stored(clinic.company_id, again))["status"] == "sent"


async def test_a_job_past_its_attempts_gives_the_reply_up_as_failed(n8n, app_env):
    clinic, [reply] = await clinic_with_replies(n8n, 1)
    service = await service_client()
    await service.table("jobs").update({"attempts": 5}).eq("dedupe_key", reply).execute()
    await deliver_queued()
    failed = await stored(clinic.company_id, reply)
    assert failed["status"] == "failed" and failed["error"].startswith("delivery could not run")
    assert (await job_of(reply))["status"] == "dead" and n8n.requests == []


class UpstreamHiccup(Exception):
    pass


async def lone_job() -> str:
    """A delivery job of a new clinic, alone in the queue (older jobs are run first); its reply
    does not exist, which the handlers these tests give the worker never look at."""
    await deliver_queued()
    clinic = await new_clinic()
    return (await (await service_client()).table("jobs").insert({
        "company_id": clinic.company_id, "kind": "deliver_reply",
        "payload": {"interaction_id": str(uuid.uuid4())}}).execute()).data[0]["id"]


async def job_row(job_id: str) -> dict:
    return (await (await service_client()).table("jobs").select("*").eq("id", job_id)
            .execute()).data[0]


async def make_due(job_id: str) -> None:
    await (await service_client()).table("jobs").update(
        {"run_at": "2000-01-01T00:00:00Z"}).eq("id", job_id).execute()


def waits(job: dict) -> timedelta:
    """How long after the worker's report the job runs again."""
    return datetime.fromisoformat(job["run_at"]) - datetime.fromisoformat(job["updated_at"])


def handler(runs: list[Job], given_up: list[Job], fails_until: int = 0) -> Handler:
    """Records what it is given; raises until the job's `fails_until`th attempt."""
    async def run(_services, job: Job) -> None:
        runs.append(job)
        if job.attempts < fails_until:
            raise UpstreamHiccup("n8n is restarting")

    async def give_up(_services, job: Job, _reason: str) -> None:
        given_up.append(job)

    return Handler(run, give_up)


async def test_a_failing_job_is_retried_later_with_a_growing_backoff(app_env):
    job_id = await lone_job()
    runs: list[Job] = []
    given_up: list[Job] = []
    worker = Worker(services.current(),
                    handlers={"deliver_reply": handler(runs, given_up, fails_until=3)})

    for attempt, backoff in ((1, FIRST_RETRY_S), (2, 2 * FIRST_RETRY_S)):
        await worker.run_due()
        job = await job_row(job_id)
        assert (job["status"], job["attempts"], job["last_error"]) == \
            ("queued", attempt, "UpstreamHiccup")
        assert abs(waits(job) - timedelta(seconds=backoff)) < timedelta(seconds=1)
        await worker.run_due()
        assert (await job_row(job_id))["attempts"] == attempt   # not before its time
        await make_due(job_id)

    await worker.run_due()
    job = await job_row(job_id)
    assert (job["status"], job["attempts"]) == ("done", 3)
    assert [run.attempts for run in runs if run.id == job_id] == [1, 2, 3] and given_up == []


async def test_a_job_of_a_kind_without_a_handler_ends_dead(app_env):
    job_id = await lone_job()
    runs: list[Job] = []
    given_up: list[Job] = []
    worker = Worker(services.current(), handlers={"send_reminder": handler(runs, given_up)})

    await worker.run_due()

    job = await job_row(job_id)
    assert (job["status"], job["last_error"]) == ("dead", "no handler for 'deliver_reply'")
    assert job["finished_at"] is not None and runs == [] and given_up == []
    await worker.run_due()
    assert (await job_row(job_id))["attempts"] == 1   # dead stays dead


def worker_process(lease_s: int) -> subprocess.Popen:
    """`python -m omni_app.jobs` with this test session's environment (same database and
    master key); its output is dropped unless a test reads it."""
    env = {**os.environ, "OMNI_JOB_LEASE_SECONDS": str(lease_s), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "omni_app.jobs"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("timed out")


async def test_two_worker_processes_deliver_each_reply_once(n8n, app_env):
    await deliver_queued()  # this test counts its own replies only
    clinic, replies = await clinic_with_replies(n8n, 30)
    workers = [worker_process(60), worker_process(60)]
    try:
        async def all_sent() -> bool:
            rows = (await (await service_client()).table("interactions").select("status")
                    .in_("id", replies).execute()).data
            return all(row["status"] == "sent" for row in rows)
        await wait_for(all_sent)
    finally:
        for proc in workers:
            proc.terminate()
            proc.wait(10)
    delivered = [request.json["interaction_id"] for request in n8n.requests]
    assert sorted(delivered) == sorted(replies)  # each exactly once


async def test_a_worker_killed_mid_delivery_leaves_the_job_to_another(n8n, app_env):
    await deliver_queued()
    clinic, [reply] = await clinic_with_replies(n8n, 1)
    n8n.stall_next(1, seconds=30)
    doomed = worker_process(5)
    try:
        await asyncio.to_thread(n8n.wait_for, 1, 30)   # it is inside the POST
    finally:
        doomed.kill()
        doomed.wait(10)
    assert (await stored(clinic.company_id, reply))["status"] == "queued"
    heir = worker_process(5)
    try:
        async def sent() -> bool:
            return (await stored(clinic.company_id, reply))["status"] == "sent"
        await wait_for(sent)
    finally:
        heir.terminate()
        heir.wait(10)
    assert [r.json["interaction_id"] for r in n8n.requests] == [reply, reply]
    assert (await job_of(reply))["attempts"] == 2
