"""Password sign-ins, throttled by the client's address and by the account, so that guessing is
slow and nobody is locked out.

- An address that gave too many wrong passwords waits (the offender is slowed); another address
  signs in to the same account at once (the account is never locked).
- An account under attack from many addresses answers more slowly, a few seconds at most.
- Every refused attempt takes at least `refused_floor_s`, so an unknown email and a wrong
  password take the same time (no account enumeration by timing).
Counts live in the database (`Counters`), shared by every worker."""
from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from omni_app.domain.counters import Counters, Limit, hashed
from omni_app.domain.refusals import Refused

Attempt = Callable[[str, str], Awaitable[object]]


@dataclass(frozen=True)
class SignInPolicy:
    address: Limit = Limit(hits=10, window_s=900)   # wrong passwords per address, then it waits
    account_slowdown_after: int = 5                 # wrong passwords per account before slowing
    slowdown_step_s: float = 0.5
    slowdown_max_s: float = 3.0
    refused_floor_s: float = 0.5


def address_key(address: str) -> str:
    """IPv6 clients are counted by their /64: one host holds a whole /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"signin:addr:{address[:64]}"
    if ip.version == 6:
        return f"signin:addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"signin:addr:{ip}"


def account_key(email: str) -> str:
    return f"signin:acct:{hashed(email)}"


async def sign_in(email: str, password: str, address: str, *, attempt: Attempt,
                  counters: Counters, policy: SignInPolicy = SignInPolicy(),
                  sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                  clock: Callable[[], float] = time.monotonic):
    """The Supabase session, or Refused (see auth.sign_in; `rate_limited` here too)."""
    started = clock()
    wait = await policy.address.exhausted(counters, address_key(address))
    if wait:
        raise Refused("rate_limited", f"retry in {wait} s")
    account = await counters.read(account_key(email), policy.address.window_s)
    over = account.hits - policy.account_slowdown_after
    if over > 0:
        await sleep(min(policy.slowdown_max_s, over * policy.slowdown_step_s))
    try:
        return await attempt(email, password)
    except Refused as refused:
        if refused.reason == "invalid_credentials":
            await counters.add(address_key(address), policy.address.window_s)
            await counters.add(account_key(email), policy.address.window_s)
        remaining = policy.refused_floor_s - (clock() - started)
        if remaining > 0:
            await sleep(remaining)
        raise
