"""The clinic's settings: name, logo, contact, address, time zone, default language, currency
and weekly working hours. Members read them (RLS); admins save them all at once through
`save_clinic_settings`, which checks the same rules again, writes companies and settings in one
transaction and audits what changed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.core import get_global
from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import phones
from omni_app.domain.refusals import Refused, from_database
from omni_app.i18n import LOCALE_NAMES, timezones

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CURRENCIES = ("BRL", "USD", "EUR", "ARS", "MXN", "CLP", "COP", "PEN", "UYU", "PYG", "BOB", "GBP")
MAX_NAME, MAX_ADDRESS, MAX_EMAIL, MAX_LOGO = 200, 500, 254, 2048
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGO = re.compile(r"^https://[^\s/]+\.[^\s]*$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
END_TIME = re.compile(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
Hours = dict[str, list[dict[str, str]]]


@dataclass
class ClinicSettings:
    name: str = ""
    logo_url: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    address: str = ""
    timezone: str = timezones.DEFAULT
    locale: str = "pt-BR"
    currency: str = "BRL"
    working_hours: Hours = field(default_factory=dict)


@dataclass(frozen=True)
class HoursProblem:
    """One thing wrong with a day's hours: `kind` format (a time that is not HH:MM), order
    (start not before end) or overlap (`interval` overlaps `other`)."""
    day: str
    kind: str
    interval: str
    other: str = ""


def _span(slot: dict) -> str:
    return f"{slot.get('start', '')}–{slot.get('end', '')}"


def hours_problems(hours: Hours) -> list[HoursProblem]:
    """Every problem of the week's intervals, in day order."""
    problems = []
    for day in DAYS:
        slots = hours.get(day) or []
        well_formed = []
        for slot in slots:
            start, end = slot.get("start", ""), slot.get("end", "")
            if not TIME.match(start) or not END_TIME.match(end):
                problems.append(HoursProblem(day, "format", _span(slot)))
            elif start >= end:
                problems.append(HoursProblem(day, "order", _span(slot)))
            else:
                well_formed.append(slot)
        well_formed.sort(key=lambda slot: slot["start"])
        for before, after in zip(well_formed, well_formed[1:]):
            if after["start"] < before["end"]:
                problems.append(HoursProblem(day, "overlap", _span(after), _span(before)))
    return problems


def region_of(zone: str) -> str:
    """The country whose national phone numbers the clinic writes (its time zone's)."""
    return get_global("zone_territories").get(zone) or "BR"


def checked(draft: ClinicSettings) -> ClinicSettings:
    """The draft normalized (phone in E.164, e-mail in lower case, empty hours days dropped);
    Refused: name_required, name_too_long, logo_url, contact_email, contact_phone, address,
    timezone, locale, currency, hours_format, hours_order, hours_overlap."""
    name = " ".join(draft.name.replace("\x00", "").split())
    logo, email = draft.logo_url.strip(), draft.contact_email.strip().lower()
    address = "\n".join(line.strip() for line in draft.address.replace("\r", "").split("\n")
                        ).strip()
    if not name:
        raise Refused("name_required")
    if len(name) > MAX_NAME:
        raise Refused("name_too_long")
    if logo and (len(logo) > MAX_LOGO or not LOGO.match(logo)):
        raise Refused("logo_url")
    if email and (len(email) > MAX_EMAIL or not EMAIL.match(email)):
        raise Refused("contact_email")
    phone = ""
    if draft.contact_phone.strip():
        phone = phones.normalize(draft.contact_phone, region_of(draft.timezone)) or ""
        if not phone:
            raise Refused("contact_phone")
    if len(address) > MAX_ADDRESS or CONTROL.search(address):
        raise Refused("address")
    if not timezones.known(draft.timezone):
        raise Refused("timezone")
    if draft.locale not in LOCALE_NAMES:
        raise Refused("locale")
    if draft.currency not in CURRENCIES:
        raise Refused("currency")
    hours = {day: [{"start": s.get("start", ""), "end": s.get("end", "")}
                   for s in draft.working_hours.get(day) or []]
             for day in DAYS if draft.working_hours.get(day)}
    if problems := hours_problems(hours):
        raise Refused(f"hours_{problems[0].kind}")
    return ClinicSettings(name, logo, email, phone, address, draft.timezone, draft.locale,
                          draft.currency, hours)


async def load(user: AsyncClient, company_id: str) -> ClinicSettings:
    """The clinic's settings as its members read them."""
    company = (await user.table("companies").select("name,timezone,locale,currency")
               .eq("id", company_id).execute()).data
    if not company:
        raise Refused("not_found")
    rows = (await user.table("settings")
            .select("logo_url,contact_email,contact_phone,address,working_hours")
            .eq("company_id", company_id).execute()).data
    extra = rows[0] if rows else {}
    return ClinicSettings(
        company[0]["name"], extra.get("logo_url") or "", extra.get("contact_email") or "",
        extra.get("contact_phone") or "", extra.get("address") or "", company[0]["timezone"],
        company[0]["locale"], company[0]["currency"], extra.get("working_hours") or {})


async def save(user: AsyncClient, draft: ClinicSettings) -> dict:
    """Saves every setting (admins); the changes as {field: {old, new}}. Refused: those of
    `checked`, forbidden (not an admin)."""
    settings = checked(draft)
    try:
        return (await user.rpc("save_clinic_settings", {
            "p_name": settings.name, "p_logo_url": settings.logo_url,
            "p_contact_email": settings.contact_email,
            "p_contact_phone": settings.contact_phone, "p_address": settings.address,
            "p_timezone": settings.timezone, "p_locale": settings.locale,
            "p_currency": settings.currency, "p_working_hours": settings.working_hours,
        }).execute()).data or {}
    except APIError as refused:
        raise from_database(refused) from None


async def templates(user: AsyncClient) -> list[dict]:
    """The clinic's WhatsApp message templates (name, language, status), for the summary."""
    return (await user.table("message_templates").select("name,language,status")
            .order("name").order("language").execute()).data
