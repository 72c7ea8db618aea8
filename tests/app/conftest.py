"""The app's settings pointed at the test session's localbase, and helpers to sign in and to
build Reflex states the way a browser tab would (router headers carrying the cookie)."""
from __future__ import annotations

import base64
import os
import uuid
from contextlib import asynccontextmanager

import httpx
import pytest
import reflex as rx
from starlette.applications import Starlette
from reflex.istate.data import RouterData

from omni_app import runtime, supa
from omni_app.domain import auth
from omni_app.settings import get_settings

SEED = {"admin": ("admin@demo.clinic", "omni-demo-admin"),
        "staff": ("staff@demo.clinic", "omni-demo-staff"),
        "other": ("admin@other.clinic", "omni-other-admin")}


@pytest.fixture(scope="session")
def app_env(app_lb):
    """Process env as the app sees it in tests; restored afterwards."""
    values = {**app_lb.env(), "OMNI_ENV": "local",
              "OMNI_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
              "OMNI_PUBLIC_URL": "http://testserver"}
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    _reset_singletons()
    yield values
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    _reset_singletons()


def _reset_singletons() -> None:
    get_settings.cache_clear()
    runtime._store = None
    supa._service = None


async def cookie_for(email: str, password: str) -> str:
    """Sign in like the login route does; returns the opaque cookie value."""
    session = await auth.sign_in(email, password)
    return await (await runtime.session_store()).create(session, "pytest", "127.0.0.1")


def tab(state_cls, cookie: str | None = None, path: str = "/"):
    """A state instance as a browser tab on `path` would have it."""
    root = rx.State(_reflex_internal_init=True)
    headers = {"cookie": f"{runtime.SESSION_COOKIE}={cookie}"} if cookie else {}
    root.router = RouterData.from_router_data({"headers": headers, "pathname": path,
                                               "asPath": path})
    return root.get_substate(state_cls.get_full_name().split(".")[1:])


def new_email() -> str:
    return f"member-{uuid.uuid4().hex[:10]}@test.clinic"


@asynccontextmanager
async def asgi_client(routes):
    """Real HTTP requests into `routes`, in process (no server to start)."""
    app = Starlette(routes=list(routes))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as client:
        yield client
