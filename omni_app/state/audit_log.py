"""/settings/audit (admins): the clinic's audit log, newest first, a page at a time, filtered by
who, what and which days. Entries are shown in words: the known actions translated (an unknown
one as its key), details as `field: value` lines."""
from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from omni_app.domain import audit_log, clinic_settings, team
from omni_app.state.session import SessionState

ANY = "all"      # a select's "no filter" (Radix items cannot have an empty value)


@dataclass
class Choice:
    value: str = ""
    label: str = ""


@dataclass
class AuditRow:
    id: str = ""
    when: str = ""
    who: str = ""
    action: str = ""
    entity: str = ""
    details: list[str] = field(default_factory=list)


class AuditLogState(SessionState):
    rows: list[AuditRow] = []
    members: list[Choice] = []
    actions: list[Choice] = []
    actor: str = ANY
    action: str = ANY
    since: str = ""
    until: str = ""
    page: int = 1
    has_older: bool = False
    filters_key: int = 0      # the filter form starts afresh when cleared
    error: str = ""
    _after: list[tuple[str, str] | None] = [None]   # the keyset each page starts after

    @rx.var
    def page_label(self) -> str:
        return self.tr["audit.page"].format(n=self.page)

    def _filters(self) -> audit_log.Filters:
        return audit_log.Filters("" if self.actor == ANY else self.actor,
                                 "" if self.action == ANY else self.action,
                                 self.since, self.until)

    def _row(self, entry: dict) -> AuditRow:
        tr = self.tr
        details = entry.get("details") or {}
        days = {day: tr[f"settings.day.{day}"] for day in clinic_settings.DAYS}
        lines = ([f"{tr.get('audit.field.' + key, key)}: {audit_log.readable(value, days)}"
                  for key, value in details.items()] if isinstance(details, dict)
                 else audit_log.detail_lines(details))
        return AuditRow(entry["id"], self._local_time(entry["at"]),
                        entry.get("actor_name") or tr["audit.system"],
                        tr.get(f"audit.action.{entry['action']}", entry["action"]),
                        tr.get(f"audit.entity.{entry['entity']}", entry["entity"]), lines)

    async def _fetch(self, user, actor) -> None:
        after = self._after[self.page - 1]
        found = await audit_log.entries(
            user, self._filters(), audit_log.Cursor(*after) if after else None,
            audit_log.PAGE_SIZE + 1)
        self.has_older = len(found) > audit_log.PAGE_SIZE
        found = found[:audit_log.PAGE_SIZE]
        self.rows = [self._row(entry) for entry in found]
        if self.has_older:
            last = found[-1]
            self._after = [*self._after[:self.page], (last["at"], last["id"])]

    async def _as_admin(self, action):
        return await self._guarded(action, who="admin", errors="audit.error", shows="error")

    @rx.event
    async def open_audit(self):
        return await self._start()

    async def _start(self):
        """Every filter cleared, the members and actions re-read, the newest page."""
        async def load(user, actor):
            self.members = [Choice(m["id"], m.get("full_name") or m.get("email") or "")
                            for m in await team.members(user)]
            self.actions = sorted((Choice(a, self.tr.get(f"audit.action.{a}", a))
                                   for a in await audit_log.actions(user)),
                                  key=lambda c: c.label.casefold())
            await self._first_page(user, actor)
        self.actor, self.action, self.since, self.until = ANY, ANY, "", ""
        self.filters_key += 1
        return (await self._as_admin(load)).answer

    async def _first_page(self, user, actor) -> None:
        self.page, self._after = 1, [None]
        await self._fetch(user, actor)

    @rx.event
    async def apply_filters(self, form: dict):
        self.actor = str(form.get("actor") or ANY)
        self.action = str(form.get("action") or ANY)
        self.since, self.until = str(form.get("since") or ""), str(form.get("until") or "")
        return (await self._as_admin(self._first_page)).answer

    @rx.event
    async def clear_filters(self):
        return await self._start()

    @rx.event
    async def older(self):
        if not self.has_older:
            return None
        self.page += 1
        return (await self._as_admin(self._fetch)).answer

    @rx.event
    async def newer(self):
        self.page = max(1, self.page - 1)
        return (await self._as_admin(self._fetch)).answer
