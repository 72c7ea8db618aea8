"""The profile's "Send message" when WhatsApp's 24-hour window is closed (or the client never
wrote): a dialog offering the clinic's approved templates, one input per `{{n}}` and the text as
the client will get it; sending queues it on the client's WhatsApp conversation (started when
there is none) and opens that conversation in the inbox. Inside the window, the profile's own
`send_message` runs as before."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import paths
from omni_app.domain import client_profile
from omni_app.domain import message_templates as templates
from omni_app.domain.refusals import Refused
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.inbox_live import announce


@dataclass
class SendableTemplate:
    id: str = ""
    label: str = ""          # name (language)
    body: str = ""
    variables: int = 0


@dataclass
class VariableSlot:
    number: int = 1
    label: str = ""          # "Variable 1"
    value: str = ""


def sendable(row: dict) -> SendableTemplate:
    return SendableTemplate(row["id"], f"{row['name']} ({row['language']})", row["body"],
                            templates.variable_count(row["body"]) or 0)


class TemplateSendState(ClientProfileState):
    dialog_open: bool = False
    offered: list[SendableTemplate] = []
    chosen_id: str = ""
    slots: list[VariableSlot] = []
    dialog_error: str = ""

    @rx.var
    def chosen(self) -> SendableTemplate:
        return next((t for t in self.offered if t.id == self.chosen_id), SendableTemplate())

    @rx.var
    def rendered(self) -> str:
        return templates.render(self.chosen.body, [slot.value for slot in self.slots])

    @rx.event
    async def start(self):
        """"Send message": the conversation in the inbox while the window is open; the
        templates dialog when it is closed."""
        async def decide(user, actor):
            client = await client_profile.header(user, self.profile_id)
            if client is None:
                self.found = False
                return False
            if not await templates.needs_template(user, client["id"]):
                return False
            self._offer([sendable(row) for row in await templates.listed(user, True)])
            return True
        done = await self._guarded(decide, errors="client_profile.error", shows="send_error")
        if done.done and not done.value and self.found:
            return ClientProfileState.send_message
        return done.answer

    def _offer(self, offered: list[SendableTemplate]) -> None:
        self.offered, self.dialog_error, self.dialog_open = offered, "", True
        self._choose(offered[0].id if offered else "")

    def _choose(self, template_id: str) -> None:
        self.chosen_id = template_id
        count = next((t.variables for t in self.offered if t.id == template_id), 0)
        self.slots = [VariableSlot(n, self.tr["template_send.variable"].format(n=n))
                      for n in range(1, count + 1)]

    @rx.event
    def choose(self, template_id: str):
        self._choose(template_id)
        self.dialog_error = ""

    @rx.event
    def set_value(self, number: int, value: str):
        self.slots = [VariableSlot(slot.number, slot.label,
                                   value if slot.number == number else slot.value)
                      for slot in self.slots]

    @rx.event
    def set_dialog_open(self, value: bool):
        self.dialog_open = bool(value)

    @rx.event
    async def send(self):
        async def queue(user, actor):
            if not self.chosen_id:
                raise Refused("choose")
            client = await client_profile.header(user, self.profile_id)
            if client is None:
                raise Refused("not_found")
            conversation_id = await client_profile.message_thread(user, client)
            await templates.send(user, conversation_id, self.chosen_id,
                                 [slot.value for slot in self.slots])
            await announce(self)   # open inboxes show the new message
            return conversation_id
        done = await self._guarded(queue, errors="template_send.error", shows="dialog_error")
        if done.done:
            self.dialog_open = False
            return rx.redirect(f"{paths.INBOX}/{done.value}")
        return done.answer
