"""The sign-in guard's pacing and counting, on a clock that moves only when the guard sleeps and
with counts kept in memory (the same calls as the database's `Counters`)."""
from __future__ import annotations

import pytest

from omni_app.domain.counters import Count
from omni_app.domain.refusals import Refused
from omni_app.domain.sign_in_guard import SignInPolicy, account_key, address_key, sign_in

PASSWORD = "the-right-one"


class MemoryCounters:
    def __init__(self):
        self.hits: dict[str, int] = {}

    async def add(self, key: str, window_s: int) -> Count:
        self.hits[key] = self.hits.get(key, 0) + 1
        return await self.read(key, window_s)

    async def read(self, key: str, window_s: int) -> Count:
        hits = self.hits.get(key, 0)
        return Count(hits, window_s if hits else 0)


class Guarded:
    """sign_in with its sleeps recorded: each call's own list in `sleeps`."""

    def __init__(self, policy: SignInPolicy = SignInPolicy(), attempt_takes: float = 0.0,
                 refusal: str = "invalid_credentials"):
        self.policy, self.attempt_takes, self.refusal = policy, attempt_takes, refusal
        self.counters, self.now, self.attempts = MemoryCounters(), 1000.0, 0
        self.sleeps: list[list[float]] = []

    async def _sleep(self, seconds: float) -> None:
        self.sleeps[-1].append(seconds)
        self.now += seconds

    async def _attempt(self, email: str, password: str) -> object:
        self.attempts += 1
        self.now += self.attempt_takes
        if password != PASSWORD:
            raise Refused(self.refusal)
        return {"email": email}

    async def __call__(self, password: str, address: str = "203.0.113.7",
                      email: str = "rita@clinic.example") -> object:
        self.sleeps.append([])
        return await sign_in(email, password, address, attempt=self._attempt,
                             counters=self.counters, policy=self.policy, sleep=self._sleep,
                             clock=lambda: self.now)


async def refused(guard: Guarded, *args, **kwargs) -> str:
    with pytest.raises(Refused) as refusal:
        await guard(*args, **kwargs)
    return refusal.value.reason


async def test_a_wrong_password_answers_no_sooner_than_the_floor():
    guard = Guarded(attempt_takes=0.2)
    assert await refused(guard, "guess") == "invalid_credentials"
    assert guard.sleeps == [[pytest.approx(0.3)]]   # 0.2 s spent asking, 0.3 s padded
    slow = Guarded(attempt_takes=0.8)
    await refused(slow, "guess")
    assert slow.sleeps == [[]]   # already past the floor


async def test_a_right_password_is_not_padded():
    guard = Guarded(attempt_takes=0.2)
    assert await guard(PASSWORD) == {"email": "rita@clinic.example"}
    assert guard.sleeps == [[]]


async def test_an_account_under_attack_answers_slower_up_to_the_cap():
    guard = Guarded(SignInPolicy(account_slowdown_after=2, slowdown_step_s=1.0,
                                 slowdown_max_s=2.5, refused_floor_s=0.0))
    for n in range(7):   # a fresh address each time: only the account's count grows
        await refused(guard, f"guess-{n}", address=f"198.51.100.{n}")
    # Slowed once more than `account_slowdown_after` wrong passwords are on record.
    assert guard.sleeps == [[], [], [], [1.0], [2.0], [2.5], [2.5]]
    # Slowed, not locked: the owner still gets in.
    assert await guard(PASSWORD, address="192.0.2.10") == {"email": "rita@clinic.example"}
    assert guard.sleeps[-1] == [2.5]


async def test_an_address_past_its_limit_is_refused_at_once_without_asking():
    guard = Guarded()
    for n in range(10):
        await refused(guard, f"guess-{n}", email=f"user{n}@clinic.example")
    assert guard.attempts == 10

    with pytest.raises(Refused) as refusal:
        await guard(PASSWORD, email="someone-else@clinic.example")
    assert (refusal.value.reason, refusal.value.detail) == ("rate_limited", "retry in 900 s")
    assert guard.sleeps[-1] == [] and guard.attempts == 10   # not padded, nothing asked


async def test_refusals_other_than_wrong_credentials_are_padded_but_not_counted():
    # Auth's own rate limit, for one: the client is not to blame for it.
    guard = Guarded(refusal="rate_limited")
    assert await refused(guard, "guess") == "rate_limited"
    assert guard.sleeps == [[0.5]] and guard.counters.hits == {}


async def test_wrong_passwords_count_against_the_address_and_the_account():
    guard = Guarded()
    await refused(guard, "guess", address="203.0.113.7", email="Rita@Clinic.example ")
    assert guard.counters.hits == {address_key("203.0.113.7"): 1,
                                   account_key("rita@clinic.example"): 1}


def test_ipv6_clients_are_counted_by_their_64_and_ipv4_by_the_address():
    one = address_key("2001:db8:aa:1::1")
    assert one == address_key("2001:db8:aa:1:ffff:ffff:ffff:fffe")
    assert one == address_key("2001:DB8:AA:1:0:0:0:9")
    assert one != address_key("2001:db8:aa:2::1")
    assert address_key("203.0.113.7") != address_key("203.0.113.8")
    assert address_key("203.0.113.7") == "signin:addr:203.0.113.7"


async def test_rotating_addresses_inside_one_64_buys_no_fresh_attempts():
    guard = Guarded(SignInPolicy(account_slowdown_after=1000, refused_floor_s=0.0))
    for n in range(10):
        await refused(guard, "guess", address=f"2001:db8:aa:1::{n + 1:x}")
    assert await refused(guard, "guess", address="2001:db8:aa:1::ffff") == "rate_limited"
    assert await refused(guard, "guess", address="2001:db8:aa:2::1") == "invalid_credentials"
