"""The clinic's WhatsApp message templates: what may be sent once a client's 24-hour window is
closed (or before they ever wrote). Meta approves them outside Omni; admins copy them here with
the status Meta gave (RLS lets only admins write; a trigger audits every change), and staff send
an approved one with its `{{1}}`..`{{n}}` filled in (`queue_template_message`, which checks the
same rules again and queues it like a reply)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import registry
from omni_app.domain import conversations
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

COLUMNS = "id,name,language,body,status"
STATUSES = ("approved", "pending", "rejected")
MAX_NAME, MAX_BODY, MAX_VARIABLE = 512, 1024, 1024
NAME = re.compile(r"^[a-z0-9_]{1,512}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
VARIABLE = re.compile(r"\{\{([1-9][0-9]{0,2})\}\}")
CHANNEL = registry.WHATSAPP.name


@dataclass(frozen=True)
class Draft:
    """A template as an admin typed it, normalized."""
    name: str
    language: str
    body: str
    status: str = "pending"


def name_of(text: str) -> str:
    """WhatsApp's spelling: lower case, spaces as underscores."""
    return re.sub(r"\s+", "_", text.strip().lower())


def language_of(text: str) -> str:
    """`pt-br`, `PT_BR` -> `pt_BR`; `ES` -> `es`."""
    language, _, region = text.strip().replace("-", "_").partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def variable_count(body: str) -> int | None:
    """n when the body's variables are exactly {{1}}..{{n}} (each may repeat, in any order);
    None for a gap, a {{0}}, a {{name}} or a stray brace pair."""
    if re.search(r"\{\{|\}\}", VARIABLE.sub("", body)):
        return None
    numbers = {int(found) for found in VARIABLE.findall(body)}
    return len(numbers) if numbers == set(range(1, len(numbers) + 1)) else None


def render(body: str, values: list[str]) -> str:
    """{{i}} replaced by values[i-1] in one pass; a variable with no value stays as written."""
    def fill(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return values[index] if index < len(values) and values[index] else match.group(0)
    return VARIABLE.sub(fill, body)


def checked(name: str, language: str, body: str, status: str = "pending") -> Draft:
    """The draft, normalized; Refused: name, language, body, too_long, placeholders, status."""
    draft = Draft(name_of(name), language_of(language), body.replace("\x00", "").strip(),
                  status)
    if not NAME.match(draft.name):
        raise Refused("name")
    if not LANGUAGE.match(draft.language):
        raise Refused("language")
    if not draft.body:
        raise Refused("body")
    if len(draft.body) > MAX_BODY:
        raise Refused("too_long")
    if variable_count(draft.body) is None:
        raise Refused("placeholders")
    if draft.status not in STATUSES:
        raise Refused("status")
    return draft


async def listed(user: AsyncClient, approved_only: bool = False) -> list[dict]:
    query = user.table("message_templates").select(COLUMNS)
    if approved_only:
        query = query.eq("status", "approved")
    return (await query.order("name").order("language").execute()).data


async def save(user: AsyncClient, company_id: str, draft: Draft,
               template_id: str | None = None) -> dict:
    """Adds a template, or changes `template_id`; Refused: those of `checked`, duplicate,
    forbidden (not an admin), not_found."""
    draft = checked(draft.name, draft.language, draft.body, draft.status)
    fields = {"name": draft.name, "language": draft.language, "body": draft.body,
              "status": draft.status}
    if template_id is not None and not is_uuid(template_id):
        raise Refused("not_found")
    try:
        if template_id:
            rows = (await user.table("message_templates").update(fields)
                    .eq("id", template_id).execute()).data
        else:
            rows = (await user.table("message_templates")
                    .insert({"company_id": company_id, **fields}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"42501": "forbidden"}) from None
    if not rows:   # RLS: not an admin, or not this clinic's
        raise Refused("not_found" if template_id else "forbidden")
    return rows[0]


async def set_status(user: AsyncClient, template_id: str, status: str) -> dict:
    """What Meta said of the template; Refused: status, not_found (or not an admin)."""
    if status not in STATUSES:
        raise Refused("status")
    if not is_uuid(template_id):
        raise Refused("not_found")
    try:
        rows = (await user.table("message_templates").update({"status": status})
                .eq("id", template_id).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
    if not rows:
        raise Refused("not_found")
    return rows[0]


async def delete(user: AsyncClient, template_id: str) -> None:
    if not is_uuid(template_id):
        raise Refused("not_found")
    try:
        rows = (await user.table("message_templates").delete().eq("id", template_id)
                .execute()).data
    except APIError as refused:
        raise from_database(refused) from None
    if not rows:
        raise Refused("not_found")


async def needs_template(user: AsyncClient, client_id: str) -> bool:
    """True when a free-form WhatsApp message to the client would be refused: they never wrote
    on WhatsApp, or their last message is older than the channel's window."""
    last = await conversations.last_inbound_at(user, client_id, CHANNEL)
    return conversations.reply_window_closed(CHANNEL, last)


async def send(user: AsyncClient, conversation_id: str, template_id: str,
               variables: list[str]) -> dict:
    """Queues the approved template on a WhatsApp conversation of the user's clinic, rendered,
    with its delivery job (`queue_template_message`). Refused: not_found, template_not_found,
    template_not_approved, variable_count, variables, not_whatsapp, closed, too_long."""
    if not is_uuid(conversation_id):
        raise Refused("not_found")
    if not is_uuid(template_id):
        raise Refused("template_not_found")
    values = [value.replace("\x00", "").strip() for value in variables]
    try:
        return (await user.rpc("queue_template_message", {
            "p_conversation_id": conversation_id, "p_template_id": template_id,
            "p_variables": values}).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
