"""/settings/templates (admins): the clinic's WhatsApp message templates. Every handler goes
through the admin guard; RLS lets only admins write, a trigger audits each change."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app.domain import message_templates as templates
from omni_app.state.session import SessionState, just_load


@dataclass
class TemplateRow:
    id: str = ""
    name: str = ""
    language: str = ""
    body: str = ""
    status: str = "pending"


def template_row(row: dict) -> TemplateRow:
    return TemplateRow(row["id"], row["name"], row["language"], row["body"], row["status"])


def preview(body: str, sample: str) -> tuple[str, int | None]:
    """The body with each {{n}} as the sample text for n, and how many variables it has
    (None: they are not {{1}}..{{n}})."""
    count = templates.variable_count(body)
    values = [sample.format(n=n) for n in range(1, (count or 0) + 1)]
    return templates.render(body, values), count


class MessageTemplatesState(SessionState):
    rows: list[TemplateRow] = []
    editing_id: str = ""          # the template in the form ("" : a new one)
    draft_body: str = ""          # what the form's text holds, for the preview
    message: str = ""
    error: str = ""
    saved_count: int = 0          # the form starts afresh after each save

    @rx.var
    def editing(self) -> TemplateRow:
        return next((row for row in self.rows if row.id == self.editing_id), TemplateRow())

    @rx.var
    def form_key(self) -> str:
        return f"{self.editing_id}-{self.saved_count}"

    @rx.var
    def preview_text(self) -> str:
        return preview(self.draft_body, self.tr["templates.sample"])[0]

    @rx.var
    def preview_note(self) -> str:
        """How many variables the text has, or what is wrong with them."""
        if not self.draft_body.strip():
            return ""
        count = preview(self.draft_body, "")[1]
        if count is None:
            return self.tr["templates.preview_bad"]
        return self.tr["templates.variables"].format(count=count)

    async def _refresh(self, user, actor) -> None:
        self.rows = [template_row(row) for row in await templates.listed(user)]

    async def _as_admin(self, action):
        self.message = ""
        return await self._guarded(action, who="admin", errors="templates.error",
                                   shows="error", then=self._refresh)

    @rx.event
    async def load(self):
        self.editing_id, self.draft_body = "", ""
        return (await self._as_admin(just_load)).answer

    @rx.event
    def set_draft_body(self, value: str):
        self.draft_body = value

    @rx.event
    async def save(self, form: dict):
        template_id = str(form.get("id") or "") or None
        draft = templates.Draft(str(form.get("name") or ""), str(form.get("language") or ""),
                                str(form.get("body") or ""),
                                str(form.get("status") or "pending"))
        done = await self._as_admin(lambda user, actor: templates.save(
            user, actor.company_id, draft, template_id))
        if done.done:
            self.editing_id, self.draft_body = "", ""
            self.saved_count += 1
            self.message = self.tr["templates.saved"].format(
                name=done.value["name"], language=done.value["language"])
        return done.answer

    @rx.event
    async def set_status(self, template_id: str, status: str):
        done = await self._as_admin(lambda user, actor: templates.set_status(
            user, template_id, status))
        if done.done:
            self.message = self.tr["templates.status_saved"].format(
                name=done.value["name"], language=done.value["language"],
                status=self.tr[f"templates.status.{status}"])
        return done.answer

    @rx.event
    def edit(self, template_id: str):
        self.editing_id, self.message, self.error = template_id, "", ""
        self.draft_body = next((row.body for row in self.rows if row.id == template_id), "")

    @rx.event
    def stop_editing(self):
        self.editing_id, self.draft_body, self.error = "", "", ""

    @rx.event
    async def delete(self, template_id: str):
        done = await self._as_admin(lambda user, actor: templates.delete(user, template_id))
        if done.done:
            if self.editing_id == template_id:
                self.editing_id, self.draft_body = "", ""
            self.message = self.tr["templates.deleted"]
        return done.answer
