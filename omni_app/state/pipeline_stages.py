"""/pipeline/stages (admins): the clinic's stages — rename, recolor, reorder, add, archive
(moving the stage's clients to another first) and restore. Every change runs as the signed-in
admin through database functions that check the role and write the audit trail; other members'
boards follow through the clinic's live counter."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app.domain import pipeline, stage_counts
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_live import announce
from omni_app.state.session import SessionState


@dataclass
class StageAdminRow:
    key: str = ""
    name: str = ""              # as shown (the label, or the default's translated name)
    placeholder: str = ""       # a default stage's name in the reader's language
    color: str = "gray"
    archived: bool = False
    clients: int = 0
    clients_label: str = ""
    first: bool = False
    last: bool = False
    is_entry: bool = False      # `new`: where new leads land, never archived


class PipelineStagesState(SessionState):
    rows: list[StageAdminRow] = []
    archived_rows: list[StageAdminRow] = []
    notice: str = ""
    message: str = ""
    form_key: int = 0           # a new key resets the forms' uncontrolled inputs
    archiving: str = ""         # the stage whose archive dialog is open
    archive_target: str = ""
    archive_error: str = ""

    @rx.var
    def archiving_row(self) -> StageAdminRow:
        return next((row for row in self.rows if row.key == self.archiving), StageAdminRow())

    @rx.var
    def archive_targets(self) -> list[StageAdminRow]:
        return [row for row in self.rows if row.key != self.archiving]

    async def _as_admin(self, action, shows: str = "notice"):
        return await self._guarded(action, who="admin", errors="pipeline.error", shows=shows,
                                   then=self._load)

    async def _load(self, user, actor=None) -> None:
        stages = await pipeline.stages(user)
        counts = await stage_counts.counts(user, [stage.key for stage in stages])
        active = pipeline.active(stages)
        rows = []
        for stage in stages:
            default = self.tr.get(f"clients.stage.{stage.key}", "") \
                if stage.key in pipeline.DEFAULT_KEYS else ""
            rows.append(StageAdminRow(
                key=stage.key, name=pipeline.name(stage, self.tr), placeholder=default, color=stage.color, archived=stage.archived,
                clients=counts.get(stage.key, 0),
                clients_label=self._counted(counts.get(stage.key, 0)),
                first=bool(active) and stage.key == active[0].key,
                last=bool(active) and stage.key == active[-1].key,
                is_entry=stage.key == "new"))
        self.rows = [row for row in rows if not row.archived]
        self.archived_rows = [row for row in rows if row.archived]
        self.form_key += 1

    def _counted(self, n: int) -> str:
        return fmt.counted(self.tr, "clients.total", n, self.locale)

    async def _changed(self, actor) -> None:
        await announce(self)           # every open board of the clinic re-reads

    @rx.event
    async def open_stages(self):
        """on_load (after require_admin)."""
        self.notice = self.message = ""
        self.archiving = ""
        return (await self._guarded(self._load, who="admin", errors="pipeline.error",
                                    shows="notice")).answer

    @rx.event
    async def save_stage(self, data: dict):
        key = str(data.get("key") or "") or None
        label = " ".join(str(data.get("label") or "").split())
        default = next((row.placeholder for row in self.rows if row.key == key), "")
        if default and label == default:
            label = ""                 # unchanged: keep the name that follows the language

        async def save(user, actor):
            stage = await pipeline.save(user, key, label, str(data.get("color") or "gray"))
            self.message = self.tr["pipeline.stages.saved" if key else "pipeline.stages.added"] \
                .format(name=pipeline.name(stage, self.tr))
            await self._changed(actor)
        self.message = ""
        return (await self._as_admin(save)).answer

    @rx.event
    async def shift(self, key: str, step: int):
        """Moves stage `key` one place up (-1) or down (+1) among the active stages."""
        keys = [row.key for row in self.rows]
        if key not in keys:
            return
        at = keys.index(key)
        to = at + (1 if step > 0 else -1)
        if not 0 <= to < len(keys):
            return
        keys[at], keys[to] = keys[to], keys[at]

        async def reorder(user, actor):
            await pipeline.reorder(user, keys + [row.key for row in self.archived_rows])
            self.message = self.tr["pipeline.stages.reordered"]
            await self._changed(actor)
        self.message = ""
        return (await self._as_admin(reorder)).answer

    @rx.event
    def start_archive(self, key: str):
        self.archiving, self.archive_error = key, ""
        self.archive_target = next((row.key for row in self.rows if row.key != key), "")

    @rx.event
    def set_archive_target(self, key: str):
        self.archive_target = key

    @rx.event
    def close_archive(self, open_: bool = False):
        if not open_:
            self.archiving = ""

    @rx.event
    async def archive(self):
        key, target = self.archiving, self.archive_target

        async def archive(user, actor):
            moved = await pipeline.archive(user, key, target)
            self.message = self.tr["pipeline.stages.archived"].format(count=moved)
            self.archiving = ""
            await self._changed(actor)
        self.message = ""
        return (await self._as_admin(archive, shows="archive_error")).answer

    @rx.event
    async def restore(self, key: str):
        async def restore(user, actor):
            await pipeline.restore(user, key)
            self.message = self.tr["pipeline.stages.restored"]
            await self._changed(actor)
        self.message = ""
        return (await self._as_admin(restore)).answer
