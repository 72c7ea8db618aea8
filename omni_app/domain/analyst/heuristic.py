"""PLACEHOLDER until the rules land (replaced wholesale by the analyst-heuristic branch)."""
from __future__ import annotations

from omni_app.domain.analyst.analysis import Analysis
from omni_app.domain.analyst.base import HEURISTIC_MODEL, Draft, Outcome
from omni_app.domain.analyst.context import ClientContext


def analyze(ctx: ClientContext) -> Analysis:
    missed = sum(1 for v in ctx.visits if v.status == "no_show")
    level = "high" if missed >= 2 else "medium" if missed else "low"
    return Analysis.model_validate({
        "summary": f"{ctx.first_name}: {len(ctx.messages)} mensagens.", "intent": "other",
        "sentiment": {"label": "neutral", "score": 0},
        "no_show_risk": {"level": level, "reasons": [f"prior_no_shows:{missed}"] if missed else []},
        "preferences": {"days": [], "times": [], "professionals": [], "channel": None},
        "objections": [], "next_best_action": "Responda à última mensagem.",
        "language": ctx.clinic_language})


class HeuristicAnalyzer:
    name = "heuristic"

    async def analyze(self, ctx: ClientContext, instructions: str | None) -> Outcome:
        return Outcome("heuristic", HEURISTIC_MODEL, analyze(ctx))

    async def draft_reply(self, ctx, analysis, instructions) -> Draft:
        return Draft("heuristic", HEURISTIC_MODEL, f"Olá, {ctx.first_name}! Como posso ajudar?")
