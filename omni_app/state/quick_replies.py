"""/settings/quick-replies (admins): the clinic's canned answers. Every handler goes through
the admin guard; RLS lets only admins write."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app.domain import quick_replies
from omni_app.state.session import SessionState, just_load


@dataclass
class QuickReplyRow:
    id: str = ""
    shortcut: str = ""
    body: str = ""


class QuickRepliesState(SessionState):
    replies: list[QuickReplyRow] = []
    editing_id: str = ""          # the reply whose form is open ("" : the new one)
    message: str = ""
    error: str = ""
    saved_count: int = 0          # the forms start afresh after each save

    async def _refresh(self, user, actor) -> None:
        self.replies = [QuickReplyRow(row["id"], row["shortcut"], row["body"])
                        for row in await quick_replies.listed(user)]

    async def _as_admin(self, action):
        self.message = ""
        return await self._guarded(action, who="admin", errors="quick_replies.error",
                                   shows="error", then=self._refresh)

    @rx.event
    async def load(self):
        self.editing_id = ""
        return (await self._as_admin(just_load)).answer

    @rx.event
    async def save(self, form: dict):
        reply_id = str(form.get("id") or "") or None
        done = await self._as_admin(lambda user, actor: quick_replies.save(
            user, actor.company_id, str(form.get("shortcut") or ""),
            str(form.get("body") or ""), reply_id))
        if done.done:
            self.editing_id = ""
            self.saved_count += 1
            self.message = self.tr["quick_replies.saved"].format(
                shortcut=done.value["shortcut"])
        return done.answer

    @rx.event
    def edit(self, reply_id: str):
        self.editing_id, self.message, self.error = reply_id, "", ""

    @rx.event
    def stop_editing(self):
        self.editing_id = ""

    @rx.event
    async def delete(self, reply_id: str):
        done = await self._as_admin(lambda user, actor: quick_replies.delete(user, reply_id))
        if done.done:
            self.message = self.tr["quick_replies.deleted"]
        return done.answer
