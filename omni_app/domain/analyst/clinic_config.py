"""A clinic's analyst settings (admins choose them) and what it spent this month, and the
process-wide LLM access (the server's key, base URL and default model)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from postgrest.exceptions import APIError

from omni_app.domain.refusals import from_database

Choice = Literal["auto", "llm", "heuristic"]
DEFAULT_MONTHLY_TOKENS = 300_000


@dataclass(frozen=True)
class ClinicAnalyst:
    analyzer: Choice = "auto"
    model: str | None = None
    monthly_tokens: int = DEFAULT_MONTHLY_TOKENS
    instructions: str | None = None
    spent: int = 0

    @property
    def budget_spent(self) -> bool:
        return self.spent >= self.monthly_tokens


def from_context(raw: dict) -> ClinicAnalyst:
    """From `analyst_context`'s clinic part (the settings and this month's spend)."""
    clinic = raw.get("clinic") or {}
    return ClinicAnalyst(clinic.get("analyzer") or "auto", clinic.get("model"),
                         int(clinic.get("monthly_tokens") or 0), clinic.get("instructions"),
                         int(clinic.get("spent") or 0))


async def load(db, company_id: str) -> ClinicAnalyst:
    rows = (await db.table("settings")
            .select("analyst_analyzer, analyst_model, analyst_monthly_tokens, "
                    "analyst_instructions").eq("company_id", company_id).limit(1).execute()).data
    spent = (await db.rpc("analyst_month_tokens", {"p_company_id": company_id}).execute()).data
    if not rows:
        return ClinicAnalyst(spent=int(spent or 0))
    row = rows[0]
    return ClinicAnalyst(row["analyst_analyzer"], row["analyst_model"],
                         row["analyst_monthly_tokens"], row["analyst_instructions"],
                         int(spent or 0))


async def save(user, analyzer: str, model: str | None, monthly_tokens: int,
               instructions: str | None) -> None:
    """Admins. Refused: analyzer, model, budget, instructions_too_long, forbidden."""
    try:
        await user.rpc("save_analyst_settings", {
            "p_analyzer": analyzer, "p_model": model, "p_monthly_tokens": monthly_tokens,
            "p_instructions": instructions}).execute()
    except APIError as refused:
        raise from_database(refused) from None
