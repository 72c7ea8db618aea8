"""Token buckets in memory, for floods that must not reach the database: a clinic's webhook key
(a replayed backlog, a looping n8n workflow) waits its turn, and an address naming unknown keys
is turned away before each costs a lookup.

In memory means per process: with several workers each enforces its own share. The table holds
at most `max_keys` buckets; idle ones (full again) are dropped first, so a flood of new keys
cannot grow it without bound.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

# A clinic receives a few messages a minute; bursts come from retries after an outage.
DEFAULT_RATE = 50.0    # tokens per second, sustained
DEFAULT_BURST = 200    # bucket size
DEFAULT_MAX_KEYS = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class TokenBucketLimiter:
    rate: float = DEFAULT_RATE
    burst: int = DEFAULT_BURST
    clock: Callable[[], float] = time.monotonic
    max_keys: int = DEFAULT_MAX_KEYS
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def _refilled(self, key: str, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._drop_idle(now)
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        return bucket

    def take(self, key: str) -> float:
        """0 when the request may go on; otherwise the seconds until a token is available."""
        bucket = self._refilled(key, self.clock())
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def waiting(self, key: str) -> float:
        """Like `take` without spending: the seconds until `key` has a token (0: it has one)."""
        bucket = self._buckets.get(key)
        if bucket is None:
            return 0.0
        tokens = min(float(self.burst), bucket.tokens + (self.clock() - bucket.updated) * self.rate)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def _drop_idle(self, now: float) -> None:
        full_after = self.burst / self.rate
        idle = [key for key, bucket in self._buckets.items() if now - bucket.updated >= full_after]
        for key in idle:
            del self._buckets[key]
        if len(self._buckets) >= self.max_keys:  # nobody idle: the oldest half goes
            for key in sorted(self._buckets, key=lambda k: self._buckets[k].updated)[
                    :self.max_keys // 2]:
                del self._buckets[key]

    def __len__(self) -> int:
        return len(self._buckets)


def retry_after_header(wait_seconds: float) -> str:
    """Retry-After takes whole seconds; never 0, or clients retry at once."""
    return str(max(1, math.ceil(wait_seconds)))
