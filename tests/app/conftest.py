"""The app's Services pointed at the test session's localbase (built by harness/app_env.py, as
the composition root builds them for the app; `fresh_services(**settings)` builds them anew, as
a restarted process has them), the demo seed's logins (`SEED`), and helpers to sign in, to run
the job worker, and to build Reflex states the way a browser tab would (router headers carrying
the cookie)."""
from __future__ import annotations

import functools
import ipaddress
import itertools
import os
import uuid
from contextlib import asynccontextmanager
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import reflex as rx
from starlette.applications import Starlette
from supabase import Client, create_client
from reflex.istate.data import RouterData

from harness.app_env import env_for, install_services as fresh_services
from harness.seed import DEMO_ADMIN, DEMO_STAFF, OTHER_ADMIN
from omni_app import services
from omni_app.domain import account_links, auth, team
from omni_app.jobs.worker import Worker

SEED = {"admin": DEMO_ADMIN, "staff": DEMO_STAFF, "other": OTHER_ADMIN}


@pytest.fixture(scope="session")
def app_env(app_lb):
    """Process env as the app sees it in tests, with Services installed from it; restored
    afterwards."""
    values = env_for(app_lb, public_url="http://testserver")
    saved = {key: os.environ.get(key) for key in values}
    fresh_services(values)
    yield values
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


async def service_client():
    return await services.current().service()


@functools.lru_cache(maxsize=4)
def _sync_service(url: str, key: str) -> Client:
    return create_client(url, key)


def sync_service_client() -> Client:
    """The service role through the synchronous client, for harness/clinics.py's builders."""
    settings = services.current().settings
    return _sync_service(settings.supabase_url,
                         settings.supabase_service_role_key.get_secret_value())


async def anon_client():
    return await services.current().anon()


async def as_user(access_token: str):
    return await services.current().as_user(access_token)


async def deliver_queued() -> None:
    """Runs due jobs (reply deliveries) until none is left, as an app process's worker would."""
    await Worker(services.current()).drain()


async def sign_in(email: str, password: str):
    """A Supabase session for a test user (no throttle: tests sign in a lot)."""
    return await auth.sign_in(await anon_client(), email, password)


async def cookie_for(email: str, password: str) -> str:
    """Sign in like the login route does; returns the opaque cookie value."""
    session = await sign_in(email, password)
    return await (await services.current().session_store()).create(session, "pytest", "127.0.0.1")


async def joined_member(admin_user, role: str = "staff",
                        full_name: str = "Recepção") -> tuple[str, str]:
    """A new address invited by the admin behind `admin_user` (a temporary password), with a
    password of its own chosen, signed in and joined: (email, cookie)."""
    email = new_email()
    invitation = await team.invite(admin_user, await service_client(), email, full_name, role)
    first = await sign_in(email, invitation.temporary_password)
    own = f"own-{uuid.uuid4().hex}"
    await account_links.set_own_password(await service_client(), first.user.id, own)
    cookie = await cookie_for(email, own)
    active = await (await services.current().session_store()).resolve(cookie)
    member = await as_user(active.access_token)
    [offer] = await team.my_invitations(member)
    await team.accept(member, offer["id"])
    return email, cookie


def invitation_token(email: str) -> str:
    """The token_hash of the latest invitation e-mailed to `email` (localbase's mailbox)."""
    answer = httpx.get(f"{os.environ['LOCALBASE_MAILBOX_URL']}/api/v1/message/latest",
                       params={"to": email})
    answer.raise_for_status()
    [link] = [link for link in answer.json()["links"] if "token_hash=" in link]
    return parse_qs(urlsplit(link).query)["token_hash"][0]


async def join_link(email: str, password: str) -> str:
    """Follow the invitation e-mailed to `email`, choosing `password`; a signed-in cookie."""
    session = await account_links.redeem(await anon_client(), "invite", invitation_token(email))
    await account_links.set_own_password(await service_client(), session.user.id, password)
    return await cookie_for(email, password)


def tab(state_cls, cookie: str | None = None, path: str = "/"):
    """A state instance as a browser tab on `path` would have it."""
    root = rx.State(_reflex_internal_init=True)
    headers = {"cookie": f"{services.current().session_cookie()}={cookie}"} if cookie else {}
    root.router = RouterData.from_router_data({"headers": headers, "pathname": path,
                                               "asPath": path})
    return root.get_substate(state_cls.get_full_name().split(".")[1:])


def new_email() -> str:
    return f"member-{uuid.uuid4().hex[:10]}@test.clinic"


_addresses = itertools.count(1)


def new_address() -> str:
    """A client address no other test uses: throttles count per address, in the database."""
    return str(ipaddress.ip_address("10.64.0.0") + next(_addresses))


@asynccontextmanager
async def asgi_client(routes_or_app, address: str | None = None):
    """Real HTTP requests into a list of routes or an ASGI app, in process (no server to start),
    from a client address of their own."""
    app = (Starlette(routes=list(routes_or_app)) if isinstance(routes_or_app, list)
           else routes_or_app)
    transport = httpx.ASGITransport(app=app, client=(address or new_address(), 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def server():
    """Inbox tabs as the server holds them (tests/app/inbox_tabs.py)."""
    from tests.app.inbox_tabs import Server
    async with Server().running() as running:
        yield running


@pytest.fixture
async def http(app_env):
    """The app's HTTP API in process (real routes, real localbase); queued replies delivered
    afterwards so none is left for the next test."""
    from omni_app.api.app import build_api
    async with asgi_client(build_api()) as client:
        yield client
    await deliver_queued()
