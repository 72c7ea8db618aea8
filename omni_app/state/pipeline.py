"""/pipeline: the clinic's leads as a board of stages (every member). Reads and moves run as the
signed-in user through the member guard (RLS scopes everything to their clinic).

A move shows at once (the card is moved in the state and sent to the browser) and is then
saved, naming the card's new neighbours; a refusal puts the board back and says why. The tab is
linked to its clinic's live counter like the inbox: a move here, in another tab, on the
profile, through the API or a new lead from a webhook bumps it, and every open board of that
clinic re-reads (as its own user) in the background."""
from __future__ import annotations

import json
from dataclasses import dataclass

import reflex as rx

from omni_app.domain import board, clients, clock, team
from omni_app.domain.clients import ClientFilter
from omni_app.state import board_rows
from omni_app.state.board_rows import ColumnRow
from omni_app.state.client_rows import owner_options
from omni_app.state.client_filters import ClientFilters
from omni_app.state.inbox_live import (announce, link_to_clinic, refetch_when_bumped,
                                       tab_user)
from omni_app.state.inbox_rows import Reader
from omni_app.state.session import SessionState
from omni_app.state.stage_options import StageOption, by_key, shown, stage_options


@dataclass(frozen=True)
class BoardFetch:
    seq: int
    board: board.Board


async def fetch_board(cookie: str | None, seq: int, wanted: ClientFilter,
                      sizes: dict[str, int]) -> BoardFetch | None:
    """The board as the tab's user sees it now (None when they signed out)."""
    user = await tab_user(cookie)
    if user is None:
        return None
    return BoardFetch(seq, await board.board(user, wanted, sizes))


class PipelineState(SessionState, ClientFilters):
    columns: list[ColumnRow] = []
    stages: list[StageOption] = []
    notice: str = ""                   # a refusal, said above the board
    message: str = ""                  # the last move, said to screen readers too
    loaded: bool = False
    _seen_version: int = 0
    _seq: int = 0
    _shown_seq: int = 0

    @rx.var
    def stage_choices(self) -> list[StageOption]:
        return [stage for stage in self.stages if not stage.archived]

    def _filter(self) -> ClientFilter:
        return ClientFilter(**self._shared_filter())

    def _sizes(self) -> dict[str, int]:
        return {column.key: len(column.cards) for column in self.columns}

    async def _as_member(self, action, shows: str = "notice"):
        return await self._guarded(action, errors="pipeline.error", shows=shows)

    def _show(self, fetched: BoardFetch) -> None:
        if not fetched.seq:            # a handler's own read: newer than any in flight
            self._seq += 1
            fetched = BoardFetch(self._seq, fetched.board)
        self._shown_seq = fetched.seq
        self.stages = stage_options(fetched.board.stages, self.tr)
        now, reader = clock.now(), Reader(self.locale, self.timezone, self.tr)
        options = by_key(self.stages)
        self.columns = [board_rows.column_row(column, options[column.stage.key], now, reader)
                        for column in fetched.board.columns]

    async def _reload(self, user, actor=None) -> None:
        self._show(BoardFetch(0, await board.board(user, self._filter(), self._sizes())))

    @rx.event
    async def open_pipeline(self):
        """on_load: who is this (from the server), the board, the clinic's tags, and the
        link to the clinic's live counter."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.notice = self.message = ""
        self.columns = []
        await self._reload(user)
        self.tag_options = await clients.tags(user)
        self.owners = owner_options(await team.members(user))
        self._seen_version = await link_to_clinic(self, self.company_id)
        self.loaded = True

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: refetch, holding the lock only to read and to show."""
        await refetch_when_bumped(self, version, lambda cookie, seq: fetch_board(
            cookie, seq, self._filter(), self._sizes()))

    # -- filters ---------------------------------------------------------------------------

    async def _refilter(self):
        self.columns = []              # the sizes shown no longer apply
        return (await self._as_member(self._reload)).answer

    @rx.event
    async def load_more(self, stage: str):
        column = next((column for column in self.columns if column.key == stage), None)
        if column is None or not column.has_more or not column.cards:
            return
        option = next(option for option in self.stages if option.key == stage)

        async def more(user, actor):
            last = column.cards[-1]
            page = await board.more(user, board.Stage(option.key, None, option.color, 0),
                                    self._filter(), (last.rank, last.id))
            now, reader = clock.now(), Reader(self.locale, self.timezone, self.tr)
            seen = {card.id for card in column.cards}
            added = [board_rows.card_row(card, now, reader) for card in page.rows
                     if card["id"] not in seen]
            self.columns = [board_rows.ColumnRow(**{**each.__dict__,
                                                    "cards": each.cards + added,
                                                    "has_more": page.has_more})
                            if each.key == stage else each for each in self.columns]
        return (await self._as_member(more)).answer

    # -- moves -----------------------------------------------------------------------------

    @rx.event
    async def drop(self, payload: str):
        """From assets/pipeline_dnd.js: {"card": id, "stage": key, "index": n} (n counts the
        target column's cards without the one dragged)."""
        try:
            wanted = json.loads(payload)
            card, stage, index = str(wanted["card"]), str(wanted["stage"]), int(wanted["index"])
        except (ValueError, KeyError, TypeError):
            return
        async for answer in self._move(card, stage, index):
            yield answer

    @rx.event
    async def move_to(self, card: str, stage: str):
        """The card's "Move to…" menu (keyboard and screen readers): the top of `stage`."""
        async for answer in self._move(card, stage, 0):
            yield answer

    async def _move(self, card: str, stage: str, index: int):
        before = self.columns
        after = board_rows.moved(before, card, stage, index)
        if after is None:
            return
        name = next((c.name for column in before for c in column.cards if c.id == card), "")
        self.columns, self.notice, self.message = after, "", ""
        yield
        above, below = board_rows.neighbours(after, card)
        done = await self._as_member(lambda user, actor: board.place(user, card, stage,
                                                                     above, below))
        if not done.done:
            self.columns = before      # refused: the board as it was, and why
            if done.answer is not None:
                yield done.answer
            return
        self.message = self.tr["pipeline.moved"].format(name=name,
                                                        stage=shown(self.stages, stage).name)
        self._seen_version = await announce(self)    # this tab already shows the move

    @rx.event
    def clear_message(self):
        self.message = ""
