"""/settings/clinic: every member reads the clinic's settings, admins save them. The text fields
live in the page's form (read on submit); the time zone, the logo preview and the working hours
live here, so the page answers as they change (the hours' problems in words, before saving)."""
from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx
from babel.numbers import get_currency_name

from omni_app.domain import clinic_settings as clinic
from omni_app.i18n import timezones
from omni_app.i18n.formatting import babel_locale
from omni_app.state.inbox_live import announce
from omni_app.state.onboarding import ZoneChoice, zone_choices
from omni_app.state.session import SessionState


@dataclass
class Slot:
    start: str = ""
    end: str = ""


@dataclass
class DayHours:
    key: str = ""
    slots: list[Slot] = field(default_factory=list)
    summary: str = ""         # "08:00–12:00, 14:00–18:00"; "" when closed


@dataclass
class CurrencyChoice:
    code: str = ""
    label: str = ""          # "BRL · Real brasileiro", in the reader's language


@dataclass
class TemplateLine:
    name: str = ""
    language: str = ""
    status: str = ""


def day_rows(hours: clinic.Hours) -> list[DayHours]:
    return [summarized(DayHours(day, [Slot(s.get("start", ""), s.get("end", ""))
                                      for s in hours.get(day) or []]))
            for day in clinic.DAYS]


def summarized(day: DayHours) -> DayHours:
    day.summary = ", ".join(f"{s.start}–{s.end}" for s in day.slots)
    return day


def next_slot(slots: list[Slot]) -> Slot:
    """A new interval: the morning on a closed day, else the hour after the day's last one."""
    if not slots:
        return Slot("08:00", "12:00")
    last = slots[-1].end if clinic.TIME.match(slots[-1].end) else "08:00"
    start = min(last, "23:00")
    hour = int(start[:2]) + 1
    return Slot(start, f"{hour:02d}:{start[3:]}" if hour < 24 else "24:00")


def hours_of(days: list[DayHours]) -> clinic.Hours:
    return {day.key: [{"start": s.start, "end": s.end} for s in day.slots]
            for day in days if day.slots}


class ClinicSettingsState(SessionState):
    values: clinic.ClinicSettings = clinic.ClinicSettings()   # as last read
    days: list[DayHours] = []
    chosen_timezone: str = timezones.DEFAULT
    timezone_query: str = ""
    logo_draft: str = ""
    logo_failed: bool = False
    templates: list[TemplateLine] = []
    loads: int = 0            # the form's text fields start afresh after each read
    message: str = ""
    error: str = ""

    @rx.var
    def form_key(self) -> str:
        return f"clinic-settings-{self.loads}"

    @rx.var
    def timezone_choices(self) -> list[ZoneChoice]:
        return zone_choices(self.timezone_query, self.chosen_timezone, self.locale)

    @rx.var
    def timezone_label(self) -> str:
        return timezones.label(self.chosen_timezone, self.locale)

    @rx.var
    def currency_choices(self) -> list[CurrencyChoice]:
        language = babel_locale(self.locale)
        return [CurrencyChoice(code, f"{code} · {get_currency_name(code, locale=language)}")
                for code in clinic.CURRENCIES]

    @rx.var
    def logo_preview(self) -> str:
        """The logo's address when it may be shown (https only)."""
        draft = self.logo_draft.strip()
        return draft if clinic.LOGO.match(draft) and len(draft) <= clinic.MAX_LOGO else ""

    @rx.var
    def hours_messages(self) -> list[str]:
        """What is wrong with the hours as typed, one sentence per problem."""
        return [self.tr[f"settings.hours.problem.{p.kind}"].format(
                    day=self.tr[f"settings.day.{p.day}"], interval=p.interval, other=p.other)
                for p in clinic.hours_problems(hours_of(self.days))]

    def _show(self, values: clinic.ClinicSettings) -> None:
        self.values, self.days = values, day_rows(values.working_hours)
        self.chosen_timezone, self.timezone_query = values.timezone, ""
        self.logo_draft, self.logo_failed = values.logo_url, False
        self.loads += 1

    async def _read(self, user, actor) -> None:
        self._show(await clinic.load(user, actor.company_id))
        self.templates = [TemplateLine(t["name"], t["language"], t["status"])
                          for t in await clinic.templates(user)]

    @rx.event
    async def open_settings(self):
        """on_load: who is this (re-read from the server: the page differs for admins), then
        the clinic's settings."""
        self.message = ""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        return (await self._guarded(self._read, errors="settings.error", shows="error")).answer

    @rx.event
    def search_timezones(self, query: str):
        self.timezone_query = query[:80]

    @rx.event
    def pick_timezone(self, zone: str):
        if timezones.known(zone):
            self.chosen_timezone = zone

    @rx.event
    def set_logo(self, value: str):
        self.logo_draft, self.logo_failed = value[:clinic.MAX_LOGO + 1], False

    @rx.event
    def logo_not_loaded(self):
        self.logo_failed = True

    @rx.event
    def add_slot(self, day_index: int):
        day = self.days[day_index]
        day.slots.append(next_slot(day.slots))
        self.days[day_index] = summarized(day)

    @rx.event
    def remove_slot(self, day_index: int, slot_index: int):
        day = self.days[day_index]
        del day.slots[slot_index]
        self.days[day_index] = summarized(day)

    @rx.event
    def set_slot(self, day_index: int, slot_index: int, which: str, value: str):
        day = self.days[day_index]
        setattr(day.slots[slot_index], "end" if which == "end" else "start", value[:5])
        self.days[day_index] = summarized(day)

    @rx.event
    async def save(self, form: dict):
        draft = clinic.ClinicSettings(
            str(form.get("name") or ""), str(form.get("logo_url") or ""),
            str(form.get("contact_email") or ""), str(form.get("contact_phone") or ""),
            str(form.get("address") or ""), self.chosen_timezone,
            str(form.get("locale") or self.values.locale),
            str(form.get("currency") or self.values.currency), hours_of(self.days))
        self.message = ""

        async def save(user, actor):
            changes = await clinic.save(user, draft)
            await self._read(user, actor)
            return changes
        done = await self._guarded(save, who="admin", errors="settings.error", shows="error")
        if not done.done:
            return done.answer
        self.message = self.tr["settings.saved" if done.value else "settings.unchanged"]
        # the frame shows the clinic's name, and every page formats in its zone and currency
        self.clinic_name, self.timezone = self.values.name, self.values.timezone
        self.currency = self.values.currency
        if done.value:
            await announce(self)
