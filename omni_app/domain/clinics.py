"""A clinic of one's own: a signed-in user without a clinic creates one and becomes its admin
(`create_company`, one transaction)."""
from __future__ import annotations

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.refusals import Refused, from_database


async def create(user: AsyncClient, name: str, timezone: str, locale: str) -> str:
    """The new clinic's id; Refused: name (none given), conflict (already in a clinic)."""
    if not name.strip():
        raise Refused("name")
    try:
        return (await user.rpc("create_company", {"p_name": name, "p_timezone": timezone,
                                                  "p_locale": locale}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"22023": "name"}) from None
