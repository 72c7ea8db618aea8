"""/clients/<id>: one client's profile (every member). Every read and write runs as the
signed-in user through the member guard, so another clinic's client (or a malformed id) reads
as not found inside the shell. The analyst's card refreshes on request in the background
(state/snapshot_refresh.py) and re-reads when the clinic's live counter moves (an analysis
finished after a conversation closed)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.channels import phones
from omni_app.domain import client_profile, clients, clock, pipeline, team
from omni_app.domain.analyst import snapshots
from omni_app.i18n import formatting as fmt
from omni_app.state import profile_rows as rows
from omni_app.state import snapshot_refresh
from omni_app.state.client_rows import NOBODY, OwnerOption, owner_options
from omni_app.state.inbox_live import announce, tab_user
from omni_app.state.inbox_rows import Reader
from omni_app.state.session import SessionState
from omni_app.state.snapshot_rows import SnapshotRow, snapshot_row
from omni_app.state.stage_options import StageOption, shown, stage_options


def client_in(path: str) -> str:
    """The client a /clients/<id> path names ("" otherwise)."""
    rest = path.removeprefix(paths.CLIENTS).strip("/")
    return rest if rest and "/" not in rest else ""


class ClientProfileState(SessionState):
    profile_id: str = ""
    loaded: bool = False
    found: bool = False
    name: str = ""
    phone: str = ""                    # national form
    whatsapp: str = ""
    instagram: str = ""
    email: str = ""
    lead: bool = True
    erased: bool = False               # personal data erased (LGPD): nothing personal to edit
    stage: str = "new"
    stages: list[StageOption] = []     # the clinic's stages, archived ones too
    owner: str = NOBODY                # the owner's member id, or NOBODY
    owners: list[OwnerOption] = []     # active members (and the owner, if no longer active)
    tags: list[str] = []
    tags_text: str = ""                # the tags input's starting value
    editing_tags: bool = False
    notes: list[rows.NoteRow] = []
    messages: list[rows.MessageRow] = []
    threads: list[rows.ThreadRow] = []
    upcoming: list[rows.AppointmentRow] = []
    past: list[rows.AppointmentRow] = []
    payments: list[rows.PaymentRow] = []
    paid_total: str = ""
    pending_total: str = ""
    changes: list[rows.ChangeRow] = []
    message: str = ""                  # the last save, said at the top
    notice: str = ""                   # a refusal of a header edit
    note_error: str = ""
    send_error: str = ""
    note_key: int = 0                  # a new key empties the note input
    snapshot: SnapshotRow = SnapshotRow()
    snapshot_busy: bool = False        # an analysis runs for this tab
    snapshot_note: str = ""            # what the last refresh did
    snapshot_refused: bool = False
    _seen_version: int = 0

    @rx.var
    def stage_shown(self) -> StageOption:
        return shown(self.stages, self.stage)

    @rx.var
    def stage_choices(self) -> list[StageOption]:
        """Where the client can be moved: the active stages (and the one they are in)."""
        return [stage for stage in self.stages if not stage.archived or stage.key == self.stage]

    @rx.var
    def kind_label(self) -> str:
        return self.tr["clients.kind.lead" if self.lead else "clients.kind.patient"]

    async def _as_member(self, action, shows: str = "notice", then=None):
        return await self._guarded(action, errors="client_profile.error", shows=shows,
                                   then=then)

    @rx.event
    async def open_profile(self):
        """on_load: who is this (from the server), then every section of the client."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.profile_id = client_in(self.router.url.path)
        self.message = self.notice = self.note_error = self.send_error = ""
        self.snapshot_note, self.editing_tags = "", False
        await self._load(user)

    async def _load(self, user, actor=None) -> None:
        found = await client_profile.profile(user, self.profile_id)
        self.loaded, self.found = True, found is not None
        if found is None:
            return
        reader = Reader(self.locale, self.timezone, self.tr)
        self.stages = stage_options(await pipeline.stages(user), self.tr)
        client = found.client
        self.name = client["full_name"]
        self.phone = phones.display(client.get("phone"))
        self.whatsapp = phones.display("+" + client["whatsapp_id"]) \
            if client.get("whatsapp_id") else ""
        self.instagram = f"@{client['instagram_id']}" if client.get("instagram_id") else ""
        self.email = client.get("email") or ""
        self.lead, self.stage = bool(client["is_lead"]), client["pipeline_stage"]
        self.erased = client.get("erased_at") is not None
        self.owner = client.get("owner_id") or NOBODY
        self.owners = owner_options(await team.members(user), self.owner)
        self.tags = list(client.get("tags") or [])
        self.tags_text = ", ".join(self.tags)
        self.notes = [rows.note_row(row, reader) for row in found.notes]
        self.messages = [rows.message_row(row, reader) for row in found.messages]
        self.threads = [rows.thread_row(row, reader) for row in found.conversations]
        upcoming, past = rows.split_appointments(found.appointments, clock.now())
        self.upcoming = [rows.appointment_row(row, reader) for row in upcoming]
        self.past = [rows.appointment_row(row, reader) for row in past]
        self.payments = [rows.payment_row(row, reader, self.currency) for row in found.payments]
        self.paid_total = fmt.money(found.paid, self.locale, self.currency)
        self.pending_total = fmt.money(found.pending, self.locale, self.currency)
        self.changes = [rows.change_row(row, reader, self.stages) for row in found.changes]
        self.snapshot = snapshot_row(
            await snapshots.latest(user, self.company_id, self.profile_id), reader)

    @rx.event(background=True)
    async def refresh_snapshot(self):
        """"Atualizar análise": the analysis runs outside the tab's lock (it can take
        seconds); the button shows progress meanwhile."""
        async with self:
            request = snapshot_refresh.begin(self, self.profile_id if self.found else "")
        if request is None:
            return None
        done = await snapshot_refresh.run(request)
        async with self:
            return snapshot_refresh.finish(self, done, self.profile_id)

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: re-read the snapshot only (the rest changes by this
        tab's own hand), outside the lock, as the tab's user."""
        async with self:
            if not self.found or version == self._seen_version:
                return
            self._seen_version = version
            cookie, company_id, client_id = self._cookie(), self.company_id, self.profile_id
        user = await tab_user(cookie)
        if user is None:
            return
        shot = await snapshots.latest(user, company_id, client_id)
        async with self:
            if client_id == self.profile_id:
                self.snapshot = snapshot_row(shot, Reader(self.locale, self.timezone, self.tr))

    @rx.event
    async def set_stage(self, value: str):
        async def move(user, actor):
            await clients.move(user, self.profile_id, value)
            await announce(self)   # the inbox's client panel shows it
            self.message = self.tr["client_profile.stage_saved"].format(
                stage=shown(self.stages, value).name)
        self.message = ""
        return (await self._as_member(move, then=self._load)).answer

    @rx.event
    async def set_owner(self, value: str):
        async def change(user, actor):
            owner = None if value == NOBODY else value
            await clients.set_owner(user, self.profile_id, owner)
            await announce(self)
            name = next((option.name for option in self.owners if option.id == owner), "")
            self.message = (self.tr["client_profile.owner_saved"].format(name=name) if owner
                            else self.tr["client_profile.owner_cleared"])
        self.message = ""
        return (await self._as_member(change, then=self._load)).answer

    @rx.event
    def edit_tags(self, value: bool):
        self.editing_tags, self.notice = bool(value), ""

    @rx.event
    async def save_tags(self, data: dict):
        async def save(user, actor):
            await client_profile.set_tags(user, self.profile_id, str(data.get("tags") or ""))
            await announce(self)
            self.editing_tags = False
            self.message = self.tr["client_profile.tags_saved"]
        self.message = ""
        return (await self._as_member(save, then=self._load)).answer

    @rx.event
    async def add_note(self, data: dict):
        async def add(user, actor):
            await client_profile.add_note(user, self.profile_id, str(data.get("body") or ""))
            self.note_key += 1
        return (await self._as_member(add, shows="note_error", then=self._load)).answer

    @rx.event
    async def pin(self, note_id: str, pinned: bool):
        async def change(user, actor):
            await client_profile.pin_note(user, note_id, pinned)
        return (await self._as_member(change, shows="note_error", then=self._load)).answer

    @rx.event
    async def send_message(self):
        """Opens (or continues) the client's WhatsApp conversation in the inbox."""
        async def start(user, actor):
            client = await client_profile.header(user, self.profile_id)
            if client is None:
                self.found = False
                return None
            return await client_profile.message_thread(user, client)
        done = await self._as_member(start, shows="send_error")
        if done.done and done.value:
            return rx.redirect(f"{paths.INBOX}/{done.value}")
        return done.answer
