"""What each kind of job does. A handler returns when its work is done, or raises to have the
job tried again later (with backoff); `give_up` runs once a job is past its attempts."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from omni_app.domain import outbound
from omni_app.jobs.queue import Job
from omni_app.services import Services


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


HANDLERS: dict[str, Handler] = {
    "deliver_reply": Handler(deliver_reply, reply_undeliverable),
}
