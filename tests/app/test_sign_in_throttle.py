"""Finding 3: sign-ins are throttled by the client's own address and by the account, without
locking the account, and an unknown email answers as slowly as a wrong password."""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from harness.clinics import new_member
from harness.seed import DEMO_COMPANY
from omni_app import services
from omni_app.api import auth_routes
from omni_app.domain.sign_in_guard import SignInPolicy
from tests.app.conftest import (asgi_client, fresh_services, new_address, new_email,
                                sync_service_client)


@pytest.fixture
def unhurried(monkeypatch):
    """The same limits without the pacing, where time is not what a test is about."""
    monkeypatch.setattr(auth_routes, "SIGN_IN_POLICY",
                        SignInPolicy(refused_floor_s=0.0, slowdown_step_s=0.0))


def reason(response) -> str | None:
    return parse_qs(urlsplit(response.headers["location"]).query).get("error", [None])[0]


async def test_an_attacker_is_slowed_and_the_user_still_signs_in_from_elsewhere(app_env, app_lb):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    attacker, user = new_address(), new_address()
    async with asgi_client(auth_routes.routes, attacker) as http:
        reasons = [reason(await http.post("/api/auth/login",
                                          data={"email": email, "password": f"guess-{n}"}))
                   for n in range(32)]
    assert reasons[:10] == ["invalid_credentials"] * 10
    assert set(reasons[10:]) == {"rate_limited"}
    async with asgi_client(auth_routes.routes, user) as http:
        signed_in = await http.post("/api/auth/login", data={"email": email,
                                                             "password": password})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
    assert services.current().session_cookie() in signed_in.cookies
    # Auth counted (and recorded) the browser's address, not the app server's: its own
    # per-address limit can no longer be spent by strangers for everyone.
    with psycopg.connect(app_lb.admin_dsn) as conn:
        recorded = conn.execute("select host(s.ip) from auth.sessions s join auth.users u "
                                "on u.id = s.user_id where u.email = %s", (email,)).fetchall()
    assert recorded == [(user,)]
    # The attacker, even with the right password, waits out the window.
    async with asgi_client(auth_routes.routes, attacker) as http:
        blocked = await http.post("/api/auth/login", data={"email": email, "password": password})
    assert reason(blocked) == "rate_limited"


async def test_a_forged_forwarded_for_does_not_buy_fresh_attempts(app_env, unhurried):
    email, _, _ = new_member(sync_service_client(), DEMO_COMPANY)
    async with asgi_client(auth_routes.routes) as http:
        reasons = [reason(await http.post(
            "/api/auth/login", data={"email": email, "password": "wrong"},
            headers={"x-forwarded-for": f"198.51.100.{n}"})) for n in range(12)]
    assert reasons[-1] == "rate_limited"


async def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(app_env, unhurried):
    fresh_services(omni_trusted_proxies="10.0.0.0/8")
    try:
        email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
        async with asgi_client(auth_routes.routes, new_address()) as http:  # a 10.x proxy
            for n in range(11):
                await http.post("/api/auth/login", data={"email": email, "password": "bad"},
                                headers={"x-forwarded-for": "203.0.113.50"})
            behind = await http.post("/api/auth/login", data={"email": email,
                                                              "password": password},
                                     headers={"x-forwarded-for": "203.0.113.51"})
        assert behind.status_code == 303 and behind.headers["location"] == "/"
    finally:
        fresh_services()


async def test_an_unknown_email_takes_as_long_as_a_wrong_password(app_env):
    email, _, _ = new_member(sync_service_client(), DEMO_COMPANY)
    floor = SignInPolicy().refused_floor_s
    async with asgi_client(auth_routes.routes) as http:
        for form in ({"email": email, "password": "wrong-password"},
                     {"email": new_email(), "password": "wrong-password"}):
            started = time.monotonic()
            response = await http.post("/api/auth/login", data=form)
            elapsed = time.monotonic() - started
            assert reason(response) == "invalid_credentials"
            assert elapsed >= floor, form  # both wait for the same floor
    # Figures, not assertions: benchmarks/sign_in_timing.py prints the two distributions.


@pytest.mark.parametrize("size", [20_000, 2_000_000])
async def test_an_oversized_sign_in_form_answers_413(app_env, unhurried, size):
    async with asgi_client(auth_routes.routes) as http:
        response = await http.post("/api/auth/login", content=b"a" * size,
                                   headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
