"""Where the webhooks announce that a clinic's conversations changed.

The inbox registers a publisher at start-up (it bumps the clinic's shared Reflex state, so every
open inbox of that clinic refetches); webhooks and jobs call `changed(company_id)` and need not
know about Reflex. Without a publisher (tests, scripts) it does nothing.
"""
from __future__ import annotations

import logging
from typing import Awaitable, Callable

log = logging.getLogger("omni.live")
Publisher = Callable[[str], Awaitable[None]]
_publisher: Publisher | None = None


def register(publisher: Publisher) -> None:
    global _publisher
    _publisher = publisher


async def changed(company_id: str) -> None:
    if _publisher is None:
        return
    try:
        await _publisher(company_id)
    except Exception:  # a failed screen refresh must never fail the webhook that stored data
        log.exception("live inbox update failed for a company")
