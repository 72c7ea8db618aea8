"""/clients: the clients ticked in the list and what is done to all of them at once (add or
remove a tag, change the stage, change the owner). Each action is one database call as the
signed-in user through the member guard; then the list is read again, the selection cleared and
what happened said above the list."""
from __future__ import annotations

import reflex as rx
from babel import Locale

from omni_app.domain import client_bulk
from omni_app.i18n import formatting as fmt
from omni_app.state.client_rows import NOBODY
from omni_app.state.clients import ClientsState
from omni_app.state.inbox_live import announce
from omni_app.state.stage_options import shown


def said(tr: dict[str, str], key: str, n: int, locale: str, **values) -> str:
    """`key.zero` / `.one` / `.other` (the language's plural rule) with {count} and `values`."""
    if n == 0 and f"{key}.zero" in tr:
        form = "zero"
    else:
        form = Locale.parse(fmt.babel_locale(locale)).plural_form(n)
    text = tr.get(f"{key}.{form}") or tr[f"{key}.other"]
    return text.format(count=fmt.number(n, locale), **values)


class ClientBulkState(ClientsState):
    bulk_tag: str = ""                 # the tag typed in the bar

    @rx.var
    def selected_label(self) -> str:
        return said(self.tr, "clients.bulk.selected", len(self.selected), self.locale)

    @rx.var
    def all_selected(self) -> bool:
        return bool(self.rows) and len(self.selected) == len(self.rows)

    @rx.event
    def toggle(self, client_id: str, value: bool):
        others = [chosen for chosen in self.selected if chosen != client_id]
        shown_ids = {row.id for row in self.rows}
        self.selected = others + [client_id] if value and client_id in shown_ids else others

    @rx.event
    def toggle_all(self, value: bool):
        self.selected = [row.id for row in self.rows] if value else []

    @rx.event
    def clear_selection(self):
        self.selected = []

    @rx.event
    def set_bulk_tag(self, value: str):
        self.bulk_tag = str(value)[:200]

    async def _apply(self, action, message):
        """Runs `action(user)` (how many clients it changed) on the selection; says
        `message(count)`, clears the selection, reads the list again."""
        async def run(user, actor):
            changed = await action(user, list(self.selected))
            await announce(self)       # open boards and panels of the clinic re-read
            self.message = message(changed)
            self.selected = []
        self.message = ""
        return (await self._guarded(run, errors="clients.error", shows="notice",
                                    then=self._reload)).answer

    @rx.event
    async def add_tag(self):
        tag = " ".join(self.bulk_tag.split())
        done = await self._apply(
            lambda user, ids: client_bulk.add_tag(user, ids, tag),
            lambda n: said(self.tr, "clients.bulk.tagged", n, self.locale, tag=tag))
        if not self.notice:
            self.bulk_tag = ""
        return done

    @rx.event
    async def remove_tag(self):
        tag = " ".join(self.bulk_tag.split())
        done = await self._apply(
            lambda user, ids: client_bulk.remove_tag(user, ids, tag),
            lambda n: said(self.tr, "clients.bulk.untagged", n, self.locale, tag=tag))
        if not self.notice:
            self.bulk_tag = ""
        return done

    @rx.event
    async def move(self, stage: str):
        name = shown(self.stages, stage).name
        return await self._apply(
            lambda user, ids: client_bulk.move(user, ids, stage),
            lambda n: said(self.tr, "clients.bulk.moved", n, self.locale, stage=name))

    @rx.event
    async def change_owner(self, value: str):
        owner = None if value == NOBODY else value
        name = next((option.name for option in self.owners if option.id == owner), "")
        key = "clients.bulk.owned" if owner else "clients.bulk.unowned"
        return await self._apply(
            lambda user, ids: client_bulk.set_owner(user, ids, owner),
            lambda n: said(self.tr, key, n, self.locale, name=name))
