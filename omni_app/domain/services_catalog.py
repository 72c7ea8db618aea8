"""The clinic's services: name, duration, price in the clinic's currency, color, active. Staff
read them; only admins write them (RLS; a trigger audits each change). A service that was ever
booked is archived rather than deleted (`remove_service` decides in one statement), and an
archived one can be restored. Named `services_catalog` because `omni_app.services` is the
process's registry."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.amounts import MAX_AMOUNT, parse_amount
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

COLUMNS = "id,name,price,duration_minutes,color,active,archived_at,created_at"
COLORS = ("gray", "blue", "cyan", "teal", "green", "grass", "amber", "orange", "red", "crimson",
          "pink", "purple", "violet", "indigo", "brown")
MAX_NAME, MAX_MINUTES = 200, 24 * 60


@dataclass(frozen=True)
class Draft:
    """A service as an admin typed it, parsed."""
    name: str
    duration_minutes: int
    price: Decimal
    color: str = "blue"
    active: bool = True


def checked(draft: Draft) -> Draft:
    """The draft with its name trimmed; Refused: name, name_too_long, duration,
    duration_too_long, price_negative, price_too_high, color."""
    name = " ".join(draft.name.replace("\x00", "").split())
    if not name:
        raise Refused("name")
    if len(name) > MAX_NAME:
        raise Refused("name_too_long")
    if draft.duration_minutes <= 0:
        raise Refused("duration")
    if draft.duration_minutes > MAX_MINUTES:
        raise Refused("duration_too_long")
    if draft.price < 0:
        raise Refused("price_negative")
    if draft.price > MAX_AMOUNT:
        raise Refused("price_too_high")
    if draft.color not in COLORS:
        raise Refused("color")
    return Draft(name, draft.duration_minutes, draft.price, draft.color, bool(draft.active))


def typed(name: str, duration: str, price: str, color: str, active: bool,
          babel_locale: str) -> Draft:
    """A draft from a form's text, the price as the admin's language writes numbers ("250,00"
    in pt-BR); Refused: duration (not a whole number of minutes), price (not a number), and
    those of `checked`."""
    try:
        minutes = int(str(duration).strip())
    except ValueError:
        raise Refused("duration") from None
    try:
        amount = parse_amount(price, babel_locale)
    except ValueError:
        raise Refused("price") from None
    return checked(Draft(name, minutes, amount, color, active))


async def listed(user: AsyncClient, include_archived: bool = True) -> list[dict]:
    """The clinic's services by name (archived ones too, unless asked otherwise)."""
    query = user.table("services").select(COLUMNS)
    if not include_archived:
        query = query.is_("archived_at", "null")
    return (await query.order("name").execute()).data


def _fields(draft: Draft) -> dict:
    return {"name": draft.name, "duration_minutes": draft.duration_minutes,
            "price": str(draft.price), "color": draft.color, "active": draft.active}


async def _written(request, missing: str) -> dict:
    try:
        rows = (await request.execute()).data
    except APIError as refused:
        raise from_database(refused, {"42501": "forbidden"}) from None
    if not rows:   # RLS: not an admin, or not this clinic's
        raise Refused(missing)
    return rows[0]


async def save(user: AsyncClient, company_id: str, draft: Draft,
               service_id: str | None = None) -> dict:
    """Adds a service, or changes `service_id`; Refused: those of `checked`, duplicate (the
    name is taken, whatever its case), forbidden (not an admin), not_found."""
    fields = _fields(checked(draft))
    if service_id is None:
        return await _written(user.table("services").insert({"company_id": company_id,
                                                            **fields}), "forbidden")
    if not is_uuid(service_id):
        raise Refused("not_found")
    return await _written(user.table("services").update(fields).eq("id", service_id),
                          "not_found")


async def set_active(user: AsyncClient, service_id: str, active: bool) -> dict:
    if not is_uuid(service_id):
        raise Refused("not_found")
    return await _written(user.table("services").update({"active": bool(active)})
                          .eq("id", service_id), "not_found")


async def remove(user: AsyncClient, service_id: str) -> str:
    """Deletes a service never booked, archives one that was: "deleted" or "archived".
    Refused: not_found, forbidden."""
    if not is_uuid(service_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("remove_service", {"p_service_id": service_id})
                .execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def restore(user: AsyncClient, service_id: str) -> dict:
    """An archived service back in the list (inactive until an admin turns it on)."""
    if not is_uuid(service_id):
        raise Refused("not_found")
    return await _written(user.table("services").update({"archived_at": None})
                          .eq("id", service_id), "not_found")
