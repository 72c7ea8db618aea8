"""Browser tabs of the inbox as Reflex's server holds them, for the state tests: one in-memory
state manager, each event under its locks, the shared-state links Reflex makes."""
from __future__ import annotations

import dataclasses
import uuid
from contextlib import asynccontextmanager
from types import SimpleNamespace

import reflex as rx
from reflex.istate.data import RouterData
from reflex.istate.manager.memory import StateManagerMemory
from reflex_base.event.context import EventContext
from reflex_base.registry import RegistrationContext

from omni_app import services
from omni_app.state import client_panel, snapshot_refresh
from omni_app.state.client_panel import ClientPanelState
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_live import InboxLive, clinic_token, fetch_live


class Server:
    """Browser tabs as Reflex's server holds them. `publish` is what `Services.changed` does in the
    app (without a socket to push to: a tab sees the new version at its next event)."""

    def __init__(self):
        self.manager = StateManagerMemory()
        self.cookies: dict[str, str | None] = {}  # a tab keeps the cookie it connected with

    @asynccontextmanager
    async def running(self):
        # A stand-in app with no socket server: Reflex's fan-out to other tabs then sends nothing.
        registration = dataclasses.replace(RegistrationContext.get(),
                                           _app=SimpleNamespace(event_namespace=None))
        with registration, EventContext(token="", state_manager=self.manager,
                                        enqueue_impl=_nothing):
            yield self

    @asynccontextmanager
    async def event_of(self, cls, token: str, cookie: str | None = None, path: str = "/"):
        """One event of tab `token`: yields its state `cls`, locked and with its links
        patched."""
        cookie = self.cookies.setdefault(token, cookie)
        state_token = rx.BaseStateToken(ident=token, cls=cls)
        async with self.manager.modify_state_with_links(state_token) as root:
            headers = {"cookie": f"{services.current().session_cookie()}={cookie}"} \
                if cookie else {}
            root.router = RouterData.from_router_data(
                {"token": token, "headers": headers, "pathname": path, "asPath": path})
            yield await root.get_state(cls)

    def event(self, token: str, cookie: str | None = None, path: str = "/inbox"):
        """One event of an inbox tab."""
        return self.event_of(InboxState, token, cookie, path)

    async def version(self, token: str) -> int:
        async with self.event(token) as inbox:
            return (await inbox.get_state(InboxLive)).version

    async def publish(self, company_id: str) -> int:
        token = rx.BaseStateToken(ident=clinic_token(company_id), cls=InboxLive)
        async with self.manager.modify_state_with_links(token) as root:
            shared = await root.get_state(InboxLive)
            shared.version += 1
            return shared.version

    async def sync(self, token: str, version: int) -> None:
        """What `sync_live` does, step by step (its lock blocks need a running app)."""
        async with self.event(token) as inbox:
            request = inbox._live_request(version)
        fetched = await fetch_live(request) if request else None
        async with self.event(token) as inbox:
            await inbox._apply_live(fetched)

    def panel(self, token: str):
        """One event of an inbox tab's client panel."""
        return self.event_of(ClientPanelState, token)

    async def sync_panel(self, token: str, version: int) -> None:
        """What the panel's `sync_live` does, step by step."""
        async with self.panel(token) as panel:
            request = panel._live_request(version)
        fetched = await client_panel.fetch_live(request) if request else None
        async with self.panel(token) as panel:
            panel._apply_live(fetched)

    async def refresh_snapshot(self, token: str, cls=ClientPanelState,
                               client_field: str = "client_id"):
        """What a page's `refresh_snapshot` does, step by step: whether the button showed
        progress, and what the last step returned (a redirect when signed out)."""
        async with self.event_of(cls, token) as page:
            request = snapshot_refresh.begin(page, getattr(page, client_field))
            busy = page.snapshot_busy
        if request is None:
            return busy, None
        done = await snapshot_refresh.run(request)
        async with self.event_of(cls, token) as page:
            return busy, snapshot_refresh.finish(page, done, getattr(page, client_field))


async def _nothing(*_args, **_kwargs):
    return None


async def select(inbox: InboxState, conversation_id: str, query: str = ""):
    """A click on a row: the browser goes to /inbox/<id> (a link) and the page's on_load runs."""
    root = inbox
    while root.parent_state is not None:
        root = root.parent_state
    path = f"/inbox/{conversation_id}"
    root.router = RouterData.from_router_data({
        "token": root.router.session.client_token,
        "sid": root.router.session.session_id,
        "headers": dict(root.router.headers.raw_headers), "pathname": path,
        "asPath": path + query})
    return await inbox.open_inbox()


def tab_token() -> str:
    return str(uuid.uuid4())
