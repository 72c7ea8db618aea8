"""A clinic of one's own: a signed-in user without a clinic creates one and becomes its admin
(`create_company`, one transaction)."""
from __future__ import annotations

from postgrest.exceptions import APIError
from supabase import AsyncClient


class ClinicRefused(Exception):
    """The database's own words: already in a clinic, no name."""


async def create(user: AsyncClient, name: str, timezone: str, locale: str) -> str:
    """The new clinic's id."""
    try:
        return (await user.rpc("create_company", {"p_name": name, "p_timezone": timezone,
                                                  "p_locale": locale}).execute()).data
    except APIError as refused:
        raise ClinicRefused(refused.message or "refused") from None
