"""The live inbox's shared state: one tiny counter per clinic, shared by every open inbox of it.

Each inbox tab links this state to `clinic-<company id>` in on_load (the id comes from the
signed-in user's profile, never from the browser). When a webhook or a delivery changes a
clinic's conversations, `Services.changed(company_id)` calls the publisher below, which bumps that
clinic's counter; Reflex sends the new value to every linked tab, and each tab refetches its own
data as its own user (RLS), so nothing clinical ever travels through the shared state.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import reflex as rx

from omni_app import services
from omni_app.domain import conversations
from omni_app.domain.conversations import InboxFilter


def clinic_token(company_id: str) -> str:
    return f"clinic-{company_id}"


class InboxLive(rx.SharedState):
    version: int = 0


async def link_to_clinic(state: rx.State, company_id: str) -> int:
    """Links the tab holding `state` to its clinic's counter; the counter's version now."""
    shared = await state.get_state(InboxLive)
    return (await shared._link_to(clinic_token(company_id))).version


async def announce(state: rx.State) -> int:
    """Bumps the clinic's counter from a page's own handler, so the clinic's other open pages
    refetch (`Services.changed` would wait for the very lock the handler holds); the new
    version, which the tab holding `state` already shows. Every page's shell links the tab to
    its clinic (state/alerts.py)."""
    shared = await state.get_state(InboxLive)
    shared.version += 1
    return shared.version


async def tab_user(cookie: str | None):
    """The Supabase client acting as the user a tab's cookie names (None: signed out), for
    background re-reads that run outside the tab's lock."""
    active = await (await services.current().session_store()).resolve(cookie)
    return None if active is None else await services.current().as_user(active.access_token)


async def refetch_when_bumped(state, version: int, start_fetch) -> None:
    """A page's background re-read when the clinic's counter moved to `version`: under the
    tab's lock, only to note the version and read what to fetch (`start_fetch(cookie, seq)`
    makes the fetch coroutine from the state's fields); the fetch runs outside the lock (as the
    tab's own user); the answer is shown unless one that started later is already on screen.
    The state has `loaded`, `_seen_version`, `_seq`, `_shown_seq` and `_show(fetched)`."""
    async with state:
        if not state.loaded or version == state._seen_version:
            return
        state._seen_version = version
        state._seq += 1
        fetching = start_fetch(state._cookie(), state._seq)
    fetched = await fetching
    async with state:
        show_if_newer(state, fetched)


def show_if_newer(state, fetched) -> None:
    """Background fetches overlap: one that started before what is on screen is stale."""
    if fetched is not None and fetched.seq >= state._shown_seq:
        state._show(fetched)


def _not_a_delta_for_a_gone_tab(record: logging.LogRecord) -> bool:
    return "Attempting to send delta to disconnected client" not in record.getMessage()


def make_publisher(app: rx.App):
    """For `Services.publisher`, set in omni_app.py once `app` exists."""
    # Reflex warns for every change it cannot push: to a clinic token (which names a shared
    # state, never a socket) at each message, and to every closed tab still linked to the
    # clinic. Both are normal operation, and the warning floods the log (its id wrapped onto a
    # line of its own), so it is dropped.
    logging.getLogger("reflex.app").addFilter(_not_a_delta_for_a_gone_tab)

    async def publish(company_id: str) -> None:
        token = rx.BaseStateToken(ident=clinic_token(company_id), cls=InboxLive)
        async with app.modify_state(token) as root:
            shared = await root.get_state(InboxLive)
            shared.version += 1

    return publish


@dataclass(frozen=True)
class LiveRequest:
    cookie: str | None
    wanted: InboxFilter
    selected: str
    oldest: tuple
    seq: int = 0
    shown: int = 0             # rows the list shows: the refresh re-reads as many
    complete: bool = True      # the pane shows the conversation from its first message


@dataclass(frozen=True)
class LiveFetch:
    request: LiveRequest
    page: conversations.Page
    thread: dict | None
    messages: list[dict]
    extras: conversations.Extras = conversations.Extras([], {})


async def fetch_live(request: LiveRequest) -> LiveFetch | None:
    """What a live refresh shows, read as the tab's user (None when they signed out); marks the
    open conversation read, as the user is looking at it."""
    user = await tab_user(request.cookie)
    if user is None:
        return None
    page = await conversations.inbox(user, request.wanted, count=True,
                                     limit=conversations.refresh_limit(request.shown))
    thread = await conversations.conversation(user, request.selected) if request.selected else None
    if thread is None:
        return LiveFetch(request, page, None, [])
    messages = await conversations.pane_messages(
        user, request.selected, tuple(request.oldest) if request.oldest else None)
    extras = await conversations.pane_extras(user, request.selected, messages,
                                             complete=request.complete)
    if thread["unread_count"]:
        await conversations.mark_read(user, request.selected)
    return LiveFetch(request, page, thread, messages, extras)
