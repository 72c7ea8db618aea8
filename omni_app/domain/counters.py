"""Counts of what callers did, kept in the database (`rate_limit_hit`, service role) so every
worker and every restart sees the same numbers: rate limits and sign-in throttles read and add
to them. Keys are ours to choose (`signin:addr:<address>`); anything personal in a key is hashed
first (`hashed`)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from supabase import AsyncClient


@dataclass(frozen=True)
class Count:
    hits: int          # in the current window
    resets_in: int     # seconds until the window ends (0: no window open)


def hashed(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


class Counters:
    def __init__(self, service: AsyncClient):
        self.service = service

    async def add(self, key: str, window_s: int) -> Count:
        return await self._call(key, window_s, 1)

    async def read(self, key: str, window_s: int) -> Count:
        return await self._call(key, window_s, 0)

    async def _call(self, key: str, window_s: int, cost: int) -> Count:
        data = (await self.service.rpc("rate_limit_hit", {
            "p_key": key[:200], "p_window_seconds": window_s, "p_cost": cost}).execute()).data
        return Count(int(data["hits"]), int(data["resets_in"]))


@dataclass(frozen=True)
class Limit:
    """At most `hits` per `window_s` seconds for one key."""
    hits: int
    window_s: int

    async def take(self, counters: Counters, key: str) -> int:
        """Counts one use; 0 when it is within the limit, else the seconds to wait."""
        count = await counters.add(key, self.window_s)
        return 0 if count.hits <= self.hits else max(1, count.resets_in)

    async def exhausted(self, counters: Counters, key: str) -> int:
        """Without counting: the seconds to wait when the limit is already used up, else 0."""
        count = await counters.read(key, self.window_s)
        return max(1, count.resets_in) if count.hits >= self.hits else 0
