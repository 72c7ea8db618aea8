"""/clients: the clinic's clients (searched, filtered, sorted, paged by keyset as the list
scrolls) and the dialog that adds or changes one. Every member; every read and write runs as
the signed-in user through the member guard (RLS scopes rows to their clinic)."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import clients, clock, pipeline, team
from omni_app.domain.clients import ClientFilter, ClientInput
from omni_app.domain.refusals import Refused
from omni_app.i18n import formatting as fmt
from omni_app.state.client_rows import (NOBODY, NO_SOURCE, ClientForm, ClientRow, OwnerOption,
                                        client_form, client_row, owner_names, owner_options)
from omni_app.state.inbox_rows import Reader
from omni_app.state.client_filters import ALL, ClientFilters
from omni_app.state.session import SessionState
from omni_app.state.stage_options import StageOption, stage_options



class ClientsState(SessionState, ClientFilters):
    rows: list[ClientRow] = []
    total: int = 0
    has_more: bool = False
    kind: str = ALL
    stage: str = ALL
    sort: str = "name"
    upcoming: bool = False             # only clients with an appointment to come
    form_owners: list[OwnerOption] = []  # the dialog's owner choices (+ an inactive owner kept)
    selected: list[str] = []           # ids of shown clients ticked for a bulk action
    stages: list[StageOption] = []     # the clinic's stages, archived ones too
    notice: str = ""                   # a refusal while listing
    message: str = ""                  # the last save, said next to the list
    editing: bool = False              # the dialog is open
    form: ClientForm = ClientForm()
    form_error: str = ""
    form_taken_id: str = ""            # the client who has the phone/Instagram refused
    form_taken_name: str = ""
    form_key: int = 0                  # a new key starts the dialog's inputs afresh
    _list_end: list = []
    _members: list[dict] = []          # the clinic's members, every status (owners' names)

    @rx.var
    def total_label(self) -> str:
        return fmt.counted(self.tr, "clients.total", self.total, self.locale)

    @rx.var
    def stage_choices(self) -> list[StageOption]:
        return [stage for stage in self.stages if not stage.archived]

    @rx.var
    def cpf_hint(self) -> str:
        """On edit, the stored CPF masked (the input starts blank: blank keeps it)."""
        if not self.form.cpf_masked:
            return ""
        return self.tr["clients.field.cpf_kept"].format(masked=self.form.cpf_masked)

    def _filter(self) -> ClientFilter:
        def chosen(value: str) -> str:
            return "" if value == ALL else value
        return ClientFilter(**self._shared_filter(), kind=chosen(self.kind),
                            stage=chosen(self.stage), sort=self.sort,
                            upcoming=self.upcoming)

    def _refusal_text(self, errors: str, refused: Refused) -> str:
        if isinstance(refused, clients.Taken):
            self.form_taken_id, self.form_taken_name = refused.client_id, refused.detail
            return self.tr[f"clients.error.{refused.reason}"].format(name=refused.detail)
        return super()._refusal_text(errors, refused)

    async def _as_member(self, action, shows: str = "notice"):
        return await self._guarded(action, errors="clients.error", shows=shows)

    # -- list ------------------------------------------------------------------------------

    @rx.event
    async def open_clients(self):
        """on_load: who is this (from the server), then the first page and the clinic's tags."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.notice = self.message = ""
        self.editing = False
        self.stages = stage_options(await pipeline.stages(user), self.tr)
        self._members = await team.members(user)
        self.owners = owner_options(self._members)
        await self._reload(user)
        if self.router.url.query_parameters.get("new") == "1":    # home's "New client"
            self._open_form(ClientForm())

    async def _reload(self, user, actor=None) -> None:
        page = await clients.listed(user, self._filter(), count=True)
        now, reader = clock.now(), Reader(self.locale, self.timezone, self.tr)
        names = owner_names(self._members)
        self.rows = [client_row(row, now, reader, self.stages, names) for row in page.rows]
        shown = {row.id for row in self.rows}
        self.selected = [client_id for client_id in self.selected if client_id in shown]
        self.total, self.has_more = page.total or 0, page.has_more
        self._list_end = (list(clients.list_cursor(page.rows[-1], self.sort))
                          if page.rows else [])
        self.tag_options = await clients.tags(user)

    async def _refilter(self):
        return (await self._as_member(self._reload)).answer

    @rx.event
    async def set_kind(self, value: str):
        self.kind = value if value in clients.KINDS else ALL
        return await self._refilter()

    @rx.event
    async def set_stage(self, value: str):
        self.stage = value if any(stage.key == value for stage in self.stages) else ALL
        return await self._refilter()

    @rx.event
    async def set_upcoming(self, value: bool):
        self.upcoming = bool(value)
        return await self._refilter()

    @rx.event
    async def set_sort(self, value: str):
        self.sort = value if value in clients.SORTS else "name"
        return await self._refilter()

    @rx.event
    async def load_more(self):
        if not self.has_more or not self._list_end:
            return
        return (await self._as_member(self._show_more)).answer

    async def _show_more(self, user, actor) -> None:
        page = await clients.listed(user, self._filter(), after=tuple(self._list_end))
        now, reader = clock.now(), Reader(self.locale, self.timezone, self.tr)
        shown = {row.id for row in self.rows}
        names = owner_names(self._members)
        self.rows = self.rows + [client_row(row, now, reader, self.stages, names)
                                 for row in page.rows if row["id"] not in shown]
        self.has_more = page.has_more
        if page.rows:
            self._list_end = list(clients.list_cursor(page.rows[-1], self.sort))

    # -- create and edit -------------------------------------------------------------------

    @rx.event
    def start_new(self):
        self._open_form(ClientForm())

    @rx.event
    async def start_edit(self, client_id: str):
        async def load(user, actor):
            row = await clients.for_edit(user, client_id)
            if row is None:
                raise Refused("not_found")
            self._open_form(client_form(row))
        return (await self._as_member(load)).answer

    def _open_form(self, form: ClientForm) -> None:
        self.form, self.form_error, self.message = form, "", ""
        self.form_taken_id = self.form_taken_name = ""
        self.form_owners = owner_options(self._members, form.owner_id)
        self.form_key += 1
        self.editing = True

    @rx.event
    def set_editing(self, value: bool):
        self.editing = bool(value)

    @rx.event
    async def save(self, data: dict):
        typed = ClientInput(
            full_name=str(data.get("full_name") or ""), phone=str(data.get("phone") or ""),
            email=str(data.get("email") or ""), birth_date=str(data.get("birth_date") or ""),
            cpf=str(data.get("cpf") or ""), tags=str(data.get("tags") or ""),
            source="" if data.get("source") in (None, NO_SOURCE) else str(data["source"]),
            instagram=str(data.get("instagram") or ""), owner_id=_owner(data.get("owner")))
        client_id = self.form.id or None
        self.form_taken_id = self.form_taken_name = ""
        done = await self._as_member(
            lambda user, actor: clients.save(user, actor.company_id, typed, client_id),
            shows="form_error")
        if not done.done:
            return done.answer
        name = done.value["full_name"]
        self.editing = False
        self.message = self.tr["clients.saved" if client_id else "clients.created"].format(
            name=name)
        return (await self._as_member(self._reload)).answer


def _owner(value) -> str:
    """The owner select's value as the domain takes it ("" : nobody; anything else not an id
    is refused there)."""
    return "" if value in (None, "", NOBODY) else str(value)
