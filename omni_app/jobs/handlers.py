"""What each kind of job does. A handler returns when its work is done, or raises to have the
job tried again later (with backoff); `give_up` runs once a job is past its attempts."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import logging

from omni_app.domain import clock, outbound
from omni_app.domain.analyst import runs
from omni_app.domain.refusals import Refused
from omni_app.jobs.queue import Job
from omni_app.services import Services

log = logging.getLogger("omni.jobs")


@dataclass(frozen=True)
class Handler:
    run: Callable[[Services, Job], Awaitable[None]]
    give_up: Callable[[Services, Job, str], Awaitable[None]]


async def deliver_reply(services: Services, job: Job) -> None:
    """One reply to the clinic's n8n; open inboxes then show where it got to."""
    await outbound.deliver(await services.service(), job.company_id,
                           job.payload["interaction_id"], services.delivery)
    await services.changed(job.company_id)


async def reply_undeliverable(services: Services, job: Job, reason: str) -> None:
    await outbound.give_up(await services.service(), job.company_id,
                           job.payload["interaction_id"], reason)
    await services.changed(job.company_id)


async def analyze_client(services: Services, job: Job) -> None:
    """One client's snapshot; the job's id is its run key, so a retry after a worker died
    finds the snapshot already paid for instead of paying again."""
    try:
        await runs.snapshot(await services.service(), services.analysts, job.company_id,
                            job.payload["client_id"], trigger=job.payload.get("trigger",
                                                                              "scheduled"),
                            now=clock.now(), conversation_id=job.payload.get("conversation_id"),
                            run_key=f"job:{job.id}")
    except Refused as refused:   # erased or merged away since it was queued: nothing to do
        log.info("analysis of a client skipped: %s", refused.reason)
        return
    await services.changed(job.company_id)


async def analysis_abandoned(services: Services, job: Job, reason: str) -> None:
    log.warning("analysis job %s given up: %s", job.id, reason)


HANDLERS: dict[str, Handler] = {
    "deliver_reply": Handler(deliver_reply, reply_undeliverable),
    "analyze_client": Handler(analyze_client, analysis_abandoned),
}
