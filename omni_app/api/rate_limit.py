"""Per-integration token buckets, in memory: a flood from one clinic's webhook key (a replayed
backlog, a looping n8n workflow) waits its turn instead of saturating the database.

In memory means per process: with several workers each enforces its own share. Buckets exist
only for integrations that already resolved and authenticated, so unknown keys cannot grow it.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

# A clinic receives a few messages a minute; bursts come from retries after an outage.
DEFAULT_RATE = 50.0    # tokens per second, sustained
DEFAULT_BURST = 200    # bucket size


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class TokenBucketLimiter:
    rate: float = DEFAULT_RATE
    burst: int = DEFAULT_BURST
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def take(self, key: str) -> float:
        """0 when the request may go on; otherwise the seconds until a token is available."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def reset(self) -> None:
        self._buckets.clear()


def retry_after_header(wait_seconds: float) -> str:
    """Retry-After takes whole seconds; never 0, or clients retry at once."""
    return str(max(1, math.ceil(wait_seconds)))


limiter = TokenBucketLimiter()
