"""Alerts for new messages on every signed-in page: the clinic's unread count in the tab title,
and, when the user turned them on (their own choice, kept in the database), a browser
notification and/or a sound for each new conversation and each new message in a conversation
whose latest reply is theirs.

The shell mounts `start`, which links the tab to its clinic's `InboxLive` counter (as the inbox
and home do) and reads the counts; when the counter moves, `sync_live` reads what arrived since
the last read, in the background, as the tab's own user. The browser side (assets/alerts.js,
called by a hook when `batch` changes) shows the notifications and plays the sound: nothing runs
as inline script.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import reflex as rx

from omni_app import paths
from omni_app.domain import alerts
from omni_app.domain.clock import parse_time
from omni_app.state.inbox_live import link_to_clinic, tab_user
from omni_app.state.session import NotSignedIn, SessionState

APP_NAME = "Omni"
OVERLAP = timedelta(seconds=10)   # a message committed just after a read is found by the next
REMEMBERED = 200                  # ids of messages already announced, against the overlap


@dataclass
class Notice:
    tag: str             # the message's id: the browser replaces, never repeats, a notification
    title: str
    body: str
    href: str


@dataclass
class Batch:
    """What the browser announces at once; a new `seq` is a new batch."""
    seq: int = 0
    browser: bool = False
    sound: bool = False
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class AlertsFetch:
    seq: int
    read: alerts.Alerts


async def fetch_alerts(cookie: str | None, since: str | None, seq: int) -> AlertsFetch | None:
    user = await tab_user(cookie)
    if user is None:
        return None
    return AlertsFetch(seq, await alerts.read(user, since))


class AlertsState(SessionState):
    unread: int = 0
    browser: bool = False          # the user's choices
    sound: bool = False
    batch: Batch = Batch()
    alerts_error: str = ""
    _since: str | None = None      # the database clock at the last read
    _announced: list[str] = []
    _seen_version: int = 0
    _seq: int = 0
    _shown_seq: int = 0
    _live: bool = False

    @rx.var
    def tab_title(self) -> str:
        return f"({self.unread}) {APP_NAME}" if self.unread > 0 else APP_NAME

    @rx.event
    async def start(self):
        """On every signed-in page: link to the clinic's live counter, read counts and choices
        (announcing nothing older than this)."""
        try:
            user = await self._load_profile()   # on_mount may run before the page's on_load
        except NotSignedIn:
            return None          # the page's own guard sends the tab away
        read = await alerts.read(user, None)
        if read.now is None or not self.company_id:
            return None
        self._seen_version, self._live = await link_to_clinic(self, self.company_id), True
        self._seq += 1
        self._shown_seq = self._seq
        self._show(read, announce=False)

    @rx.event(background=True)
    async def sync_live(self, version: int):
        async with self:
            if not self._live or version == self._seen_version:
                return
            self._seen_version = version
            self._seq += 1
            cookie, seq = self._cookie(), self._seq
            since = self._read_from()
        fetched = await fetch_alerts(cookie, since, seq)
        async with self:
            self._apply(fetched)

    def _read_from(self) -> str | None:
        if self._since is None:
            return None
        return (parse_time(self._since) - OVERLAP).isoformat()

    def _apply(self, fetched: AlertsFetch | None) -> None:
        # Background reads overlap: one that started before what is shown is stale.
        if fetched is None or fetched.seq < self._shown_seq or fetched.read.now is None:
            return
        self._shown_seq = fetched.seq
        self._show(fetched.read, announce=True)

    def _show(self, read: alerts.Alerts, announce: bool) -> None:
        self.unread, self.browser, self.sound = read.unread, read.browser, read.sound
        if self._since is None or parse_time(read.now) > parse_time(self._since):
            self._since = read.now
        fresh = [m for m in read.messages if m["id"] not in self._announced]
        if not announce or not fresh:
            return
        self._announced = ([m["id"] for m in fresh] + self._announced)[:REMEMBERED]
        if read.browser or read.sound:
            self.batch = Batch(self.batch.seq + 1, read.browser, read.sound,
                               [self._notice(m) for m in fresh])

    def _notice(self, message: dict) -> Notice:
        title_key = "alerts.new_conversation" if message["kind"] == "new" else "alerts.new_message"
        return Notice(message["id"], self.tr[title_key].format(name=message["client_name"]),
                      message.get("preview") or self.tr["alerts.media"],
                      f"{paths.INBOX}/{message['conversation_id']}")

    @rx.event
    async def set_browser(self, on: bool):
        return await self._choose(bool(on), self.sound)

    @rx.event
    async def set_sound(self, on: bool):
        return await self._choose(self.browser, bool(on))

    async def _choose(self, browser: bool, sound: bool):
        async def save(user, actor):
            await alerts.choose(user, browser, sound)
            self.browser, self.sound = browser, sound
        return (await self._guarded(save, errors="alerts.error", shows="alerts_error")).answer


