"""/agenda: the clinic's appointments on a day or week grid, one column per professional (every
member). Reads and writes run as the signed-in user through the member guard (RLS).

Booking (a click on an empty slot, or /agenda?client=<id> from a profile) and moving (drag,
or the details dialog) go through domain/booking.py; the database refuses a professional
booked twice and the refusal is said in words, naming the appointment in the way. Outside the
professional's working hours the page asks first. A move shows at once and is put back when
refused. The tab follows its clinic's live counter like the pipeline: a change anywhere
(another tab, the API) re-reads every open agenda of the clinic in the background."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import reflex as rx

from omni_app import paths
from omni_app.channels import phones
from omni_app.domain import agenda, booking, clients, clock, holidays_calendar
from omni_app.domain.booking import Conflict
from omni_app.i18n import formatting as fmt
from omni_app.state import agenda_rows as rows
from omni_app.state import risk_rows
from omni_app.state.agenda_rows import ALL, Block, DayGroup, Hour, Option
from omni_app.state.inbox_live import (announce, link_to_clinic, refetch_when_bumped,
                                       tab_user)
from omni_app.state.session import SessionState

DAY, WEEK = "day", "week"
MAX_MINUTES = 24 * 60


@dataclass
class ClientHit:
    id: str = ""
    name: str = ""
    phone: str = ""


@dataclass
class HistoryRow:
    status: str = ""
    who: str = ""
    when: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Fetched:
    seq: int
    professionals: list[dict]
    rows: list[dict]
    closed: dict[str, str] = field(default_factory=dict)   # ISO day -> holiday or closure


async def fetch(user, seq: int, window: agenda.Window, tz: str = "",
                locale: str = "pt-BR") -> Fetched:
    """The window's professionals and appointments; with the clinic's time zone, also the
    days in it the clinic is closed."""
    closed = {}
    if tz:
        zone_info = ZoneInfo(tz)
        first = window.starts.astimezone(zone_info).date()
        last = (window.ends - timedelta(microseconds=1)).astimezone(zone_info).date()
        days = await holidays_calendar.closed_between(user, tz, locale, first, last)
        closed = {day.isoformat(): name for day, name in days.items()}
    return Fetched(seq, await agenda.professionals(user), await agenda.appointments(user, window),
                   closed)


async def fetch_as(cookie: str | None, seq: int, window: agenda.Window, tz: str = "",
                   locale: str = "pt-BR") -> Fetched | None:
    """The agenda as the tab's user sees it now (None when they signed out)."""
    user = await tab_user(cookie)
    return None if user is None else await fetch(user, seq, window, tz, locale)


class AgendaState(SessionState):
    view: str = WEEK
    anchor: str = ""                   # the day shown (day view) or in the week shown
    period: str = ""
    professional: str = ALL            # the filter
    service: str = ALL
    phone_professional: str = ""       # the one professional a phone shows
    professionals: list[Option] = []
    services: list[Option] = []
    hours: list[Hour] = []
    days: list[DayGroup] = []
    grid_height: str = "0px"
    notice: str = ""                   # a refused move or status change, in words
    message: str = ""                  # the last change, said to screen readers too
    move_question: str = ""            # "outside working hours: move anyway?"
    loaded: bool = False
    # the booking dialog
    booking_open: bool = False
    b_client_id: str = ""
    b_client_name: str = ""
    b_search: str = ""
    b_hits: list[ClientHit] = []
    b_new_client: bool = False
    b_new_name: str = ""
    b_new_phone: str = ""
    b_service: str = ""
    b_professional: str = ""
    b_date: str = ""
    b_time: str = ""
    b_minutes: str = "30"
    b_notes: str = ""
    b_error: str = ""
    b_question: str = ""               # "outside working hours: book anyway?"
    # the details dialog
    detail_open: bool = False
    d_id: str = ""
    d_client: str = ""
    d_client_id: str = ""
    d_service: str = ""
    d_professional: str = ""
    d_when: str = ""
    d_status: str = ""
    d_notes: str = ""
    d_cancel_reason: str = ""
    d_history: list[HistoryRow] = []
    d_risk: str = ""                   # the client's no-show risk, when medium or high
    d_risk_badge: str = ""
    d_risk_label: str = ""
    d_risk_color: str = "gray"
    d_risk_reasons: str = ""
    d_error: str = ""
    d_cancelling: bool = False
    d_editing: bool = False
    e_date: str = ""
    e_time: str = ""
    e_minutes: str = ""
    e_professional: str = ""
    _professionals: list[dict] = []
    _rows: list[dict] = []
    _closed: dict[str, str] = {}       # ISO day -> holiday or closure name, in the window
    _pending_move: dict = {}
    _seen_version: int = 0
    _seq: int = 0
    _shown_seq: int = 0

    @rx.var
    def d_status_label(self) -> str:
        return self.tr.get(f"agenda.status.{self.d_status}", "") if self.d_status else ""

    @rx.var
    def d_active(self) -> bool:
        return self.d_status in booking.ACTIVE

    @rx.var
    def profile_href(self) -> str:
        return f"{paths.CLIENTS}/{self.d_client_id}" if self.d_client_id else paths.CLIENTS

    async def _as_member(self, action, shows: str = "notice"):
        return await self._guarded(action, errors="agenda.error", shows=shows)

    # -- what is shown ---------------------------------------------------------------------

    def _zone(self):
        return fmt.zone(self.timezone)

    def _today(self) -> date:
        return clock.now().astimezone(self._zone()).date()

    def _anchor(self) -> date:
        try:
            return date.fromisoformat(self.anchor)
        except ValueError:
            return self._today()

    def _view(self) -> rows.View:
        return rows.View(self._anchor(), 7 if self.view == WEEK else 1, self._zone(),
                         self.locale, self.tr, self.phone_professional, self.service,
                         self._closed)

    def _window(self) -> agenda.Window:
        view = self._view()
        starts, ends = agenda.day_bounds(rows.first_day(view), view.days, view.tz)
        return agenda.Window(starts, ends, with_cancelled=False)

    def _shown_professionals(self) -> list[dict]:
        return [p for p in self._professionals
                if self.professional == ALL or p["id"] == self.professional]

    def _render(self) -> None:
        view = self._view()
        built = rows.grid(self._shown_professionals(), self._rows, self.services, view,
                          clock.now())
        self.hours, self.days, self.grid_height = built.hours, built.days, built.height
        self.period = rows.title(view)

    def _show(self, fetched: Fetched) -> None:
        if not fetched.seq:            # a handler's own read: newer than any in flight
            self._seq += 1
            fetched = Fetched(self._seq, fetched.professionals, fetched.rows, fetched.closed)
        self._shown_seq = fetched.seq
        self._professionals, self._rows = fetched.professionals, fetched.rows
        self._closed = fetched.closed
        self.professionals = [Option(p["id"], p.get("full_name") or p.get("email") or "")
                              for p in fetched.professionals]
        ids = [p.id for p in self.professionals]
        if self.phone_professional not in ids:
            self.phone_professional = self.user_id if self.user_id in ids else \
                (ids[0] if ids else "")
        if self.professional != ALL and self.professional not in ids:
            self.professional = ALL
        self._render()

    async def _reload(self, user, actor=None) -> None:
        self._show(await fetch(user, 0, self._window(), self.timezone, self.locale))

    @rx.event
    async def open_agenda(self):
        """on_load: who is this, the clinic's professionals, services and the week; the link
        to the clinic's live counter; with ?client=<id>, the booking form for that client."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.notice = self.message = self.move_question = ""
        self.booking_open = self.detail_open = False
        if not self.anchor:
            self.anchor = self._today().isoformat()
        self.services = [Option(s["id"], s["name"], int(s["duration_minutes"]),
                                s.get("color") or "gray") for s in await agenda.services(user)]
        await self._reload(user)
        self._seen_version = await link_to_clinic(self, self.company_id)
        self.loaded = True
        wanted = self.router.url.query_parameters.get("client", "")
        found = await agenda.client(user, wanted) if wanted else None
        if found is not None:
            self._start_booking(self._next_slot(), self.phone_professional)
            self.b_client_id, self.b_client_name = found["id"], found["full_name"]

    @rx.event(background=True)
    async def sync_live(self, version: int):
        """The clinic's counter moved: refetch, holding the lock only to read and to show."""
        await refetch_when_bumped(self, version, lambda cookie, seq: fetch_as(
            cookie, seq, self._window(), self.timezone, self.locale))

    async def _refresh(self):
        return (await self._as_member(self._reload)).answer

    @rx.event
    async def set_view(self, value: str):
        self.view = value if isinstance(value, str) and value in (DAY, WEEK) else WEEK
        return await self._refresh()

    @rx.event
    async def step(self, direction: int):
        """Back or forward a day or a week; `by_day` on phones (which always show a day)."""
        days = 7 if self.view == WEEK else 1
        self.anchor = (self._anchor() + timedelta(days=days * int(direction))).isoformat()
        return await self._refresh()

    @rx.event
    async def step_day(self, direction: int):
        self.anchor = (self._anchor() + timedelta(days=int(direction))).isoformat()
        return await self._refresh()

    @rx.event
    async def go_today(self):
        self.anchor = self._today().isoformat()
        return await self._refresh()

    @rx.event
    async def go_to(self, value: str):
        try:
            self.anchor = date.fromisoformat(str(value)).isoformat()
        except ValueError:
            return None
        return await self._refresh()

    @rx.event
    def set_professional(self, value: str):
        self.professional = value if any(p.id == value for p in self.professionals) else ALL
        self._render()

    @rx.event
    def set_service(self, value: str):
        self.service = value if any(s.id == value for s in self.services) else ALL
        self._render()

    @rx.event
    def set_phone_professional(self, value: str):
        if any(p.id == value for p in self.professionals):
            self.phone_professional = value
            self._render()

    # -- words -----------------------------------------------------------------------------

    def _name_of(self, professional_id: str) -> str:
        return next((p.name for p in self.professionals if p.id == professional_id), "")

    def _span(self, starts: str, ends: str) -> tuple[str, str, str]:
        day = fmt.date(starts, self.locale, self.timezone)
        return (day, fmt.time_of_day(starts, self.locale, self.timezone),
                fmt.time_of_day(ends, self.locale, self.timezone))

    async def _conflict_text(self, user, conflict: Conflict) -> str:
        found = await agenda.appointment(user, conflict.appointment_id)
        if found is None:
            return self.tr["agenda.error.conflict"]
        day, start, end = self._span(found["starts_at"], found["ends_at"])
        service = next((s.name for s in self.services if s.id == found.get("service_id")), "")
        return self.tr["agenda.conflict"].format(
            professional=self._name_of(found.get("professional_id") or ""),
            client=found.get("client_name") or "", service=service, day=day, start=start,
            end=end)

    def _outside_text(self, professional_id: str, starts: datetime, ends: datetime) -> str:
        """The question to ask when [starts, ends) falls on a day the clinic is closed or
        outside the professional's hours ("" when neither)."""
        local_day = starts.astimezone(self._zone()).date().isoformat()
        if local_day in self._closed:
            day, _, _ = self._span(starts.isoformat(), ends.isoformat())
            return self.tr["agenda.closed_day"].format(
                day=day, name=self._closed[local_day] or self.tr["agenda.closed.unnamed"])
        professional = next((p for p in self._professionals if p["id"] == professional_id), None)
        if professional is None or agenda.within_hours(professional.get("working_hours") or {},
                                                       starts, ends, self._zone()):
            return ""
        day, start, end = self._span(starts.isoformat(), ends.isoformat())
        return self.tr["agenda.outside_hours"].format(name=self._name_of(professional_id),
                                                      day=day, start=start, end=end)

    # -- booking ---------------------------------------------------------------------------

    def _next_slot(self) -> datetime:
        now = clock.now().astimezone(self._zone())
        rounded = now.replace(second=0, microsecond=0) + timedelta(minutes=30 - now.minute % 30)
        return rounded

    def _start_booking(self, starts: datetime, professional_id: str) -> None:
        local = starts.astimezone(self._zone())
        first = self.services[0] if self.services else Option()
        chosen = next((s for s in self.services if s.id == self.b_service), first)
        self.b_client_id = self.b_client_name = self.b_search = self.b_notes = ""
        self.b_hits, self.b_new_client = [], False
        self.b_new_name = self.b_new_phone = ""
        self.b_error = self.b_question = ""
        self.b_service, self.b_minutes = chosen.id, str(chosen.minutes or 30)
        self.b_professional = professional_id
        self.b_date, self.b_time = local.date().isoformat(), local.strftime("%H:%M")
        self.booking_open, self.detail_open = True, False

    @rx.event
    def open_slot(self, key: str):
        """A click on an empty slot: "<day>|<professional>|HH:MM"."""
        try:
            day, professional, at = str(key).split("|")
        except ValueError:
            return
        starts = rows.moment(day, at, self._zone())
        if starts is not None:
            self._start_booking(starts, professional)

    @rx.event
    def new_booking(self):
        self._start_booking(self._next_slot(), self.phone_professional)

    @rx.event
    def set_booking_open(self, value: bool):
        self.booking_open = bool(value)

    @rx.event
    async def search_clients(self, value: str):
        self.b_search = str(value)[:100]

        async def find(user, actor):
            self.b_hits = [ClientHit(row["id"], row["full_name"], phones.display(row.get("phone")))
                           for row in await agenda.find_clients(user, self.b_search)]
        return (await self._as_member(find, shows="b_error")).answer

    @rx.event
    def pick_client(self, client_id: str, name: str):
        self.b_client_id, self.b_client_name, self.b_new_client = client_id, name, False
        self.b_hits, self.b_search = [], ""

    @rx.event
    def set_new_client(self, value: bool):
        self.b_new_client = bool(value)
        if self.b_new_client:
            self.b_client_id = self.b_client_name = ""

    @rx.event
    def set_b_service(self, value: str):
        chosen = next((s for s in self.services if s.id == value), None)
        if chosen is not None:
            self.b_service, self.b_minutes = chosen.id, str(chosen.minutes)

    @rx.event
    def set_b_professional(self, value: str):
        self.b_professional = value

    @rx.event
    def set_b_date(self, value: str):
        self.b_date = str(value)

    @rx.event
    def set_b_time(self, value: str):
        self.b_time = str(value)

    @rx.event
    def set_b_minutes(self, value: str):
        self.b_minutes = str(value)[:4]

    @rx.event
    def set_b_new_name(self, value: str):
        self.b_new_name = str(value)[:clients.MAX_NAME]

    @rx.event
    def set_b_new_phone(self, value: str):
        self.b_new_phone = str(value)[:40]

    @rx.event
    def set_b_notes(self, value: str):
        self.b_notes = str(value)[:booking.MAX_NOTES]

    def _booking_times(self) -> tuple[datetime, datetime] | None:
        starts = rows.moment(self.b_date, self.b_time, self._zone())
        try:
            minutes = int(self.b_minutes)
        except ValueError:
            minutes = 0
        if starts is None or not 0 < minutes <= MAX_MINUTES:
            return None
        return starts, starts + timedelta(minutes=minutes)

    @rx.event
    async def submit_booking(self, form: dict | None = None):
        """The form's "Agendar" (every field is the state's): asks first when outside the
        professional's working hours."""
        self.b_error = ""
        times = self._booking_times()
        if times is None:
            self.b_error = self.tr["agenda.error.when"]
            return
        question = self._outside_text(self.b_professional, *times)
        if question:
            self.b_question = question
            return
        return await self._book(times)

    @rx.event
    async def book_anyway(self):
        times = self._booking_times()
        if times is None:
            self.b_error = self.tr["agenda.error.when"]
            return
        return await self._book(times)

    @rx.event
    def back_to_form(self):
        self.b_question = ""

    async def _book(self, times: tuple[datetime, datetime]):
        self.b_question = ""

        async def book(user, actor):
            client_id = self.b_client_id
            if self.b_new_client:
                made = await clients.save(user, self.company_id, clients.ClientInput(
                    full_name=self.b_new_name, phone=self.b_new_phone, source="manual"))
                client_id, self.b_client_id = made["id"], made["id"]
                self.b_client_name, self.b_new_client = made["full_name"], False
            if not client_id:
                raise booking.Refused("client")
            try:
                made = await booking.book(user, client_id, self.b_professional, self.b_service,
                                          times[0], times[1], self.b_notes)
            except Conflict as conflict:
                self.b_error = await self._conflict_text(user, conflict)
                return None
            await self._reload(user)
            return made
        done = await self._as_member(book, shows="b_error")
        if done.answer is not None:
            return done.answer
        if done.done and done.value:
            self.booking_open = False
            day, start, _ = self._span(done.value["starts_at"], done.value["ends_at"])
            self.message = self.tr["agenda.booked"].format(client=self.b_client_name, day=day,
                                                           time=start)
            self._seen_version = await announce(self)

    # -- details and status ----------------------------------------------------------------

    async def _load_detail(self, user, appointment_id: str) -> None:
        found = await agenda.appointment(user, appointment_id)
        if found is None:
            raise booking.Refused("not_found")
        names = await agenda.member_names(user)
        day, start, end = self._span(found["starts_at"], found["ends_at"])
        self.d_id, self.d_client_id = found["id"], found["client_id"]
        self.d_client = found.get("client_name") or ""
        self.d_service = next((s.name for s in self.services if s.id == found.get("service_id")),
                              "")
        self.d_professional = names.get(found.get("professional_id") or "", "")
        self.d_when = f"{day} {start}–{end}"
        self.d_status, self.d_notes = found["status"], found.get("notes") or ""
        self.d_cancel_reason = found.get("cancel_reason") or ""
        self.d_history = [HistoryRow(
            self.tr.get(f"agenda.status.{step['to_status']}", step["to_status"]),
            names.get(step.get("changed_by") or "", self.tr["agenda.history.system"]),
            self._local_time(step["changed_at"]), step.get("reason") or "")
            for step in found["history"]]
        self._show_risk(next((row for row in self._rows if row["id"] == found["id"]), {}))
        self.e_date, self.e_time = rows.local_parts(found["starts_at"], self._zone())
        self.e_minutes = str(rows.minutes_between(found["starts_at"], found["ends_at"]))
        self.e_professional = found.get("professional_id") or ""

    def _show_risk(self, row: dict) -> None:
        """The risk as the grid read it (agenda_appointments: the client's level and the
        latest snapshot's reasons)."""
        risk = row.get("no_show_risk")
        self.d_risk, self.d_risk_color = risk_rows.level(risk), risk_rows.color(risk)
        self.d_risk_badge = risk_rows.badge(risk, self.tr)
        self.d_risk_label = risk_rows.label(risk, row.get("no_show_reasons"), self.tr,
                                            self.locale)
        self.d_risk_reasons = risk_rows.reasons(row.get("no_show_reasons"), self.tr,
                                                self.locale) if self.d_risk else ""

    @rx.event
    async def open_appointment(self, appointment_id: str):
        self.d_error, self.d_cancelling, self.d_editing = "", False, False

        async def load(user, actor):
            await self._load_detail(user, str(appointment_id))
            self.detail_open, self.booking_open = True, False
        return (await self._as_member(load)).answer

    @rx.event
    def set_detail_open(self, value: bool):
        self.detail_open = bool(value)

    @rx.event
    def start_cancel(self, value: bool):
        self.d_cancelling = bool(value)

    @rx.event
    def start_edit(self, value: bool):
        self.d_editing = bool(value)

    @rx.event
    async def set_status(self, status: str):
        """Confirm, complete or no-show from the details dialog."""
        return await self._set_status(status, "")

    async def _set_status(self, status: str, reason: str):
        async def change(user, actor):
            await booking.set_status(user, self.d_id, str(status), str(reason or ""))
            await self._load_detail(user, self.d_id)
            await self._reload(user)
        done = await self._as_member(change, shows="d_error")
        if done.done:
            self.d_cancelling = False
            self.message = self.tr["agenda.status_changed"].format(client=self.d_client,
                                                                   status=self.d_status_label)
            self._seen_version = await announce(self)
        return done.answer

    @rx.event
    async def cancel_appointment(self, form: dict):
        return await self._set_status("cancelled", str(form.get("reason") or "").strip())

    @rx.event
    def set_e_date(self, value: str):
        self.e_date = str(value)

    @rx.event
    def set_e_time(self, value: str):
        self.e_time = str(value)

    @rx.event
    def set_e_minutes(self, value: str):
        self.e_minutes = str(value)[:4]

    @rx.event
    def set_e_professional(self, value: str):
        self.e_professional = value

    @rx.event
    async def save_edit(self, form: dict):
        """The details dialog's edit: another time, length or professional, and the notes."""
        starts = rows.moment(self.e_date, self.e_time, self._zone())
        try:
            minutes = int(self.e_minutes)
        except ValueError:
            minutes = 0
        if starts is None or not 0 < minutes <= MAX_MINUTES:
            self.d_error = self.tr["agenda.error.when"]
            return
        notes = str(form.get("notes") or "")

        async def save(user, actor):
            try:
                await booking.move(user, self.d_id, starts, starts + timedelta(minutes=minutes),
                                   self.e_professional or None)
            except Conflict as conflict:
                self.d_error = await self._conflict_text(user, conflict)
                return False
            await booking.set_notes(user, self.d_id, notes)
            await self._load_detail(user, self.d_id)
            await self._reload(user)
            return True
        done = await self._as_member(save, shows="d_error")
        if done.done and done.value:
            self.d_editing = False
            self.message = self.tr["agenda.moved"].format(client=self.d_client,
                                                          when=self.d_when)
            self._seen_version = await announce(self)
        return done.answer

    # -- drag and drop ---------------------------------------------------------------------

    def _moved(self, wanted: dict) -> dict | None:
        """The appointment row a drop asks for: {"id", "day", "professional", "minute"} moves
        it (its length kept), {"id", "minutes"} changes its length."""
        row = next((r for r in self._rows if r["id"] == str(wanted.get("id"))), None)
        if row is None or row.get("status") not in booking.ACTIVE:
            return None
        starts, ends = clock.parse_time(row["starts_at"]), clock.parse_time(row["ends_at"])
        if "minutes" in wanted:
            length = int(wanted["minutes"])
            if not 0 < length <= MAX_MINUTES:
                return None
            return {**row, "ends_at": (starts + timedelta(minutes=length)).isoformat()}
        minute = int(wanted["minute"])
        moved = rows.moment(str(wanted["day"]), f"{minute // 60 % 24:02d}:{minute % 60:02d}",
                            self._zone())
        if moved is None or not 0 <= minute < MAX_MINUTES:
            return None
        professional = str(wanted.get("professional") or row.get("professional_id"))
        return {**row, "starts_at": moved.isoformat(),
                "ends_at": (moved + (ends - starts)).isoformat(), "professional_id": professional}

    @rx.event
    async def drop(self, payload: str):
        """From assets/agenda_dnd.js, through the hidden #agenda-drop input."""
        try:
            after = self._moved(json.loads(payload))
        except (ValueError, KeyError, TypeError):
            return
        if after is None:
            return
        self.notice = self.message = ""
        question = self._outside_text(after["professional_id"],
                                      clock.parse_time(after["starts_at"]),
                                      clock.parse_time(after["ends_at"]))
        if question:
            self._pending_move, self.move_question = after, question
            return
        async for answer in self._move(after):
            yield answer

    @rx.event
    async def move_anyway(self):
        after, self._pending_move, self.move_question = self._pending_move, {}, ""
        if after:
            async for answer in self._move(after):
                yield answer

    @rx.event
    def keep_place(self):
        self._pending_move, self.move_question = {}, ""

    async def _move(self, after: dict):
        before = self._rows
        self._rows = [after if row["id"] == after["id"] else row for row in before]
        self._render()
        yield

        async def save(user, actor):
            try:
                await booking.move(user, after["id"], clock.parse_time(after["starts_at"]),
                                   clock.parse_time(after["ends_at"]), after["professional_id"])
            except Conflict as conflict:
                self.notice = await self._conflict_text(user, conflict)
                return False
            return True
        done = await self._as_member(save)
        if not (done.done and done.value):
            self._rows = before        # refused: the block goes back, and the page says why
            self._render()
            if done.answer is not None:
                yield done.answer
            return
        day, start, _ = self._span(after["starts_at"], after["ends_at"])
        self.message = self.tr["agenda.moved"].format(client=after.get("client_name") or "",
                                                      when=f"{day} {start}")
        self._seen_version = await announce(self)


def block_ids(days: list[DayGroup]) -> list[str]:
    """Every appointment shown (tests)."""
    return [b.id for day in days for column in day.columns for b in column.blocks]


def blocks(days: list[DayGroup]) -> list[Block]:
    return [b for day in days for column in day.columns for b in column.blocks]
