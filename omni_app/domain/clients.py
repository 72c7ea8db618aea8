"""The clinic's clients as staff keep them (/clients), read and written as the signed-in user:
row-level security scopes every row to their clinic.

The list is paged by keyset on the chosen order (name, last activity, created), each with `id`
as the tie-break and an index per order; the first page is counted. Search is the one in
`search.client_list_match` (folded name, e-mail, phone digits in any spelling).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.channels import phones
from omni_app.domain import clock, cpf, search
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

LIST_PAGE = 50
LIST_COLUMNS = ("id,full_name,phone,email,instagram_id,source_channel,is_lead,pipeline_stage,"
                "tags,owner_id,last_interaction_at,created_at,search_name")
EDIT_COLUMNS = "id,full_name,phone,email,birth_date,cpf,tags,source_channel,instagram_id,owner_id"
# A stage key (the clinic's stages are in pipeline_stages; the database refuses unknown ones).
STAGE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SOURCES = ("whatsapp", "instagram", "email", "sms", "webchat", "internal", "manual", "referral")
KINDS = ("lead", "patient")
# order -> (column, descending)
SORTS = {"name": ("search_name", False), "activity": ("last_interaction_at", True),
         "created": ("created_at", True), "board": ("board_rank", False)}
MAX_NAME, MAX_EMAIL, MAX_TAG, MAX_TAGS, MAX_INSTAGRAM = 200, 320, 60, 50, 64
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NOBODY = "none"         # the owner filter's value for clients nobody owns


@dataclass(frozen=True)
class ClientFilter:
    search: str = ""
    kind: str = ""          # "" (all), lead, patient
    stage: str = ""         # "" or a stage key
    tag: str = ""
    source: str = ""        # "" or one of SOURCES
    sort: str = "name"      # one of SORTS
    phone: str = ""         # "" or an E.164 number: that number in any of its spellings
    owner: str = ""         # "" (anyone), NOBODY, or a member's id
    upcoming: bool = False  # only clients with an appointment still to come


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    has_more: bool
    total: int | None = None


def list_cursor(row: dict, sort: str) -> tuple[str | None, str]:
    column, _ = SORTS.get(sort, SORTS["name"])
    return row.get(column), row["id"]


def _after(column: str, descending: bool, cursor: tuple[str | None, str]) -> str:
    """Rows after `cursor` in (column [desc nulls last], id): the condition for `or=(...)`."""
    value, row_id = cursor
    if value is None:
        return f"and({column}.is.null,id.gt.{row_id})"
    quoted = search._quoted(value)
    beyond = f"{column}.{'lt' if descending else 'gt'}.{quoted}"
    nulls = f",{column}.is.null" if descending else ""
    return f"{beyond},and({column}.eq.{quoted},id.gt.{row_id}){nulls}"


async def listed(user: AsyncClient, wanted: ClientFilter, limit: int = LIST_PAGE,
                 after: tuple[str | None, str] | None = None, count: bool = False,
                 columns: str = LIST_COLUMNS) -> Page:
    """One page of the clinic's clients in the chosen order; `count` adds how many match.
    `columns` must hold `id` and the order's column (the cursor is made of them)."""
    # the view adds has_upcoming (an EXISTS): asked for only when that filter is on
    source = "clients_listed" if wanted.upcoming else "clients"
    query = user.table(source).select(columns, count="exact" if count else None)
    if wanted.upcoming:
        query = query.eq("has_upcoming", True)
    if wanted.owner == NOBODY:
        query = query.is_("owner_id", "null")
    elif is_uuid(wanted.owner):
        query = query.eq("owner_id", wanted.owner)
    if wanted.phone:
        query = query.in_("phone", phones.candidates(wanted.phone))
    if wanted.kind in KINDS:
        query = query.eq("is_lead", wanted.kind == "lead")
    if STAGE_KEY.match(wanted.stage):
        query = query.eq("pipeline_stage", wanted.stage)
    if wanted.source in SOURCES:
        query = query.eq("source_channel", wanted.source)
    if wanted.tag:
        query = query.filter("tags", "cs", "{" + search._quoted(wanted.tag[:MAX_TAG]) + "}")
    column, descending = SORTS.get(wanted.sort, SORTS["name"])
    if after is not None and after[0] is not None and not descending:
        # Redundant with the keyset condition below, but a plain bound the index can seek to
        # (an `or` is only a filter: deep pages would read every row before the cursor).
        query = query.gte(column, after[0])
    conditions = [search.client_list_match(wanted.search),
                  _after(column, descending, after) if after is not None else None]
    conditions = [condition for condition in conditions if condition]
    if len(conditions) == 1:
        query = query.or_(conditions[0])
    elif conditions:   # one `or` parameter only: both trees inside it, joined by and()
        query = query.or_(f"and(or({conditions[0]}),or({conditions[1]}))")
    query = query.order(column, desc=descending, nullsfirst=False).order("id")
    answer = await query.limit(limit + 1).execute()
    return Page(answer.data[:limit], len(answer.data) > limit, answer.count if count else None)


@dataclass(frozen=True)
class ClientInput:
    """What the create/edit form sends, as typed."""
    full_name: str = ""
    phone: str = ""
    email: str = ""
    birth_date: str = ""    # YYYY-MM-DD (the date input's value)
    cpf: str = ""           # blank on edit: keep the stored one
    tags: str = ""          # comma-separated
    source: str = ""
    instagram: str = ""     # the Instagram id, with or without "@"
    owner_id: str = ""      # "" : nobody


def tag_list(text: str) -> list[str]:
    """Tags typed comma-separated, trimmed, duplicates (ignoring case) dropped, first kept.
    Refused: tag (one longer than 60, or with no letter or digit, e.g. emoji only), tags."""
    tags, seen = [], set()
    for part in text.replace("\x00", "").split(","):
        tag = " ".join(part.split())
        if not tag:
            continue
        if len(tag) > MAX_TAG or not any(c.isalnum() for c in tag):
            raise Refused("tag", tag[:MAX_TAG])
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise Refused("tags")
    return tags


def _birth_date(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        born = date.fromisoformat(text.strip())
    except ValueError:
        raise Refused("birth_date") from None
    if not date(1900, 1, 1) <= born <= clock.now().date():
        raise Refused("birth_date")
    return born.isoformat()


def _name(text: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", text.replace("\x00", "")).split())
    if not name:
        raise Refused("name_required")
    if len(name) > MAX_NAME:
        raise Refused("name_too_long")
    return name


def instagram_id(text: str) -> str | None:
    """An Instagram id as typed ("@clinica.sorriso" or the numeric id), stored without "@";
    the database's check is 1 to 64 characters. Refused: instagram (spaces, or too long)."""
    handle = text.replace("\x00", "").strip().removeprefix("@").strip()
    if not handle:
        return None
    if len(handle) > MAX_INSTAGRAM or any(c.isspace() for c in handle) or "@" in handle:
        raise Refused("instagram")
    return handle


def validated(form: ClientInput, editing: bool) -> dict:
    """The row to write, or Refused(reason) naming the first field that is wrong."""
    row = {"full_name": _name(form.full_name)}
    phone = None
    if form.phone.strip():
        phone = phones.normalize(form.phone)
        if phone is None:
            raise Refused("phone")
    row["phone"] = phone
    email = form.email.strip().lower() or None
    if email and (len(email) > MAX_EMAIL or not EMAIL.match(email)):
        raise Refused("email")
    row["email"] = email
    row["birth_date"] = _birth_date(form.birth_date)
    if form.cpf.strip():
        row["cpf"] = cpf.normalize(form.cpf)
        if row["cpf"] is None:
            raise Refused("cpf")
    elif not editing:
        row["cpf"] = None
    row["tags"] = tag_list(form.tags)
    if form.source and form.source not in SOURCES:
        raise Refused("source")
    row["source_channel"] = form.source or None
    row["instagram_id"] = instagram_id(form.instagram)
    if form.owner_id and not is_uuid(form.owner_id):
        raise Refused("owner")
    row["owner_id"] = form.owner_id or None
    return row


class Taken(Refused):
    """A phone number or Instagram id another client of the clinic has (reason phone_taken or
    instagram_taken; detail: that client's name): `client_id` is that client."""

    def __init__(self, reason: str, holder: dict):
        super().__init__(reason, holder["full_name"])
        self.client_id = holder["id"]


async def phone_holder(user: AsyncClient, phone: str | None,
                       client_id: str | None) -> dict | None:
    """Another client of the clinic with this number, in any of its spellings."""
    if not phone:
        return None
    return await _holder(user, user.table("clients").select("id,full_name")
                         .in_("phone", phones.candidates(phone)), client_id)


async def instagram_holder(user: AsyncClient, instagram: str | None,
                           client_id: str | None) -> dict | None:
    """Another client of the clinic with this Instagram id."""
    if not instagram:
        return None
    return await _holder(user, user.table("clients").select("id,full_name")
                         .eq("instagram_id", instagram), client_id)


async def _holder(user: AsyncClient, query, client_id: str | None) -> dict | None:
    if client_id:
        query = query.neq("id", client_id)
    rows = (await query.limit(1).execute()).data
    return rows[0] if rows else None


async def save(user: AsyncClient, company_id: str, form: ClientInput,
               client_id: str | None = None) -> dict:
    """Adds a client (a lead), or changes `client_id`. Refused: name_required,
    name_too_long, phone, email, birth_date, cpf, tag, tags, source, instagram, owner (not an
    active member of the clinic), phone_taken and instagram_taken (as `Taken`: the other
    client), duplicate, not_found."""
    if client_id is not None and not is_uuid(client_id):
        raise Refused("not_found")
    row = validated(form, editing=client_id is not None)
    holder = await phone_holder(user, row["phone"], client_id)
    if holder is not None:
        raise Taken("phone_taken", holder)
    holder = await instagram_holder(user, row["instagram_id"], client_id)
    if holder is not None:
        raise Taken("instagram_taken", holder)
    try:
        if client_id:
            row["updated_at"] = clock.now().isoformat()
            rows = (await user.table("clients").update(row).eq("id", client_id)
                    .execute()).data
        else:
            rows = (await user.table("clients")
                    .insert({**row, "company_id": company_id,
                             "source_channel": row["source_channel"] or "manual"})
                    .execute()).data
    except APIError as refused:
        raise from_database(refused, {"23503": "owner"}) from None
    if not rows:
        raise Refused("not_found")
    return rows[0]


async def move(user: AsyncClient, client_id: str, stage: str) -> dict:
    """Puts the client in pipeline `stage`; the database records the change (from, to, the
    signed-in member, the time) in pipeline_stage_changes when the stage differs. Refused:
    stage (not one of the clinic's), stage_archived, not_found."""
    if not STAGE_KEY.match(stage or ""):
        raise Refused("stage")
    if not is_uuid(client_id):
        raise Refused("not_found")
    try:
        rows = (await user.table("clients")
                .update({"pipeline_stage": stage, "updated_at": clock.now().isoformat()})
                .eq("id", client_id).execute()).data
    except APIError as refused:
        raise from_database(refused, {"23503": "stage"}) from None
    if not rows:
        raise Refused("not_found")
    return rows[0]


async def set_owner(user: AsyncClient, client_id: str, owner_id: str | None) -> dict:
    """Makes member `owner_id` (None: nobody) the client's owner. Refused: owner (not an
    active member of the clinic), not_found."""
    if not is_uuid(client_id):
        raise Refused("not_found")
    if owner_id is not None and not is_uuid(owner_id):
        raise Refused("owner")
    try:
        rows = (await user.table("clients")
                .update({"owner_id": owner_id, "updated_at": clock.now().isoformat()})
                .eq("id", client_id).execute()).data
    except APIError as refused:
        raise from_database(refused, {"23503": "owner"}) from None
    if not rows:
        raise Refused("not_found")
    return rows[0]


async def for_edit(user: AsyncClient, client_id: str) -> dict | None:
    if not is_uuid(client_id):
        return None
    rows = (await user.table("clients").select(EDIT_COLUMNS).eq("id", client_id).limit(1)
            .execute()).data
    return rows[0] if rows else None


async def tags(user: AsyncClient) -> list[str]:
    """The tags the clinic's clients carry, for autocomplete."""
    return [row if isinstance(row, str) else next(iter(row.values()))
            for row in (await user.rpc("client_tags", {}).execute()).data or []]
