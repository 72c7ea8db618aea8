"""A worker: claims due jobs (a batch at a time, under a lease), runs them concurrently, reports
each outcome, and sleeps until its next tick or until something in this process queues work
(`wake`). A job that raises is retried with exponential backoff; past its attempts (or when
its workers kept dying: each claim counts) it is dead and its handler's `give_up` runs. Once a
day, one of the workers (whichever asks first) plans the analyst's daily run."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from datetime import date, datetime

from omni_app.domain import clock
from omni_app.jobs.handlers import HANDLERS, Handler
from omni_app.jobs.queue import Job, JobQueue
from omni_app.services import Services

log = logging.getLogger("omni.jobs")

BATCH = 8
TICK_S = 2.0
FIRST_RETRY_S = 5
# The lease (OMNI_JOB_LEASE_SECONDS, 120 s) must outlast any job: a delivery takes at most
# outbound.Policy's attempts x timeout plus its waits (4 x 10 s + 0.5 + 1 + 2 s today).


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    def __init__(self, services: Services, handlers: dict[str, Handler] | None = None, *,
                 name: str | None = None, lease_s: int | None = None, tick_s: float = TICK_S):
        self.services = services
        self.handlers = HANDLERS if handlers is None else handlers
        self.name, self.tick_s = name or worker_name(), tick_s
        self.lease_s = lease_s or services.settings.omni_job_lease_seconds
        self._woken = asyncio.Event()
        self._queue: JobQueue | None = None
        self._planned: date | None = None

    def wake(self) -> None:
        """Look for jobs now (something was just queued in this process)."""
        self._woken.set()

    async def queue(self) -> JobQueue:
        if self._queue is None:
            self._queue = JobQueue(await self.services.service(), self.name, self.lease_s)
        return self._queue

    async def plan_daily(self, now: datetime) -> int | None:
        """Plans the day's analyst run once its hour has come; every worker asks (once a day
        each), the database lets one of them plan it. How many clients it queued, or None."""
        today = now.date()
        if self._planned == today or now.hour < self.services.settings.omni_analyst_daily_hour_utc:
            return None
        planned = (await (await self.services.service()).rpc(
            "plan_daily_analysis", {"p_day": today.isoformat()}).execute()).data
        self._planned = today
        if planned is not None:
            log.info("job worker %s planned the daily analysis: %s clients", self.name, planned)
        return planned

    async def run_forever(self) -> None:
        log.info("job worker %s started", self.name)
        while True:
            try:
                ran = await self.tick(clock.now())
            except Exception:  # the database away for a moment: try again next tick
                log.exception("job worker %s could not claim jobs", self.name)
                ran = 0
            if ran:
                continue
            try:
                await asyncio.wait_for(self._woken.wait(), self.tick_s)
            except asyncio.TimeoutError:
                pass
            self._woken.clear()

    async def tick(self, now: datetime) -> int:
        """One turn of the loop: the daily plan when it is on and due, then one batch."""
        if self.services.settings.omni_analyst_daily:
            await self.plan_daily(now)
        return await self.run_due()

    async def run_due(self) -> int:
        """Claims and runs one batch of due jobs; how many ran."""
        jobs = await (await self.queue()).claim(BATCH)
        outcomes = await asyncio.gather(*(self._run(job) for job in jobs),
                                        return_exceptions=True)
        for job, outcome in zip(jobs, outcomes):
            if isinstance(outcome, Exception):  # its lease expires and it is claimed again
                log.error("job %s (%s) could not be recorded: %r", job.id, job.kind, outcome)
        return len(jobs)

    async def drain(self) -> None:
        """Runs due jobs until none is left (tests; a command that must finish its work)."""
        while await self.run_due():
            pass

    async def _run(self, job: Job) -> None:
        queue = await self.queue()
        handler = self.handlers.get(job.kind)
        if handler is None:
            await queue.dead(job, f"no handler for {job.kind!r}")
            return
        if job.exhausted:
            reason = job.last_error or f"given up after {job.max_attempts} attempts"
            await handler.give_up(self.services, job, reason[:200])
            await queue.dead(job, reason)
            return
        try:
            await handler.run(self.services, job)
        except Exception as error:
            log.exception("job %s (%s) failed, attempt %d", job.id, job.kind, job.attempts)
            detail = f"{type(error).__name__}"
            await queue.retry(job, detail, FIRST_RETRY_S * 2 ** (job.attempts - 1))
            return
        if not await queue.done(job):
            log.warning("job %s finished after its lease was taken over", job.id)
