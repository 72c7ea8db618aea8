"""The profile's privacy section (/clients/<id>): whether the client was erased (every member
sees it), and for admins the export links and the erasure, confirmed by typing a word. The
client is the one the page's route names; erasing reloads the profile's own state."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.domain import privacy
from omni_app.state.client_profile import ClientProfileState, client_in
from omni_app.state.session import SessionState


def export_href(client_id: str, fmt: str) -> str:
    return paths.CLIENT_EXPORT.format(client_id=client_id, fmt=fmt) if client_id else ""


class ClientPrivacyState(SessionState):
    privacy_client: str = ""
    erased: bool = False
    erased_when: str = ""        # when, as the reader writes dates
    typed_word: str = ""         # what the admin typed in the confirmation
    privacy_error: str = ""

    @rx.var
    def json_href(self) -> str:
        return export_href(self.privacy_client, "json")

    @rx.var
    def html_href(self) -> str:
        return export_href(self.privacy_client, "html")

    @rx.var
    def erase_word(self) -> str:
        return self.tr["privacy.erase.word"]

    @rx.var
    def type_prompt(self) -> str:
        return self.tr["privacy.erase.type"].format(word=self.tr["privacy.erase.word"])

    @rx.var
    def erased_text(self) -> str:
        return self.tr["privacy.erased"].format(when=self.erased_when)

    @rx.var
    def word_typed(self) -> bool:
        return self.typed_word.strip().casefold() == self.tr["privacy.erase.word"].casefold()

    async def _read(self, user, actor) -> None:
        at = await privacy.erased_at(user, self.privacy_client)
        self.erased, self.erased_when = bool(at), self._local_time(at)

    @rx.event
    async def load_privacy(self):
        """on_mount: the client the route names, and whether they were erased."""
        self.privacy_client = client_in(self.router.url.path)
        self.typed_word = ""
        return (await self._guarded(self._read, errors="privacy.error",
                                    shows="privacy_error")).answer

    @rx.event
    def type_word(self, value: str):
        self.typed_word, self.privacy_error = str(value)[:40], ""

    @rx.event
    def reset_confirmation(self, open_: bool):
        self.typed_word, self.privacy_error = "", ""

    @rx.event
    async def erase(self):
        if not self.word_typed:
            self.privacy_error = self.tr["privacy.error.word"]
            return None

        async def erase(user, actor):
            await privacy.erase(user, self.privacy_client)
        done = await self._guarded(erase, who="admin", errors="privacy.error",
                                   shows="privacy_error", then=self._read)
        self.typed_word = ""
        # the header and sections show the anonymous record from now on
        return ClientProfileState.open_profile if done.done else done.answer
