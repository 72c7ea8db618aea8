"""A clinic of one's own: a signed-in user without a clinic creates one and becomes its admin
(`create_company`, one transaction)."""
from __future__ import annotations

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.refusals import Refused, from_database


OWNER_NAME_LIMIT = 200


async def create(user: AsyncClient, name: str, timezone: str, locale: str,
                 owner_name: str = "") -> str:
    """The new clinic's id, with the owner's name kept on their row (blank: the one they have);
    Refused: name (none given), owner_name (too long), conflict (already in a clinic)."""
    if not name.strip():
        raise Refused("name")
    if len(owner_name.strip()) > OWNER_NAME_LIMIT:
        raise Refused("owner_name")
    try:
        return (await user.rpc("create_company", {
            "p_name": name, "p_timezone": timezone, "p_locale": locale,
            "p_owner_name": owner_name.strip() or None}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"22023": "name", "22001": "owner_name"}) from None
