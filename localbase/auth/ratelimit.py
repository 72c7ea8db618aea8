"""Sliding-window limit on token grants per client IP and account, kept in memory."""
from __future__ import annotations

import time
from collections import deque

from localbase.auth.errors import AuthError
from localbase.context import Context

_EXTRAS_KEY = "auth.token_rate_limiter"


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._hits: dict[tuple[str, str], deque[float]] = {}
        self._last_sweep = time.monotonic()

    def allow(self, key: tuple[str, str]) -> bool:
        """Record an attempt under `key`; False when the window already holds `limit` of them
        (refused attempts are not recorded, so waiting is enough to get through)."""
        now = time.monotonic()
        self._sweep(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

    def _sweep(self, now: float) -> None:
        """Forget keys idle for a whole window so the table does not grow without bound."""
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        idle = [key for key, hits in self._hits.items()
                if not hits or hits[-1] <= now - self.window]
        for key in idle:
            del self._hits[key]


def check_token_rate(ctx: Context, ip: str | None, account: str) -> None:
    """429 over_request_rate_limit once `ip` made too many grant attempts for `account`."""
    limiter = ctx.extras.get(_EXTRAS_KEY)
    if limiter is None:
        limiter = ctx.extras[_EXTRAS_KEY] = SlidingWindowLimiter(ctx.config.token_rate_limit,
                                                                 ctx.config.token_rate_window)
    if not limiter.allow((ip or "", account.lower())):
        raise AuthError(429, "over_request_rate_limit", "Request rate limit reached")
