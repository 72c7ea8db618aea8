"""The cookie routes over real HTTP (ASGI) against a real Supabase (localbase)."""
from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from supabase_auth.errors import AuthApiError

from harness.clinics import new_member
from harness.seed import DEMO_ADMIN, DEMO_COMPANY
from omni_app import services
from omni_app.api import auth_routes
from omni_app.api.app import build_api
from omni_app.domain.sessions import token_hash
from omni_app.domain.sign_in_guard import SignInPolicy
from tests.app.conftest import (SEED, anon_client, asgi_client, fresh_services, new_email,
                                service_client, sync_service_client)
from tests.conftest import APP_RATE_LIMIT


@pytest.fixture(autouse=True)
def unhurried(monkeypatch):
    """Pacing and slowing are test_sign_in_throttle.py's subject, not this file's."""
    monkeypatch.setattr(auth_routes, "SIGN_IN_POLICY",
                        SignInPolicy(refused_floor_s=0.0, slowdown_step_s=0.0))


@pytest.fixture
async def http(app_env):
    async with asgi_client(build_api()) as client:
        yield client


def login_form(who: str, next_path: str = "/") -> dict:
    email, password = SEED[who]
    return {"email": email, "password": password, "next": next_path}


async def session_rows(token: str) -> int:
    rows = await (await service_client()).table("app_sessions").select("id") \
        .eq("token_hash", token_hash(token)).execute()
    return len(rows.data)


async def test_sign_in_sets_an_opaque_httponly_cookie_and_redirects(http):
    response = await http.post("/api/auth/login", data=login_form("admin", "/team"),
                               headers={"origin": "http://testserver"})

    assert response.status_code == 303 and response.headers["location"] == "/team"
    set_cookie = response.headers["set-cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie
    assert "Secure" not in set_cookie  # local mode; production adds it
    token = response.cookies[services.current().session_cookie()]
    assert "." not in token and len(token) >= 40  # not a JWT
    assert await session_rows(token) == 1


async def test_production_cookies_are_host_only_secure_and_strict(http):
    fresh_services(omni_env="production")
    try:
        response = await http.post("/api/auth/login", data=login_form("staff"))
    finally:
        fresh_services()
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith("__Host-omni_session=")
    assert all(part in set_cookie for part in ("HttpOnly", "Secure", "Path=/", "SameSite=strict"))
    assert "Domain" not in set_cookie


@pytest.mark.parametrize("form, reason", [
    ({"email": DEMO_ADMIN.email, "password": "wrong-password"}, "invalid_credentials"),
    ({"email": "nobody@demo.clinic", "password": "whatever-123"}, "invalid_credentials"),
    ({"email": "", "password": ""}, "invalid_credentials"),
])
async def test_wrong_credentials_come_back_with_a_reason_and_no_cookie(http, form, reason):
    response = await http.post("/api/auth/login", data={**form, "next": "/team"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?error={reason}&next=%2Fteam"
    assert services.current().session_cookie() not in response.cookies


async def test_a_refused_sign_in_keeps_the_email_and_the_language_picked(http):
    refused = await http.post("/api/auth/login", data={
        "email": DEMO_ADMIN.email, "password": "wrong-password", "next": "/team",
        "lang": "es"})
    query = parse_qs(urlsplit(refused.headers["location"]).query)
    assert query == {"error": ["invalid_credentials"], "next": ["/team"], "lang": ["es"]}
    remembered = services.current().login_email_cookie()
    assert refused.cookies[remembered] == "admin%40demo.clinic"  # read back by LoginState
    set_cookie = refused.headers["set-cookie"]
    assert "HttpOnly" in set_cookie and "Max-Age=600" in set_cookie
    assert "/login?" in refused.headers["location"] and "admin%40" not in refused.headers["location"]

    ignored = await http.post("/api/auth/login", data={**login_form("admin"), "lang": "xx"})
    assert ignored.status_code == 303 and ignored.headers["location"] == "/"


async def test_the_language_picked_on_the_sign_in_page_becomes_the_users(http):
    email, password = new_email(), f"pw-{uuid.uuid4().hex}"
    service = await service_client()
    await service.auth.admin.create_user({"email": email, "password": password,
                                          "email_confirm": True})
    signed_in = await http.post("/api/auth/login", data={
        "email": email, "password": password, "next": "/", "lang": "es"})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
    assert signed_in.cookies.get(services.current().login_email_cookie()) is None
    assert 'omni_login_email=""' in signed_in.headers.get("set-cookie", "") or \
        "omni_login_email=;" in signed_in.headers.get("set-cookie", "")
    row = (await service.table("users").select("locale").eq("email", email).execute()).data
    assert row == [{"locale": "es"}]


async def test_a_form_sent_before_the_page_had_its_state_follows_the_pages_url(http):
    """The hidden `next` and `lang` fields are filled once the page's state arrives; a form
    sent sooner has them empty, and the sign-in page's own URL (Referer) stands in."""
    email, password = new_email(), f"pw-{uuid.uuid4().hex}"
    service = await service_client()
    await service.auth.admin.create_user({"email": email, "password": password,
                                          "email_confirm": True})
    early = {"email": email, "password": password, "next": "", "lang": ""}
    page = "http://testserver/login?next=%2Fteam&lang=es"
    signed_in = await http.post("/api/auth/login", data=early, headers={"referer": page})
    assert signed_in.headers["location"] == "/team"
    row = (await service.table("users").select("locale").eq("email", email).execute()).data
    assert row == [{"locale": "es"}]
    another_page = await http.post("/api/auth/login", data=early,
                                   headers={"referer": "http://testserver/team?next=%2Fteam"})
    assert another_page.headers["location"] == "/"
    another_site = await http.post("/api/auth/login", data=early,
                                   headers={"referer": "http://evil.example/login?next=%2Fteam"})
    assert another_site.status_code == 403  # a cross-site form is refused before all this


async def test_too_many_attempts_are_explained(http):
    form = {"email": f"guess-{uuid.uuid4().hex[:8]}@demo.clinic", "password": "guess-123"}
    reasons = set()
    for _ in range(APP_RATE_LIMIT + 1):
        response = await http.post("/api/auth/login", data=form)
        reasons.add(parse_qs(urlsplit(response.headers["location"]).query)["error"][0])
    assert reasons == {"invalid_credentials", "rate_limited"}


async def test_redirect_target_stays_on_this_site(http):
    response = await http.post("/api/auth/login",
                               data=login_form("staff", "//evil.example/phish"))
    assert response.headers["location"] == "/"


async def test_cross_site_form_posts_are_refused(http):
    response = await http.post("/api/auth/login", data=login_form("admin"),
                               headers={"origin": "http://evil.example"})
    assert response.status_code == 403 and "set-cookie" not in response.headers


async def test_logout_revokes_the_server_session_and_clears_the_cookie(http):
    signed_in = await http.post("/api/auth/login", data=login_form("staff"))
    token = signed_in.cookies[services.current().session_cookie()]
    store = await services.current().session_store()
    active = await store.resolve(token)
    assert active is not None

    response = await http.post("/api/auth/logout")  # the client sends the cookie it got

    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert 'omni_session=""' in response.headers["set-cookie"]
    assert await store.resolve(token) is None
    assert await session_rows(token) == 0
    # The Supabase session behind it is over too: its access token no longer works.
    with pytest.raises(AuthApiError):
        await (await anon_client()).auth.get_user(active.access_token)


async def test_health_reports_version_and_supabase(http):
    response = await http.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0", "supabase": "ok"}


def blocked_member(status: str | None = None, **auth_changes) -> tuple[str, str]:
    """A new Clínica Demo staff member, disabled in the clinic (`status`) or banned by Auth
    (`ban_duration`) before signing in."""
    service = sync_service_client()
    email, password, auth_id = new_member(service, DEMO_COMPANY, label="blocked", **auth_changes)
    if status:
        service.table("users").update({"status": status}).eq("auth_user_id", auth_id).execute()
    return email, password


@pytest.mark.parametrize("changes, reason", [({"status": "disabled"}, "disabled"),
                                             ({"ban_duration": "24h"}, "locked")])
async def test_disabled_and_locked_users_are_told_why_and_get_no_cookie(http, changes, reason):
    email, password = blocked_member(**changes)
    response = await http.post("/api/auth/login", data={"email": email, "password": password})
    assert response.headers["location"] == f"/login?error={reason}&next=%2F"
    assert services.current().session_cookie() not in response.cookies
