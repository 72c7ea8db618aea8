"""The filters the clients page and the pipeline board share: search, tag, source and owner,
with the choices they offer. A state mixin: each page defines `_refilter()` (read again with the
new filters) and reads the chosen values through `_shared_filter()`."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import clients, search
from omni_app.state.client_rows import NOBODY, OwnerOption

ALL = "all"      # a filter's "everything" value (Radix selects have no empty value)
MINE = "me"      # the owner filter's value for the signed-in member's clients


class ClientFilters(rx.State, mixin=True):
    search: str = ""
    tag: str = ALL
    source: str = ALL
    owner: str = ALL                   # ALL, MINE, NOBODY or a member's id
    owners: list[OwnerOption] = []     # the clinic's active members
    tag_options: list[str] = []        # the clinic's tags

    def _shared_filter(self) -> dict:
        """ClientFilter's search, tag, source and owner fields as chosen."""
        owner = {ALL: "", MINE: self.user_id or NOBODY}.get(self.owner, self.owner)
        return {"search": self.search, "tag": "" if self.tag == ALL else self.tag,
                "source": "" if self.source == ALL else self.source, "owner": owner}

    @rx.event
    async def set_search(self, value: str):
        self.search = str(value)[:search.MAX_TERM]
        return await self._refilter()

    @rx.event
    async def set_tag(self, value: str):
        self.tag = value if value in self.tag_options else ALL
        return await self._refilter()

    @rx.event
    async def set_source(self, value: str):
        self.source = value if value in clients.SOURCES else ALL
        return await self._refilter()

    @rx.event
    async def set_owner(self, value: str):
        known = value in (MINE, NOBODY) or any(owner.id == value for owner in self.owners)
        self.owner = value if known else ALL
        return await self._refilter()
