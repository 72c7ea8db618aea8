"""The home page: the clinic's counters, today's appointments (confirm or mark a no-show in one
click), the charts and, for a new clinic, its getting-started checklist, all read in one round
trip (domain/dashboard.py) as the signed-in user and kept live.

Like the inbox, the tab links `InboxLive` to its clinic in on_load; when the clinic's counter
moves (a webhook, a reply, another tab) the page calls `sync_live`, which refetches in the
background (as the tab's own user) so the state's lock is never held over HTTP; a fetch that
started before what is on screen never replaces it.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from omni_app import paths
from omni_app.domain import clock, dashboard, home, no_show_watch
from omni_app.i18n import formatting
from omni_app.state import dashboard_rows as rows
from omni_app.state import risk_rows
from omni_app.state.dashboard_rows import Chart, TodayRow
from omni_app.state.inbox_live import (announce, link_to_clinic, refetch_when_bumped,
                                       show_if_newer, tab_user)
from omni_app.state.inbox_rows import Reader
from omni_app.state.risk_rows import RiskRow
from omni_app.state.session import SessionState

COUNTERS = home.COUNTERS
STEP_LINKS = {"channel": paths.INTEGRATIONS, "team": paths.TEAM, "services": paths.SERVICES}


@dataclass
class ChecklistStep:
    key: str
    done: bool
    href: str            # where an admin does it ("" when no page does it yet)


@dataclass(frozen=True)
class HomeFetch:
    seq: int
    board: dashboard.Dashboard | None
    risky: list[no_show_watch.RiskyAppointment] = field(default_factory=list)


async def read_home(user, seq: int) -> HomeFetch:
    board, risky = await asyncio.gather(dashboard.dashboard(user), no_show_watch.upcoming(user))
    return HomeFetch(seq, board, risky)


async def fetch_home(cookie: str | None, seq: int) -> HomeFetch | None:
    """What the home page shows, read as the tab's user (None when they signed out)."""
    user = await tab_user(cookie)
    if user is None:
        return None
    return await read_home(user, seq)


class HomeState(SessionState):
    counters: dict[str, str] = {}
    revenue_shown: bool = True
    staff_sees_revenue: bool = False          # the clinic's setting (admins change it)
    steps: list[ChecklistStep] = []
    checklist_shown: bool = False
    settings_error: str = ""
    today: list[TodayRow] = []
    today_full: bool = False                  # the day has more than the list shows
    today_error: str = ""                     # a refused change, said above the list
    today_message: str = ""                   # the last change, said to screen readers too
    risky: list[RiskRow] = []                 # the next 7 days' high no-show risk visits
    messages_chart: Chart = Chart()
    leads_chart: Chart = Chart()
    funnel_chart: Chart = Chart()
    no_shows_chart: Chart = Chart()
    revenue_chart: Chart = Chart()
    loaded: bool = False
    _seen_version: int = 0
    _seq: int = 0                             # numbers reads, so an older one never wins
    _shown_seq: int = 0

    @rx.var
    def notice(self) -> str:
        """Why this tab was sent home (`?notice=admin_only`)."""
        return self._query_message("notice", "home.notice.{}")

    @rx.var
    def steps_done(self) -> str:
        done = sum(1 for step in self.steps if step.done)
        return self.tr["home.start.progress"].format(done=done, total=len(self.steps))

    @rx.event
    async def load_counters(self):
        """on_load of /: the counters and checklist."""
        async def load(user, actor):
            self.today_error = self.today_message = ""
            await self._reload(user)
            if self.is_admin:
                self.staff_sees_revenue = await home.staff_sees_revenue(user, actor.company_id)
        done = await self._guarded(load, errors="home.error")
        self.loaded = done.done
        return done.answer

    @rx.event
    async def follow_live(self):
        """on_load of /, after load_counters: link the tab to its clinic's live counter (Reflex
        may give a reconnected tab a new token, so on every load)."""
        if not self.loaded or not self.company_id:
            return
        self._seen_version = await link_to_clinic(self, self.company_id)

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: refetch, holding the lock only to read and to show."""
        await refetch_when_bumped(self, version, fetch_home)

    def _apply(self, fetched: HomeFetch | None) -> None:
        show_if_newer(self, fetched)

    async def _reload(self, user, actor=None) -> None:
        self._show(await read_home(user, 0))

    def _show(self, fetched: HomeFetch) -> None:
        if not fetched.seq:                   # a handler's own read: newer than any in flight
            self._seq += 1
            fetched = HomeFetch(self._seq, fetched.board, fetched.risky)
        self._shown_seq = fetched.seq
        board = fetched.board
        if board is None:                     # no clinic (any more): the guards send them away
            return
        values = board.counters
        self.revenue_shown = values.get("revenue_this_month") is not None
        self.counters = {
            key: (formatting.money(value, self.locale, self.currency)
                  if key == "revenue_this_month" else formatting.number(value, self.locale))
            for key, value in values.items() if value is not None}
        started = board.started
        self.steps = [ChecklistStep(key, started.done[key], STEP_LINKS[key])
                      for key in home.STEPS]
        self.checklist_shown = started.shown
        reader = Reader(self.locale, self.timezone, self.tr)
        self.today = [rows.today_row(each, reader) for each in board.appointments]
        self.today_full = len(board.appointments) >= rows.LIMIT
        now = clock.now()
        self.risky = [risk_rows.risk_row(each, reader, now) for each in fetched.risky]
        self.messages_chart = rows.messages_chart(board, reader)
        self.leads_chart = rows.leads_chart(board, reader)
        self.funnel_chart = rows.funnel_chart(board, reader)
        self.no_shows_chart = rows.no_shows_chart(board, reader)
        self.revenue_chart = rows.revenue_chart(board, reader, self.currency)

    @rx.event
    async def set_status(self, appointment_id: str, status: str):
        """One click on today's list: confirm, or mark a no-show. The list is re-read whatever
        happened (another tab may have changed the appointment first), and the clinic's other
        open pages follow."""
        name = next((row.client_name for row in self.today if row.id == appointment_id), "")
        self.today_message = ""

        async def change(user, actor):
            await dashboard.set_status(user, appointment_id, status)
            key = "confirmed" if status == "confirmed" else "marked_no_show"
            self.today_message = self.tr[f"dashboard.today.{key}"].format(name=name)
        done = await self._guarded(change, errors="dashboard.error", shows="today_error",
                                   then=self._reload)
        if done.done:
            self._seen_version = await announce(self)     # this tab already shows it
        return done.answer

    @rx.event
    async def dismiss_checklist(self):
        done = await self._guarded(
            lambda user, actor: home.dismiss_getting_started(user, actor.company_id),
            who="admin", errors="home.error")
        if done.done:
            self.checklist_shown = False
        return done.answer

    @rx.event
    async def set_staff_sees_revenue(self, shown: bool):
        async def save(user, actor):
            await home.show_revenue_to_staff(user, actor.company_id, shown)
            self.staff_sees_revenue = await home.staff_sees_revenue(user, actor.company_id)
        done = await self._guarded(save, who="admin", errors="home.error",
                                   shows="settings_error")
        return done.answer
