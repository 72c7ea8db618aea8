"""An appointment's confirmation request, sent as one of the clinic's approved WhatsApp templates
(the client's 24-hour window is usually closed days before a visit).

Which templates: the approved ones whose name says confirmation (`confirmacao_consulta`,
`appointment_confirmation`, `confirmar_cita`: the name contains "confirm"), those in the
clinic's language when there are any. One left: it is sent at once; several: staff choose.
The variables are filled from the appointment, in this order (a template uses the first n):
{{1}} the client's first name, {{2}} the day, {{3}} the time, {{4}} the professional,
{{5}} the service, {{6}} the clinic; day and time in the template's language and the clinic's
time zone. The message goes on the client's WhatsApp conversation (started when there is
none) through `send_appointment_confirmation`, which marks it with the appointment."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, format_time
from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import client_profile
from omni_app.domain import message_templates as templates
from omni_app.domain.clock import parse_time
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

MARK = "confirm"
FILLED = ("first_name", "day", "time", "professional", "service", "clinic")


def suitable(rows: list[dict], locale: str) -> list[dict]:
    """The approved confirmation templates, narrowed to the clinic's language when any is in
    it (`pt-BR` matches `pt_BR` and `pt`), by name."""
    found = [row for row in rows if row.get("status") == "approved" and MARK in row["name"]]
    language = locale.replace("-", "_")
    same = [row for row in found if row["language"] == language
            or row["language"] == language.split("_")[0]]
    return sorted(same or found, key=lambda row: (row["name"], row["language"]))


def _babel(language: str) -> str:
    """The template's language as Babel knows it (Portuguese for one it does not)."""
    try:
        return str(Locale.parse(language))
    except (ValueError, UnknownLocaleError):
        return "pt_BR"


def values(facts: dict, language: str) -> dict[str, str]:
    """Every fillable variable of the appointment, by name ("" when it has none)."""
    zone = ZoneInfo(facts.get("timezone") or "America/Sao_Paulo")
    starts: datetime = parse_time(facts["starts_at"]).astimezone(zone)
    words = _babel(language)
    return {
        "first_name": ((facts.get("client_name") or "").split() or [""])[0],
        "day": format_skeleton("MMMMEEEEd", starts, locale=words),
        "time": format_time(starts, "short", locale=words).replace("\u202f", " "),
        "professional": (facts.get("professional_name") or "").strip(),
        "service": (facts.get("service_name") or "").strip(),
        "clinic": (facts.get("clinic_name") or "").strip()}


def variables(body: str, facts: dict, language: str) -> list[str]:
    """{{1}}..{{n}} of `body` filled from the appointment. Refused: template_variables (more
    than Omni fills), confirmation_missing (the appointment lacks one, e.g. no professional)."""
    count = templates.variable_count(body) or 0
    if count > len(FILLED):
        raise Refused("template_variables")
    known = values(facts, language)
    filled = [known[name] for name in FILLED[:count]]
    if not all(filled):
        raise Refused("confirmation_missing")
    return filled


async def facts(user: AsyncClient, appointment_id: str) -> dict | None:
    if not is_uuid(appointment_id):
        return None
    return (await user.rpc("appointment_confirmation_facts",
                           {"p_appointment_id": appointment_id}).execute()).data or None


async def offered(user: AsyncClient, locale: str) -> list[dict]:
    """The templates a confirmation may use (see `suitable`)."""
    return suitable(await templates.listed(user, approved_only=True), locale)


async def send(user: AsyncClient, appointment_id: str, template_id: str) -> dict:
    """Queues the confirmation of the appointment with the template; the queued message.
    Refused: appointment_not_found, appointment_not_active, template_not_found, no_phone,
    phone, those of `variables` and of `message_templates.send`."""
    found = await facts(user, appointment_id)
    if found is None:
        raise Refused("appointment_not_found")
    template = next((row for row in await templates.listed(user, approved_only=True)
                     if row["id"] == template_id), None)
    if template is None:
        raise Refused("template_not_found")
    filled = variables(template["body"], found, template["language"])
    conversation_id = await client_profile.message_thread(
        user, {"phone": found.get("phone"), "full_name": found.get("client_name")})
    try:
        return (await user.rpc("send_appointment_confirmation", {
            "p_appointment_id": appointment_id, "p_conversation_id": conversation_id,
            "p_template_id": template_id, "p_variables": filled}).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
