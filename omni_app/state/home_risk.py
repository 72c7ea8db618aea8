"""Home's "Send confirmation" on an appointment at high no-show risk: the clinic's approved
confirmation template (domain/confirmations.py picks it and fills its variables) queued on the
client's WhatsApp conversation, marked with the appointment. One such template: one click;
several: a small dialog to choose, each previewed as the client will read it; none: the row
says so and, for admins, links to the templates page.

What happened shows next to the row: the refusal in words, or "queued"; after the re-read the
row shows the confirmation the database holds for the appointment (its delivery status and
time), for every member and every tab, since the message is marked with the appointment."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app.domain import confirmations
from omni_app.domain import message_templates as templates
from omni_app.domain.refusals import Refused
from omni_app.state.home import HomeState
from omni_app.state.inbox_live import announce


@dataclass
class TemplateChoice:
    id: str = ""
    label: str = ""          # name (language)
    preview: str = ""        # the text as this client would get it


def choice(row: dict, facts: dict | None) -> TemplateChoice:
    try:
        preview = templates.render(row["body"], confirmations.variables(
            row["body"], facts or {}, row["language"])) if facts else row["body"]
    except Refused:          # said when it is sent; the body as written meanwhile
        preview = row["body"]
    return TemplateChoice(row["id"], f"{row['name']} ({row['language']})", preview)


class HomeRiskState(HomeState):
    risk_for: str = ""               # the appointment the answer below is about
    risk_error: str = ""
    risk_no_template: bool = False   # the refusal is "no confirmation template"
    risk_message: str = ""           # "queued", said to screen readers too
    choosing: bool = False
    choosing_for: str = ""
    choosing_name: str = ""
    choices: list[TemplateChoice] = []
    chosen: str = ""

    def _name(self, appointment_id: str) -> str:
        return next((row.client_name for row in self.risky if row.id == appointment_id), "")

    async def _send(self, user, appointment_id: str, template_id: str) -> None:
        await confirmations.send(user, appointment_id, template_id)
        await self._reload(user)
        self.risk_message = self.tr["risk.home.queued"].format(name=self._name(appointment_id))

    async def _after_send(self, done):
        if done.done and done.value:
            self._seen_version = await announce(self)   # the clinic's other tabs re-read
        return done.answer

    @rx.event
    async def send_confirmation(self, appointment_id: str):
        """The row's button: sends the clinic's one confirmation template, or offers the
        choice among several."""
        appointment_id = str(appointment_id)
        self.risk_for, self.risk_message, self.risk_no_template = appointment_id, "", False

        async def start(user, actor):
            offered = await confirmations.offered(user, self.locale)
            if not offered:
                self.risk_no_template = True
                raise Refused("no_template")
            if len(offered) == 1:
                await self._send(user, appointment_id, offered[0]["id"])
                return True
            facts = await confirmations.facts(user, appointment_id)
            self.choices = [choice(row, facts) for row in offered]
            self.chosen = self.choices[0].id
            self.choosing_for, self.choosing_name = appointment_id, self._name(appointment_id)
            self.choosing = True
            return False
        return await self._after_send(
            await self._guarded(start, errors="risk.error", shows="risk_error"))

    @rx.event
    def choose(self, template_id: str):
        self.chosen = str(template_id)

    @rx.event
    def set_choosing(self, value: bool):
        self.choosing = bool(value)

    @rx.event
    async def send_chosen(self):
        """The dialog's "Send"."""
        appointment_id = self.choosing_for
        self.risk_for, self.risk_message, self.risk_no_template = appointment_id, "", False
        self.choosing = False

        async def send(user, actor):
            if not self.chosen:
                raise Refused("choose")
            await self._send(user, appointment_id, self.chosen)
            return True
        return await self._after_send(
            await self._guarded(send, errors="risk.error", shows="risk_error"))
