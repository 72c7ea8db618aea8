"""Finding 12: a new password (however it is set) or "sign out everywhere" ends every other
browser session at once; the browser that changed the password stays signed in."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from harness.clinics import new_member
from harness.seed import DEMO_COMPANY
from omni_app import services
from omni_app.api import auth_routes
from omni_app.domain.sign_in_guard import SignInPolicy
from tests.app.conftest import (asgi_client, cookie_for, service_client, sign_in,
                                sync_service_client)


@pytest.fixture(autouse=True)
def unhurried(monkeypatch):
    monkeypatch.setattr(auth_routes, "SIGN_IN_POLICY", SignInPolicy(refused_floor_s=0.0))


async def alive(cookie: str) -> bool:
    return await (await services.current().session_store()).resolve(cookie) is not None


def change_form(current: str, new: str, confirm: str | None = None) -> dict:
    return {"current_password": current, "new_password": new,
            "confirm_password": new if confirm is None else confirm}


def error_of(response) -> str | None:
    return parse_qs(urlsplit(response.headers["location"]).query).get("error", [None])[0]


async def test_a_new_password_ends_the_other_browsers_and_keeps_this_one(app_env):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    elsewhere = await cookie_for(email, password)
    here = await cookie_for(email, password)
    async with asgi_client(auth_routes.routes) as http:
        http.cookies.set(services.current().session_cookie(), here)
        changed = await http.post("/api/auth/password",
                                  data=change_form(password, "brand-new-password-1"))
    assert changed.status_code == 303 and changed.headers["location"] == "/account?done=password"
    fresh = changed.cookies[services.current().session_cookie()]
    assert await alive(fresh)
    assert not await alive(elsewhere) and not await alive(here)
    assert await sign_in(email, "brand-new-password-1")


@pytest.mark.parametrize("form, reason", [
    (change_form("not-my-password", "brand-new-password-1"), "invalid_credentials"),
    (change_form("{current}", "short"), "too_short"),
    (change_form("{current}", "brand-new-password-1", "brand-new-password-2"), "mismatch"),
    (change_form("{current}", "{current}"), "same_password"),
])
async def test_a_refused_change_changes_nothing(app_env, form, reason):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    elsewhere = await cookie_for(email, password)
    here = await cookie_for(email, password)
    form = {key: value.replace("{current}", password) for key, value in form.items()}
    async with asgi_client(auth_routes.routes) as http:
        http.cookies.set(services.current().session_cookie(), here)
        refused = await http.post("/api/auth/password", data=form)
    assert error_of(refused) == reason
    assert await alive(elsewhere) and await alive(here)
    assert await sign_in(email, password)


async def test_a_password_set_outside_the_app_ends_every_browser(app_env):
    """An admin resetting it in Supabase's dashboard, or Auth's own API: a database trigger."""
    email, password, auth_id = new_member(sync_service_client(), DEMO_COMPANY)
    cookies = [await cookie_for(email, password) for _ in range(2)]
    await (await service_client()).auth.admin.update_user_by_id(
        auth_id, {"password": "reset-by-an-admin-1"})
    assert [await alive(cookie) for cookie in cookies] == [False, False]


async def test_a_ban_ends_every_browser(app_env):
    email, password, auth_id = new_member(sync_service_client(), DEMO_COMPANY)
    cookie = await cookie_for(email, password)
    await (await service_client()).auth.admin.update_user_by_id(auth_id, {"ban_duration": "1h"})
    assert not await alive(cookie)


async def test_sign_out_everywhere_ends_every_browser(app_env):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    cookies = [await cookie_for(email, password) for _ in range(3)]
    async with asgi_client(auth_routes.routes) as http:
        http.cookies.set(services.current().session_cookie(), cookies[0])
        response = await http.post("/api/auth/logout", data={"scope": "everywhere"})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert [await alive(cookie) for cookie in cookies] == [False, False, False]


async def test_a_plain_sign_out_ends_only_this_browser(app_env):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    here, elsewhere = await cookie_for(email, password), await cookie_for(email, password)
    async with asgi_client(auth_routes.routes) as http:
        http.cookies.set(services.current().session_cookie(), here)
        await http.post("/api/auth/logout")
    assert (await alive(here), await alive(elsewhere)) == (False, True)


async def test_changing_the_password_needs_a_session(app_env):
    async with asgi_client(auth_routes.routes) as http:
        response = await http.post("/api/auth/password", data=change_form("x", "y" * 10))
    assert response.headers["location"] == "/login?next=%2Faccount"
