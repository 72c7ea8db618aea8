"""The inbox's client panel: who the open conversation is with, their stage, owner and tags
(edited in place), next appointment, pinned notes and the analyst's snapshot (refreshed on
request in the background: state/snapshot_refresh.py).

The inbox loads it when it opens a conversation (`_show_client`); afterwards it re-reads by
itself when the clinic's live counter moves (a stage changed on the profile or in another tab),
in the background like the inbox, so the shared lock is never held over HTTP. Its own changes
bump that counter, so the clinic's other open panels follow.

Every read and write runs as the signed-in user through the member guard (RLS), so another
clinic's client reads as not found.
"""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import paths
from omni_app.domain import client_panel, client_profile, clients, clock
from omni_app.state import panel_rows as rows
from omni_app.state import snapshot_refresh
from omni_app.state.inbox_live import InboxLive, announce, tab_user
from omni_app.state.inbox_rows import MemberOption, Reader
from omni_app.state.session import SessionState
from omni_app.state.snapshot_rows import SnapshotRow, snapshot_row
from omni_app.state.stage_options import StageOption, shown, stage_options

NOBODY = "none"   # the owner select's value for nobody (a select item needs a value)


@dataclass(frozen=True)
class LiveRequest:
    cookie: str | None
    client_id: str
    seq: int


@dataclass(frozen=True)
class LiveFetch:
    request: LiveRequest
    panel: client_panel.Panel | None


async def fetch_live(request: LiveRequest) -> LiveFetch | None:
    """The client as the tab's user sees them now (None when they signed out)."""
    user = await tab_user(request.cookie)
    if user is None:
        return None
    return LiveFetch(request, await client_panel.panel(user, request.client_id, clock.now()))


class ClientPanelState(SessionState):
    client_id: str = ""
    loaded: bool = False
    found: bool = False
    card: rows.ClientCard = rows.ClientCard()
    stages: list[StageOption] = []            # the clinic's, archived ones too
    owners: list[MemberOption] = []
    appointment: rows.NextAppointment = rows.NextAppointment()
    pinned: list[rows.PinnedNote] = []
    snapshot: SnapshotRow = SnapshotRow()
    snapshot_busy: bool = False               # an analysis runs for this tab
    snapshot_note: str = ""                   # what the last refresh did
    snapshot_refused: bool = False            # ... and whether it was refused
    editing_tags: bool = False
    field: str = ""                           # what was saved (or refused) last
    message: str = ""                         # said next to that field
    notice: str = ""                          # a refusal, next to that field
    drawer_open: bool = False                 # narrow screens: the panel over the conversation
    # Desk widths: "1" when the member collapsed the panel; kept for the tab.
    collapsed: str = rx.SessionStorage("", name="omni_client_panel_collapsed")
    _seen_version: int = 0
    _seq: int = 0                             # numbers reads, so an older one never wins

    @rx.var
    def profile_href(self) -> str:
        return f"{paths.CLIENTS}/{self.client_id}" if self.client_id else paths.CLIENTS

    @rx.var
    def kind_label(self) -> str:
        return self.tr["clients.kind.lead" if self.card.lead else "clients.kind.patient"]

    @rx.var
    def stage_shown(self) -> StageOption:
        return shown(self.stages, self.card.stage)

    @rx.var
    def stage_choices(self) -> list[StageOption]:
        """Where the client can be moved: the active stages (and the one they are in)."""
        return [stage for stage in self.stages
                if not stage.archived or stage.key == self.card.stage]

    @rx.var
    def owner_value(self) -> str:
        return self.card.owner_id or NOBODY

    @rx.var
    def tags_text(self) -> str:
        return ", ".join(self.card.tags)

    # -- loading ---------------------------------------------------------------------------

    async def _show_client(self, user, client_id: str) -> None:
        """Called by the inbox as it opens a conversation with `client_id`."""
        if client_id != self.client_id:
            self.drawer_open = self.editing_tags = False
            self.field = self.message = self.notice = self.snapshot_note = ""
        self.client_id = client_id
        self._seen_version = (await self.get_state(InboxLive)).version
        await self._load(user)

    async def _load(self, user, actor=None) -> None:
        self._seq += 1    # newer than any live read still in flight
        self._show(await client_panel.panel(user, self.client_id, clock.now()))

    def _show(self, found: client_panel.Panel | None) -> None:
        self.loaded, self.found = True, found is not None
        if found is None:
            return
        reader = Reader(self.locale, self.timezone, self.tr)
        self.card = rows.client_card(found.client)
        self.stages = stage_options(found.stages, self.tr)
        self.owners = rows.owner_options(found.members, self.card.owner_id)
        self.appointment = rows.next_appointment(found.appointment, found.members, reader)
        self.pinned = [rows.pinned_note(row, reader) for row in found.pinned]
        self.snapshot = snapshot_row(found.snapshot, reader)

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: re-read the client, holding the state's lock only to
        read whom to fetch and to show what came back."""
        async with self:
            request = self._live_request(version)
        if request is None:
            return
        fetched = await fetch_live(request)
        async with self:
            self._apply_live(fetched)

    def _live_request(self, version: int) -> LiveRequest | None:
        if not self.client_id or version == self._seen_version:
            return None
        self._seen_version = version
        self._seq += 1
        return LiveRequest(self._cookie(), self.client_id, self._seq)

    def _apply_live(self, fetched: LiveFetch | None) -> None:
        # Signed out (the next action says so), or overtaken by a newer read or another client.
        if fetched is None or fetched.request.seq != self._seq \
                or fetched.request.client_id != self.client_id:
            return
        self._show(fetched.panel)

    async def _announce(self) -> None:
        """Tell the clinic's other open pages (this tab already shows the change)."""
        self._seen_version = await announce(self)

    @rx.event(background=True)
    async def refresh_snapshot(self):
        """"Atualizar análise": the analysis runs outside the tab's lock (it can take
        seconds); the button shows progress meanwhile."""
        async with self:
            request = snapshot_refresh.begin(self, self.client_id)
        if request is None:
            return None
        done = await snapshot_refresh.run(request)
        async with self:
            return snapshot_refresh.finish(self, done, self.client_id)

    # -- changes ---------------------------------------------------------------------------

    async def _change(self, field: str, action):
        """Runs `action` as a member; says the outcome next to `field`, re-reads the client
        whatever happened, and tells the clinic's other pages when it changed something."""
        self.field, self.message = field, ""
        done = await self._guarded(action, errors="client_panel.error", shows="notice",
                                   then=self._load)
        if done.done:
            await self._announce()
        return done.answer

    @rx.event
    async def set_stage(self, value: str):
        async def move(user, actor):
            await clients.move(user, self.client_id, str(value))
            self.message = self.tr["client_panel.stage_saved"].format(
                stage=shown(self.stages, str(value)).name)
        return await self._change("stage", move)

    @rx.event
    async def set_owner(self, value: str):
        owner = None if value == NOBODY else str(value)

        async def change(user, actor):
            await clients.set_owner(user, self.client_id, owner)
            name = next((o.name for o in self.owners if o.id == owner), "")
            self.message = (self.tr["client_panel.owner_saved"].format(name=name) if owner
                            else self.tr["client_panel.owner_cleared"])
        return await self._change("owner", change)

    @rx.event
    def edit_tags(self, value: bool):
        self.editing_tags = bool(value)
        if self.field == "tags":
            self.message = self.notice = ""

    @rx.event
    async def save_tags(self, data: dict):
        async def save(user, actor):
            await client_profile.set_tags(user, self.client_id, str(data.get("tags") or ""))
            self.editing_tags = False
            self.message = self.tr["client_panel.tags_saved"]
        return await self._change("tags", save)

    # -- showing ---------------------------------------------------------------------------

    @rx.event
    def set_drawer(self, value: bool):
        self.drawer_open = bool(value)

    @rx.event
    def toggle_collapsed(self):
        self.collapsed = "" if self.collapsed == "1" else "1"
