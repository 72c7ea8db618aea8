"""Integrations by public key, for the webhooks, kept for a couple of seconds: under load the
lookup (a REST round trip and a decryption) would otherwise cost as much as storing the message.
Concurrent requests for one key share one lookup; unknown keys are never kept, so a flood of
them cannot grow the table; `last_used_at` is written at most every TOUCH_EVERY_S."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from omni_app.domain.integrations import ResolvedIntegration

RESOLVE_TTL_S = 2.0
MAX_KEPT = 10_000
TOUCH_EVERY_S = 30.0       # last_used_at is for humans; one write per burst is plenty

Lookup = Callable[[str], Awaitable[ResolvedIntegration | None]]


class IntegrationDirectory:
    def __init__(self, lookup: Lookup, clock: Callable[[], float] = time.monotonic):
        self.lookup, self.clock = lookup, clock
        self._kept: dict[str, tuple[float, ResolvedIntegration]] = {}
        self._in_flight: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Task] = {}
        self._last_touch: dict[str, float] = {}

    async def find(self, key: str, fresh: bool = False) -> tuple[ResolvedIntegration | None,
                                                                bool]:
        """The active integration named by `key` and whether it came from what is kept. Lookup
        errors propagate."""
        now = self.clock()
        hit = self._kept.get(key)
        if hit is not None and not fresh and now - hit[0] < RESOLVE_TTL_S:
            return hit[1], True
        found = await self._lookup_once(key)
        if found is None:
            self._kept.pop(key, None)
        else:
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            self._kept[key] = (now, found)
        return found, False

    async def _lookup_once(self, key: str) -> ResolvedIntegration | None:
        flight = (asyncio.get_running_loop(), key)
        task = self._in_flight.get(flight)
        if task is None:
            task = asyncio.ensure_future(self.lookup(key))
            self._in_flight[flight] = task
            task.add_done_callback(lambda _: self._in_flight.pop(flight, None))
        return await asyncio.shield(task)  # one caller giving up must not cancel the others

    def due_for_touch(self, integration_id: str) -> bool:
        now = self.clock()
        if now - self._last_touch.get(integration_id, -TOUCH_EVERY_S) < TOUCH_EVERY_S:
            return False
        self._last_touch[integration_id] = now
        return True
