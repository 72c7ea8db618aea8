"""The home page's summary of the clinic (`home_counters`) and the new clinic's getting-started
checklist (`getting_started`), read as the signed-in user."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from supabase import AsyncClient

COUNTERS = ("open_conversations", "unread_messages", "appointments_today", "open_leads",
            "revenue_this_month")
STEPS = ("channel", "team", "services")     # the checklist, in the order it is shown


@dataclass(frozen=True)
class GettingStarted:
    done: dict[str, bool]        # step -> done, from real data
    dismissed: bool              # an admin hid it

    @property
    def shown(self) -> bool:
        return not self.dismissed and not all(self.done.values())


async def counters(user: AsyncClient) -> dict:
    """The counters; `revenue_this_month` is None when the user may not see it (staff, unless
    the clinic shows it to them)."""
    data = (await user.rpc("home_counters", {}).execute()).data or {}
    return {key: data.get(key, 0 if key != "revenue_this_month" else None) for key in COUNTERS}


async def getting_started(user: AsyncClient) -> GettingStarted:
    data = (await user.rpc("getting_started", {}).execute()).data or {}
    return GettingStarted({step: bool(data.get(step)) for step in STEPS},
                          bool(data.get("dismissed", True)))


async def staff_sees_revenue(user: AsyncClient, company_id: str) -> bool:
    rows = (await user.table("settings").select("staff_sees_revenue")
            .eq("company_id", company_id).execute()).data
    return bool(rows and rows[0]["staff_sees_revenue"])


async def _set(user: AsyncClient, company_id: str, values: dict) -> None:
    """An admin's change to the clinic's settings row (RLS refuses anyone else: no row)."""
    await (user.table("settings").upsert({"company_id": company_id, **values},
                                         on_conflict="company_id").execute())


async def show_revenue_to_staff(user: AsyncClient, company_id: str, shown: bool) -> None:
    await _set(user, company_id, {"staff_sees_revenue": bool(shown)})


async def dismiss_getting_started(user: AsyncClient, company_id: str) -> None:
    await _set(user, company_id,
               {"getting_started_dismissed_at": datetime.now(timezone.utc).isoformat()})
