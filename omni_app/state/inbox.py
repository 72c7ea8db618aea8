"""/inbox and /inbox/<id>: the clinic's conversations (paged by keyset as the list scrolls),
one conversation's messages, replies, close/reopen, search by name or by message text.

A conversation has its own URL: rows are links, so opening one is a navigation and on_load opens
it (browser back returns to the previous one). A fresh page (a new socket: reload, new tab)
starts from the first page with no search; a navigation inside the inbox keeps the list.

Every read and write runs as the signed-in user (RLS). The tab links `InboxLive` to its clinic
in on_load; when that counter moves (a webhook, a delivery, another tab's action) the page calls
`sync_live`, which refetches in the background so the shared lock is never held over HTTP.
Handlers never call `Services.changed` themselves: they bump the linked counter directly (the
publisher would wait for the very lock the handler holds).
"""
from __future__ import annotations

import reflex as rx

from omni_app import paths, services
from omni_app.channels import registry
from omni_app.domain import clock, conversations, outbound, quick_replies, search, team
from omni_app.domain.conversations import InboxFilter
from omni_app.i18n import formatting as fmt
from omni_app.state.client_panel import ClientPanelState
from omni_app.state.inbox_live import (InboxLive, LiveFetch, LiveRequest, fetch_live,
                                       link_to_clinic)
from omni_app.state.inbox_rows import (ConversationRow, MemberOption, MessageRow, PaneHeader,
                                       QuotedMessage, Reader, SearchHit, conversation_row,
                                       member_options, pane_header, pane_rows, search_hit)
from omni_app.state.quick_replies import QuickReplyRow
from omni_app.state.session import SessionState

CHANNEL_FILTERS = ("all", *registry.NAMES)
STATUS_FILTERS = ("open", "closed", "all")
UNASSIGNED = "none"   # the assignee select's value for nobody (a select item needs a value)
SEARCH_MODES = ("names", "messages")
NOTE_LIMIT = 4000    # as the database checks it


def conversation_in(path: str) -> str:
    """The conversation a /inbox/<id> path names ("" for /inbox)."""
    rest = path.removeprefix(paths.INBOX).strip("/")
    return rest if rest and "/" not in rest else ""


class InboxState(SessionState):
    threads: list[ConversationRow] = []      # the list, newest activity first
    total: int = 0                           # conversations the filter matches in all
    has_more_threads: bool = False
    channel_filter: str = "all"
    status_filter: str = "open"
    unread_only: bool = False
    assignee_filter: str = "all"             # all, mine, unassigned
    search: str = ""
    search_mode: str = "names"               # names (the list) or messages (hits)
    hits: list[SearchHit] = []
    has_more_hits: bool = False
    selected_id: str = ""
    focus_message_id: str = ""               # a search hit's message, scrolled to
    composer_mode: str = "reply"             # reply (sent to the client) or note (staff only)
    quick_replies: list[QuickReplyRow] = []  # the clinic's, filled in for this conversation
    members: list[MemberOption] = []         # who a conversation can be assigned to
    never_wrote: bool = False                # the client has not written on this channel yet
    starting: bool = False                   # the "new conversation" dialog is open
    start_error: str = ""
    replying_to: QuotedMessage = QuotedMessage()
    header: PaneHeader = PaneHeader()
    messages: list[MessageRow] = []          # oldest first, as shown
    has_older: bool = False
    window_closed: bool = False
    notice: str = ""
    loaded: bool = False
    _seen_version: int = 0
    _seq: int = 0                            # numbers reads, so an older one never wins
    _shown_seq: int = 0
    _oldest: list = []                       # (occurred_at, seq) of the oldest message shown
    _socket: str = ""                        # the page load (socket) the list was loaded for
    _list_end: list = []                     # list cursor (last activity, id) of the last row
    _quick_replies: list[dict] = []          # the clinic's, as written (loaded per page)

    @rx.var
    def too_long_text(self) -> str:
        if self.composer_mode == "note":
            return self.tr["inbox.error.note_too_long"].format(
                limit=fmt.number(NOTE_LIMIT, self.locale))
        return self.tr["inbox.error.too_long_limit"].format(
            limit=fmt.number(self.header.reply_limit, self.locale),
            channel=registry.CHANNELS[self.header.channel].label
            if self.header.channel in registry.CHANNELS else "")

    @rx.var
    def assignee_value(self) -> str:
        return self.header.assignee_id or UNASSIGNED

    @rx.var
    def assigned_to_me(self) -> bool:
        return bool(self.user_id) and self.header.assignee_id == self.user_id

    @rx.var
    def total_label(self) -> str:
        return fmt.counted(self.tr, "inbox.total", self.total, self.locale)

    # -- loading ---------------------------------------------------------------------------

    @rx.event
    async def open_inbox(self):
        """on_load of /inbox and /inbox/<id>: who is this (from the server), link to their
        clinic, load the list on a fresh page, open the conversation the URL names."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        socket = self.router.session.session_id
        fresh = not self.loaded or socket != self._socket
        if fresh:
            self._socket = socket
            # The clinic's members and quick replies, once per page: every conversation uses them.
            self.members = member_options(await team.members(user))
            self._quick_replies = await quick_replies.listed(user)
            await self._link_live()
            self.search, self.search_mode, self.hits = "", "names", []
            await self._reload_list(user)
        self.notice = ""
        wanted = (conversation_in(self.router.url.path)
                  or self.router.url.query_parameters.get("c", ""))
        focus = self.router.url.query_parameters.get("m", "")
        if wanted and (fresh or wanted != self.selected_id or focus != self.focus_message_id):
            await self._open(user, wanted, focus)
        elif not wanted:
            self._close_pane()
        self.loaded = True

    async def _link_live(self) -> None:
        self._seen_version = await link_to_clinic(self, self.company_id)

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: refetch the list and the open conversation, holding the
        state's lock only to read what to fetch and to show what came back."""
        async with self:
            request = self._live_request(version)
        if request is None:
            return
        fetched = await fetch_live(request)
        async with self:
            await self._apply_live(fetched)

    def _live_request(self, version: int) -> LiveRequest | None:
        if not self.loaded or version == self._seen_version:
            return None
        self._seen_version = version
        self._seq += 1
        return LiveRequest(self._cookie(), self._filter(), self.selected_id, tuple(self._oldest),
                           self._seq, len(self.threads), complete=not self.has_older)

    async def _apply_live(self, fetched: LiveFetch | None) -> None:
        # Background fetches overlap: one that started before what is on screen is stale.
        if fetched is None or fetched.request.seq < self._shown_seq:
            return
        self._shown_seq = fetched.request.seq
        self._show_list(fetched.page, read=fetched.request.selected if fetched.thread else "",
                        live=True)
        if fetched.request.selected and fetched.request.selected == self.selected_id:
            if fetched.thread is None:
                self._close_pane()
            else:
                self.header = pane_header(fetched.thread)
                self._show_messages(fetched.messages, fetched.extras, live=True)
                if not conversations.reply_window_closed(
                        fetched.thread["channel"], fetched.thread["last_inbound_at"]):
                    self.window_closed = self.never_wrote = False  # the client wrote
                if fetched.thread["unread_count"]:
                    await self._announce()

    async def _reload_list(self, user, keep: bool = False) -> None:
        """The first page; with `keep`, as many rows as the list shows now (after an action
        the list stays as long as the user scrolled it)."""
        limit = conversations.refresh_limit(len(self.threads)) if keep else conversations.LIST_PAGE
        self._show_list(await conversations.inbox(user, self._filter(), limit=limit, count=True))

    def _show_list(self, page: conversations.Page, read: str = "", live: bool = False) -> None:
        """Replaces the list with `page` (the first rows, counted)."""
        if not live:
            self._supersede_live()
        now, reader = clock.now(), self._reader()
        shown = [conversation_row(row, now, reader) for row in page.rows]
        for row in shown:
            if row.id == read:
                row.unread = 0
        self.threads = shown
        self.total = page.total or 0
        self.has_more_threads = page.has_more
        self._list_end = list(conversations.list_cursor(page.rows[-1])) if page.rows else []

    def _filter(self) -> InboxFilter:
        return InboxFilter(channel="" if self.channel_filter == "all" else self.channel_filter,
                           status=self.status_filter, unread_only=self.unread_only,
                           search=self.search, assignee=self.assignee_filter, me=self.user_id)

    async def _open(self, user, conversation_id: str, focus: str = "") -> None:
        """Shows the conversation, from its newest messages back to `focus` (a message id, a
        search hit) when given, else its last page."""
        thread = await conversations.conversation(user, conversation_id)
        if thread is None:
            self._close_pane()
            self.notice = self.tr["inbox.error.not_found"]
            return
        self.selected_id = conversation_id
        self.header = pane_header(thread)
        await (await self.get_state(ClientPanelState))._show_client(user, thread["client_id"])
        position = await conversations.message_position(user, conversation_id, focus)
        self.focus_message_id = focus if position else ""
        self._oldest = []
        self.replying_to = QuotedMessage()
        if position:
            rows = await conversations.messages_since(user, conversation_id, position)
            older = await conversations.messages(user, conversation_id, position, limit=1)
            self.has_older = bool(older.rows)
        else:
            page = await conversations.messages(user, conversation_id)
            rows, self.has_older = page.rows, page.has_more
        self._show_messages(rows, await conversations.pane_extras(
            user, conversation_id, rows, complete=not self.has_older))
        values = quick_replies.Values(quick_replies.first_name(thread.get("client_name") or ""),
                                      self.clinic_name)
        self.quick_replies = [QuickReplyRow(row["id"], row["shortcut"],
                                            quick_replies.render(row["body"], values))
                              for row in self._quick_replies]
        last_inbound = await conversations.last_inbound_at(user, thread["client_id"],
                                                           thread["channel"])
        self.window_closed = conversations.reply_window_closed(thread["channel"],
                                                               last_inbound)
        self.never_wrote = last_inbound is None
        if thread["unread_count"]:
            await conversations.mark_read(user, conversation_id)
            self._show_list_read(conversation_id)
            await self._announce()

    def _show_messages(self, rows: list[dict], extras: conversations.Extras,
                       live: bool = False) -> None:
        """Replaces the pane with `rows` (newest first, as the domain pages them) and the
        notes and quotes that go with them."""
        if not live:
            self._supersede_live()
        self.messages = pane_rows(rows, extras.notes, extras.quoted, clock.now(), self._reader())
        if rows:
            self._oldest = list(conversations.message_cursor(rows[-1]))

    def _supersede_live(self) -> None:
        """What a handler just read is newer than any live fetch still in flight."""
        self._seq += 1
        self._shown_seq = self._seq

    def _show_list_read(self, conversation_id: str) -> None:
        self.threads = [
            ConversationRow(**{**row.__dict__, "unread": 0}) if row.id == conversation_id
            else row for row in self.threads]

    def _close_pane(self) -> None:
        self._supersede_live()
        self.selected_id = self.focus_message_id = ""
        self.header = PaneHeader()
        self.messages = []
        self._oldest = []
        self.has_older = self.window_closed = False

    async def _announce(self) -> None:
        """Tell the clinic's other open inboxes (this tab already shows the change)."""
        shared = await self.get_state(InboxLive)
        shared.version += 1
        self._seen_version = shared.version

    def _reader(self) -> Reader:
        return Reader(self.locale, self.timezone, self.tr)

    async def _as_member(self, action):
        """The member guard, with refusals shown in the pane's notice (an action may leave a
        notice of its own, such as a conversation that is gone)."""
        return await self._guarded(action, errors="inbox.error", shows="notice")

    # -- list ------------------------------------------------------------------------------

    @rx.event
    async def set_channel_filter(self, value: str):
        self.channel_filter = value if value in CHANNEL_FILTERS else "all"
        return await self._refilter()

    @rx.event
    async def set_status_filter(self, value: str):
        self.status_filter = value if value in STATUS_FILTERS else "open"
        return await self._refilter()

    @rx.event
    async def set_assignee_filter(self, value: str | list[str]):
        self.assignee_filter = value if value in conversations.ASSIGNEES else "all"
        return await self._refilter()

    @rx.event
    async def set_unread_only(self, value: bool):
        self.unread_only = bool(value)
        return await self._refilter()

    @rx.event
    async def set_search(self, value: str):
        self.search = str(value)[:search.MAX_TERM]
        if self.search_mode == "messages":
            return await self._search_messages()
        return await self._refilter()

    @rx.event
    async def set_search_mode(self, value: str | list[str]):
        self.search_mode = value if isinstance(value, str) and value in SEARCH_MODES else "names"
        self.hits, self.has_more_hits = [], False
        if self.search_mode == "messages":
            return await self._search_messages()
        return await self._refilter()

    async def _refilter(self):
        return (await self._as_member(lambda user, actor: self._reload_list(user))).answer

    @rx.event
    async def load_more_threads(self):
        if not self.has_more_threads or not self._list_end:
            return
        return (await self._as_member(lambda user, actor: self._show_more_threads(user))).answer

    async def _show_more_threads(self, user) -> None:
        page = await conversations.inbox(user, self._filter(), after=tuple(self._list_end))
        now, reader = clock.now(), self._reader()
        shown = {row.id for row in self.threads}   # a live refresh may have moved some up
        self.threads = self.threads + [conversation_row(row, now, reader)
                                       for row in page.rows if row["id"] not in shown]
        self.has_more_threads = page.has_more
        if page.rows:
            self._list_end = list(conversations.list_cursor(page.rows[-1]))

    async def _search_messages(self, more: bool = False):
        async def find(user, actor):
            before = (self.hits[-1].occurred_at, self.hits[-1].id) if more and self.hits else None
            rows = await search.messages(user, self.search, before=before)
            now, reader = clock.now(), self._reader()
            found = [search_hit(row, now, reader) for row in rows]
            self.hits = (self.hits + found) if more else found
            self.has_more_hits = len(rows) == search.RESULTS
        return (await self._as_member(find)).answer

    @rx.event
    async def load_more_hits(self):
        if self.has_more_hits:
            return await self._search_messages(more=True)

    # -- a new conversation --------------------------------------------------------------

    @rx.event
    def set_starting(self, value: bool):
        self.starting, self.start_error = bool(value), ""

    @rx.event
    async def start_conversation(self, form: dict):
        async def start(user, actor):
            conversation_id = await conversations.start(user, str(form.get("phone") or ""),
                                                        str(form.get("name") or ""))
            await self._reload_list(user)
            await self._announce()
            return conversation_id
        done = await self._guarded(start, errors="inbox.start.error", shows="start_error")
        if not done.done:
            return done.answer
        self.starting = False
        return rx.redirect(f"{paths.INBOX}/{done.value}")

    # -- conversation ----------------------------------------------------------------------


    @rx.event
    async def load_older(self):
        if not self.selected_id or not self._oldest:
            return
        return (await self._as_member(lambda user, actor: self._show_older(user))).answer

    async def _show_older(self, user) -> None:
        page = await conversations.messages(user, self.selected_id, before=tuple(self._oldest))
        extras = await conversations.pane_extras(user, self.selected_id, page.rows,
                                                 complete=not page.has_more,
                                                 until=self._oldest[0])
        self._supersede_live()
        self.messages = pane_rows(page.rows, extras.notes, extras.quoted, clock.now(),
                                  self._reader()) + self.messages
        if page.rows:
            self._oldest = list(conversations.message_cursor(page.rows[-1]))
        self.has_older = page.has_more

    @rx.event
    async def assign(self, value: str):
        """The pane's assignee select: a member's id, or nobody."""
        return await self._assign(None if value == UNASSIGNED else str(value))

    @rx.event
    async def assign_to_me(self):
        return await self._assign(self.user_id)

    async def _assign(self, member_id: str | None):
        if not self.selected_id:
            return

        async def change(user, actor):
            try:
                await conversations.assign(user, self.selected_id, member_id)
            finally:  # refused or not, show where things stand
                thread = await conversations.conversation(user, self.selected_id)
                if thread is not None:
                    self.header = pane_header(thread)
                await self._reload_list(user, keep=True)
                await self._announce()
        return (await self._as_member(change)).answer

    @rx.event
    async def close_conversation(self):
        return await self._status_change(conversations.close)

    @rx.event
    async def reopen_conversation(self):
        return await self._status_change(conversations.reopen)

    async def _status_change(self, action):
        if not self.selected_id:
            return

        async def change(user, actor):
            try:
                await action(user, self.selected_id)
            finally:  # refused or not, show where things stand
                await self._open(user, self.selected_id)
                await self._reload_list(user, keep=True)
                await self._announce()
        return (await self._as_member(change)).answer

    # -- replies ---------------------------------------------------------------------------

    @rx.event
    async def send_message(self, form: dict):
        text = str(form.get("text") or "")
        if not self.selected_id or not text.strip():
            return
        if self.composer_mode == "note":
            return await self._add_note(text)
        if len(text.strip()) > self.header.reply_limit:   # the page stops it first
            self.notice = self.too_long_text
            return

        async def send(user, actor):
            await outbound.send(user, self.selected_id, text, reply_to=self.replying_to.id or None)
            self.replying_to = QuotedMessage()
            services.current().wake_worker()
            await self._refresh_pane(user)
            await self._reload_list(user, keep=True)
            await self._announce()
        return (await self._as_member(send)).answer

    async def _add_note(self, text: str):
        async def add(user, actor):
            await conversations.add_note(user, self.selected_id, text)
            self.composer_mode = "reply"
            await self._refresh_pane(user)
            await self._announce()
        return (await self._as_member(add)).answer

    @rx.event
    def set_composer_mode(self, value: str | list[str]):
        self.composer_mode = "note" if value == "note" else "reply"
        if self.composer_mode == "note":
            self.replying_to = QuotedMessage()

    @rx.event
    def quote_message(self, message_id: str):
        """Reply to one message: the reply will quote it (and n8n gets the provider's id)."""
        for row in self.messages:
            if row.id == message_id and not row.note:
                text = row.text or row.caption or row.placeholder
                self.replying_to = QuotedMessage(message_id, text[:140], row.outbound)
                self.composer_mode = "reply"
                return

    @rx.event
    def cancel_quote(self):
        self.replying_to = QuotedMessage()

    @rx.event
    async def retry_message(self, interaction_id: str):
        async def retry(user, actor):
            try:
                await outbound.retry(user, interaction_id)
                services.current().wake_worker()
            finally:
                await self._refresh_pane(user)
                await self._announce()
        return (await self._as_member(retry)).answer

    async def _refresh_pane(self, user) -> None:
        if not self.selected_id:
            return
        rows = await conversations.pane_messages(
            user, self.selected_id, tuple(self._oldest) if self._oldest else None)
        self._show_messages(rows, await conversations.pane_extras(
            user, self.selected_id, rows, complete=not self.has_older))
