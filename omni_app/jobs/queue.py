"""The jobs table through its functions (service role): claim due jobs under a lease, report
how each ended. FOR UPDATE SKIP LOCKED inside `claim_jobs` keeps two workers off one job."""
from __future__ import annotations

from dataclasses import dataclass

from supabase import AsyncClient


@dataclass(frozen=True)
class Job:
    id: str
    company_id: str
    kind: str
    payload: dict
    attempts: int          # this claim included
    max_attempts: int
    last_error: str | None = None

    @property
    def exhausted(self) -> bool:
        """Claimed more often than allowed: its workers kept dying (or it kept failing)."""
        return self.attempts > self.max_attempts


class JobQueue:
    def __init__(self, service: AsyncClient, worker: str, lease_s: int):
        self.service, self.worker, self.lease_s = service, worker, lease_s

    async def claim(self, limit: int) -> list[Job]:
        rows = (await self.service.rpc("claim_jobs", {
            "p_worker": self.worker, "p_limit": limit,
            "p_lease_seconds": self.lease_s}).execute()).data or []
        return [Job(row["id"], row["company_id"], row["kind"], row["payload"], row["attempts"],
                    row["max_attempts"], row["last_error"]) for row in rows]

    async def done(self, job: Job) -> bool:
        return await self._finish(job, "done")

    async def retry(self, job: Job, error: str, after_s: int) -> bool:
        return await self._finish(job, "retry", error, after_s)

    async def dead(self, job: Job, error: str) -> bool:
        return await self._finish(job, "dead", error)

    async def _finish(self, job: Job, outcome: str, error: str | None = None,
                      after_s: int = 0) -> bool:
        """False when this worker no longer holds the job (its lease expired and another
        worker took it over)."""
        return bool((await self.service.rpc("finish_job", {
            "p_job_id": job.id, "p_worker": self.worker, "p_outcome": outcome,
            "p_error": error, "p_retry_in_seconds": after_s}).execute()).data)
