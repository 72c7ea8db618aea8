"""The clinic's quick replies: canned answers admins write (RLS lets only them write) and
everyone inserts from the composer, with variables filled in for the conversation at hand."""
from __future__ import annotations

import re
from dataclasses import dataclass

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clock
from omni_app.domain.refusals import Refused, from_database

COLUMNS = "id,shortcut,body"
MAX_BODY = 4000
SHORTCUT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
VARIABLE = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
# The names a variable may have in each language the UI speaks.
NAMES = {"nome": "name", "name": "name", "nombre": "name",
         "clinica": "clinic", "clínica": "clinic", "clinic": "clinic"}


def shortcut_of(text: str) -> str:
    """What people type after `/`: lower case, no leading slash, spaces as dashes."""
    return re.sub(r"\s+", "-", text.strip().lstrip("/").strip().lower())


@dataclass(frozen=True)
class Values:
    """What the variables stand for in one conversation."""
    name: str = ""       # the client's first name
    clinic: str = ""


def render(body: str, values: Values) -> str:
    """{{nome}}/{{name}}/{{nombre}} and {{clinica}}/{{clinic}} filled in; a variable with no
    value, or unknown, stays as written so the user sees what to complete."""
    def fill(match: re.Match) -> str:
        key = NAMES.get(match.group(1).lower())
        value = getattr(values, key) if key else ""
        return value or match.group(0)
    return VARIABLE.sub(fill, body)


def first_name(full_name: str) -> str:
    words = full_name.split()
    return words[0] if words and not words[0].startswith(("+", "@")) else ""


async def listed(user: AsyncClient) -> list[dict]:
    return (await user.table("quick_replies").select(COLUMNS).order("shortcut")
            .execute()).data


async def save(user: AsyncClient, company_id: str, shortcut: str, body: str,
               reply_id: str | None = None) -> dict:
    """Adds a quick reply, or changes `reply_id`; Refused: shortcut, body, duplicate,
    forbidden (not an admin), not_found."""
    shortcut, body = shortcut_of(shortcut), body.replace("\x00", "").strip()
    if not SHORTCUT.match(shortcut):
        raise Refused("shortcut")
    if not body or len(body) > MAX_BODY:
        raise Refused("body")
    try:
        if reply_id:
            rows = (await user.table("quick_replies")
                    .update({"shortcut": shortcut, "body": body,
                             "updated_at": clock.now().isoformat()})
                    .eq("id", reply_id).execute()).data
        else:
            rows = (await user.table("quick_replies")
                    .insert({"company_id": company_id, "shortcut": shortcut, "body": body})
                    .execute()).data
    except APIError as refused:
        raise from_database(refused) from None
    if not rows:   # RLS: not an admin, or not this clinic's
        raise Refused("forbidden" if not reply_id else "not_found")
    return rows[0]


async def delete(user: AsyncClient, reply_id: str) -> None:
    try:
        rows = (await user.table("quick_replies").delete().eq("id", reply_id).execute()).data
    except APIError as refused:
        raise from_database(refused) from None
    if not rows:
        raise Refused("not_found")
