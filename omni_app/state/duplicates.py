"""/clients/duplicates: the clinic's suggested duplicate pairs, which of each pair stays, and
the merge (confirmed in the page). Every member; every read and write runs as the signed-in
user through the member guard."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import clock, merge, pipeline
from omni_app.state.duplicate_rows import DuplicatePair, duplicate_pair, kept, merged_away
from omni_app.state.inbox_live import announce
from omni_app.state.inbox_rows import Reader
from omni_app.state.session import SessionState
from omni_app.state.stage_options import StageOption, stage_options


class DuplicatesState(SessionState):
    pairs: list[DuplicatePair] = []
    stages: list[StageOption] = []
    loaded: bool = False
    message: str = ""     # the last merge, said above the list
    error: str = ""       # a refused merge

    @rx.event
    async def open_duplicates(self):
        """on_load: who is this (from the server), then the suggestions."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.message = self.error = ""
        await self._reload(user)

    async def _reload(self, user, actor=None) -> None:
        self.stages = stage_options(await pipeline.stages(user), self.tr)
        now, reader = clock.now(), Reader(self.locale, self.timezone, self.tr)
        self.pairs = [duplicate_pair(pair, now, reader, self.stages)
                      for pair in await merge.duplicates(user)]
        self.loaded = True

    @rx.event
    def choose_keep(self, key: str, client_id: str):
        self.pairs = [kept(row, client_id) if row.key == key else row for row in self.pairs]

    @rx.event
    async def merge_pair(self, key: str):
        row = next((row for row in self.pairs if row.key == key), None)
        if row is None:
            return None
        self.message = ""
        done = await self._guarded(
            lambda user, actor: merge.merge(user, row.keep_id, merged_away(row)),
            errors="merge.error", shows="error", then=self._reload)
        if done.done:
            await announce(self)       # open boards and inboxes of the clinic re-read
            self.message = self.tr["merge.done"].format(merged=row.merge_name,
                                                        kept=row.keep_name)
        return done.answer
