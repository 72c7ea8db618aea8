"""The composer's "Sugerir resposta": a draft for the open conversation's client, written by the
clinic's analyzer as the signed-in user, put into the composer for staff to edit (never sent by
itself), with a caption saying who drafted it.

An LLM can take seconds: the draft is fetched in the background, outside the tab's lock, so the
inbox keeps working meanwhile. The page puts the text into the composer itself
(assets/composer_suggestion.js: the page policy allows no eval) when `suggestion_seq` moves, and
only into the conversation it was asked for."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import reflex as rx

from omni_app import services
from omni_app.domain import clock, conversations
from omni_app.domain.analyst import replies
from omni_app.domain.analyst.base import Draft
from omni_app.domain.refusals import Refused
from omni_app.state.analyst_rows import why
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_live import tab_user

log = logging.getLogger("omni.suggest")


@dataclass(frozen=True)
class SuggestRequest:
    cookie: str | None
    company_id: str
    user_id: str
    conversation_id: str


@dataclass(frozen=True)
class Suggested:
    request: SuggestRequest
    draft: Draft | None = None
    refused: str = ""           # a reason: not_found, client_erased, failed
    signed_out: bool = False


async def fetch_suggestion(request: SuggestRequest) -> Suggested:
    """The draft, asked for as the tab's user (RLS decides which conversation they may read)."""
    user = await tab_user(request.cookie)
    if user is None:
        return Suggested(request, signed_out=True)
    try:
        thread = await conversations.conversation(user, request.conversation_id)
        if thread is None:
            raise Refused("not_found")
        draft = await replies.suggest(user, services.current().analysts, request.company_id,
                                      thread["client_id"], now=clock.now(),
                                      conversation_id=request.conversation_id,
                                      requested_by=request.user_id or None)
    except Refused as refused:
        return Suggested(request, refused=refused.reason)
    except Exception:   # the button must come back whatever happened
        log.exception("a suggested reply failed")
        return Suggested(request, refused="failed")
    return Suggested(request, draft)


def caption(tr: dict[str, str], draft: Draft) -> str:
    """Who drafted it (the AI and its model, or the rules, and why the AI did not)."""
    if draft.text is None:
        return tr["suggest.none"].format(reason=why(tr, draft.error)
                                         or tr["suggest.none.unknown"])
    if draft.analyzer == "llm":
        return tr["suggest.by_llm"].format(model=draft.model)
    if draft.error:
        return tr["suggest.by_rules_after"].format(reason=why(tr, draft.error))
    return tr["suggest.by_rules"]


class ReplySuggestionState(InboxState):
    suggesting: bool = False
    suggestion_for: str = ""      # the conversation the caption and text belong to
    suggestion_note: str = ""     # who drafted it, or why there is no draft
    suggestion_failed: bool = False
    suggested_text: str = ""
    suggestion_seq: int = 0       # moves once per draft: the page fills the composer

    @rx.event(background=True)
    async def suggest_reply(self):
        async with self:
            request = self._suggest_request()
        if request is None:
            return None
        fetched = await fetch_suggestion(request)
        async with self:
            return self._show_suggestion(fetched)

    def _suggest_request(self) -> SuggestRequest | None:
        if self.suggesting or not self.selected_id or not self.company_id:
            return None
        self.suggesting, self.suggestion_for = True, self.selected_id
        self.suggestion_note, self.suggestion_failed = "", False
        return SuggestRequest(self._cookie(), self.company_id, self.user_id, self.selected_id)

    def _show_suggestion(self, fetched: Suggested):
        self.suggesting = False
        if fetched.signed_out:
            return self._login_redirect()
        if fetched.refused:
            self.suggestion_note = self.tr.get(f"suggest.error.{fetched.refused}") \
                or self.tr["suggest.error.failed"]
            self.suggestion_failed = True
            return None
        draft = fetched.draft
        self.suggestion_note = caption(self.tr, draft)
        self.suggestion_failed = draft.text is None
        if draft.text is not None:
            self.suggested_text = draft.text
            self.suggestion_seq += 1
            self.composer_mode = "reply"    # a draft is a reply to the client, never a note
        return None
