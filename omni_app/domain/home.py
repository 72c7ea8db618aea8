"""The home page's summary of the clinic (`home_counters`), read as the signed-in user."""
from __future__ import annotations

from supabase import AsyncClient

COUNTERS = ("open_conversations", "unread_messages", "appointments_today", "open_leads",
            "revenue_this_month")


async def counters(user: AsyncClient) -> dict:
    data = (await user.rpc("home_counters", {}).execute()).data or {}
    return {key: data.get(key, 0) for key in COUNTERS}
