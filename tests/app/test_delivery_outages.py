"""A delivery whose outcome cannot be recorded (the database away for a moment) is not lost:
its job runs again and the reply ends sent; and one job that cannot even be recorded does not
stop the rest of its batch."""
from __future__ import annotations

from datetime import datetime, timezone

from omni_app import services
from omni_app.domain import inbound
from omni_app.jobs.handlers import HANDLERS, Handler
from omni_app.jobs.worker import Worker
from tests.app.conftest import service_client
from tests.app.test_jobs import clinic_with_replies, job_of
from tests.app.test_outbound import fast_retries, n8n, stored

__all__ = ["fast_retries", "n8n"]  # fixtures used here


async def due_now(interaction_id: str) -> None:
    """Skips the retry's backoff."""
    now = datetime.now(timezone.utc).isoformat()
    await (await service_client()).table("jobs").update({"run_at": now}) \
        .eq("dedupe_key", interaction_id).execute()


async def test_an_outcome_that_could_not_be_recorded_is_delivered_again(n8n, app_env,
                                                                        monkeypatch):
    clinic, [reply] = await clinic_with_replies(n8n, 1)
    record_status = inbound.record_status
    outage = iter([True])

    async def flaky(*args, **kwargs):
        if next(outage, False):
            raise inbound.StorageUnavailable("database away")
        return await record_status(*args, **kwargs)

    monkeypatch.setattr(inbound, "record_status", flaky)
    worker = Worker(services.current())
    await worker.run_due()
    job = await job_of(reply)
    assert (job["status"], job["last_error"]) == ("queued", "StorageUnavailable")
    assert (await stored(clinic.company_id, reply))["status"] == "queued"

    await due_now(reply)
    await worker.drain()
    assert (await stored(clinic.company_id, reply))["status"] == "sent"
    assert (await job_of(reply))["status"] == "done"
    # n8n saw it twice, with the same idempotency key to tell it is one reply
    assert [r.headers["idempotency-key"] for r in n8n.requests] == [reply, reply]


async def test_a_job_that_cannot_be_recorded_does_not_stop_its_batch(n8n, app_env):
    clinic, replies = await clinic_with_replies(n8n, 3)
    broken = replies[0]
    real = HANDLERS["deliver_reply"]

    async def run(services_, job):
        if job.payload["interaction_id"] == broken:
            raise RuntimeError("handler bug")
        await real.run(services_, job)

    worker = Worker(services.current(), {"deliver_reply": Handler(run, real.give_up)})
    queue = await worker.queue()

    async def cannot_record(job, error, delay_s):
        raise ConnectionError("database away")

    queue.retry = cannot_record
    assert await worker.run_due() >= 3
    for reply in replies[1:]:
        assert (await stored(clinic.company_id, reply))["status"] == "sent"
    assert (await stored(clinic.company_id, broken))["status"] == "queued"
