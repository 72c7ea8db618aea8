"""/settings/professionals (admins): which members are professionals, their specialties and
weekly hours, their exceptions (time off, extra hours), their private calendar feeds, and the
clinic's closed days (national holidays, shown; the clinic's own closures, managed). Every
change runs as the signed-in admin through database functions that check the role and write
the audit trail; the clinic's open agendas follow through its live counter."""
from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from omni_app import paths, services
from omni_app.domain import clock, holidays_calendar, ical_feed, professionals
from omni_app.domain.refusals import Refused
from omni_app.i18n.formatting import zone
from omni_app.state import professional_rows as rows
from omni_app.state.inbox_live import announce
from omni_app.state.session import SessionState

ERRORS = "professionals.error"
HOLIDAYS_AHEAD = timedelta(days=365)


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None


class ProfessionalsState(SessionState):
    members: list[rows.MemberRow] = []
    selected_id: str = ""
    selected_name: str = ""
    is_professional: bool = False
    specialties: str = ""
    days: list[rows.DayRow] = []
    exceptions: list[rows.ExceptionRow] = []
    saved_professional: bool = False    # as stored (the checkbox may differ until saved)
    has_feed: bool = False
    feed_since_text: str = ""
    feed_url: str = ""              # a new feed's URL, shown once
    country: str = ""
    holidays: list[rows.DayOffRow] = []
    closures: list[rows.DayOffRow] = []
    notice: str = ""                # loading failed / refusals of the member form
    message: str = ""
    exception_error: str = ""
    exception_message: str = ""
    feed_error: str = ""
    closure_error: str = ""
    closure_message: str = ""
    form_key: int = 0               # a new key resets the uncontrolled add forms

    async def _as_admin(self, action, shows: str = "notice"):
        return (await self._guarded(action, who="admin", errors=ERRORS, shows=shows)).answer

    async def _load(self, user, actor=None) -> None:
        members = await professionals.members(user)
        self.members = [rows.member_row(m, self.locale) for m in members]
        if self.selected_id not in {m.id for m in members}:
            self.selected_id = next((m.id for m in members if m.is_professional),
                                    members[0].id if members else "")
        await self._load_member(user, next((m for m in members if m.id == self.selected_id),
                                           None))
        await self._load_days_off(user)
        self.form_key += 1

    async def _load_member(self, user, member: professionals.Member | None) -> None:
        self.feed_url = ""
        if member is None:
            self.selected_name, self.is_professional, self.specialties = "", False, ""
            self.saved_professional = False
            self.days, self.exceptions, self.has_feed = [], [], False
            return
        self.selected_name = member.name
        self.is_professional = self.saved_professional = member.is_professional
        self.specialties = ", ".join(member.specialties)
        self.days = rows.day_rows(member.working_hours, self.locale)
        today = clock.now().astimezone(zone(self.timezone)).date()
        self.exceptions = [rows.exception_row(e, self.tr, self.locale) for e in
                           await professionals.exceptions(user, member.id, first=today)]
        feeds = await ical_feed.feeds(user)
        self.has_feed = member.id in feeds
        self.feed_since_text = self.tr["professionals.feed.since"].format(
            when=self._local_time(feeds[member.id])) if self.has_feed else ""

    async def _load_days_off(self, user) -> None:
        today = clock.now().astimezone(zone(self.timezone)).date()
        country = holidays_calendar.country_of(self.timezone)
        self.country = rows.country_name(country, self.locale)
        self.holidays = rows.holiday_rows(holidays_calendar.national(
            country, today, today + HOLIDAYS_AHEAD, self.locale), self.locale)
        self.closures = rows.closure_rows(await holidays_calendar.closures(user, first=today),
                                          self.tr, self.locale)

    @rx.event
    async def open_professionals(self):
        """on_load (after require_admin)."""
        self.notice = self.message = self.exception_message = self.closure_message = ""
        self.exception_error = self.feed_error = self.closure_error = ""
        return await self._as_admin(self._load)

    @rx.event
    async def select_member(self, member_id: str):
        self.selected_id = member_id
        self.message = self.exception_message = self.exception_error = self.feed_error = ""
        return await self._as_admin(self._load)

    @rx.event
    def set_is_professional(self, value: bool):
        self.is_professional = bool(value)

    @rx.event
    def set_specialties(self, value: str):
        self.specialties = value

    @rx.event
    def set_interval(self, day: str, index: int, end: bool, value: str):
        for row in self.days:
            if row.key == day and 0 <= index < len(row.intervals):
                interval = row.intervals[index]
                if end:
                    interval.end = value
                else:
                    interval.start = value
        self.days = list(self.days)

    @rx.event
    def add_interval(self, day: str):
        for row in self.days:
            if row.key == day:
                last = row.intervals[-1].end if row.intervals else "08:00"
                row.intervals.append(rows.IntervalRow(last, "18:00" if last < "18:00"
                                                      else "00:00"))
        self.days = list(self.days)

    @rx.event
    def remove_interval(self, day: str, index: int):
        for row in self.days:
            if row.key == day and 0 <= index < len(row.intervals):
                row.intervals.pop(index)
        self.days = list(self.days)

    @rx.event
    async def save_member(self):
        self.message = ""
        hours = rows.hours_of(self.days)
        try:
            professionals.check_hours(hours)
        except Refused as refused:
            names = rows.day_names(self.locale)
            self.notice = self.tr[f"{ERRORS}.{refused.reason}"].format(
                day=names.get(refused.detail, refused.detail).capitalize())
            return None
        member_id = self.selected_id

        async def save(user, actor):
            saved = await professionals.save(
                user, member_id, is_professional=self.is_professional,
                specialties=professionals.parse_specialties(self.specialties),
                working_hours=hours)
            await self._load(user)
            self.message = self.tr["professionals.saved"].format(name=saved.name)
            await announce(self)
        return await self._as_admin(save)

    @rx.event
    async def add_exception(self, data: dict):
        self.exception_message = ""
        member_id = self.selected_id

        async def add(user, actor):
            await professionals.add_exception(
                user, member_id, str(data.get("kind") or ""), _day(data.get("starts_on")),
                _day(data.get("ends_on")), str(data.get("start_time") or "") or None,
                str(data.get("end_time") or "") or None, str(data.get("note") or ""))
            await self._load(user)
            self.exception_message = self.tr["professionals.exceptions.added"]
            await announce(self)
        return await self._as_admin(add, shows="exception_error")

    @rx.event
    async def remove_exception(self, exception_id: str):
        self.exception_message = ""

        async def remove(user, actor):
            await professionals.remove_exception(user, exception_id)
            await self._load(user)
            self.exception_message = self.tr["professionals.exceptions.removed"]
            await announce(self)
        return await self._as_admin(remove, shows="exception_error")

    @rx.event
    async def rotate_feed(self):
        member_id = self.selected_id

        async def rotate(user, actor):
            token = await ical_feed.rotate(user, member_id)
            await self._load(user)
            base = services.current().settings.omni_public_url.rstrip("/")
            self.feed_url = base + paths.CALENDAR_FEED.format(token=token)
        return await self._as_admin(rotate, shows="feed_error")

    @rx.event
    async def revoke_feed(self):
        member_id = self.selected_id

        async def revoke(user, actor):
            await ical_feed.revoke(user, member_id)
            await self._load(user)
        return await self._as_admin(revoke, shows="feed_error")

    @rx.event
    async def save_closure(self, data: dict):
        self.closure_message = ""

        async def save(user, actor):
            closure = await holidays_calendar.save_closure(user, _day(data.get("on_date")),
                                                           str(data.get("label") or ""))
            await self._load(user)
            self.closure_message = self.tr["professionals.closures.saved"].format(
                day=rows.long_date(closure.on_date, self.locale))
            await announce(self)
        return await self._as_admin(save, shows="closure_error")

    @rx.event
    async def remove_closure(self, closure_id: str):
        self.closure_message = ""

        async def remove(user, actor):
            await holidays_calendar.remove_closure(user, closure_id)
            await self._load(user)
            self.closure_message = self.tr["professionals.closures.removed"]
            await announce(self)
        return await self._as_admin(remove, shows="closure_error")
