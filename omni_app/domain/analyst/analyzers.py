"""The analyzers this process can use: the rules always; an LLM only when the server has a key
(the clinic's chosen model, or the server's default)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from omni_app.domain.analyst import llm
from omni_app.domain.analyst.base import Analyzer
from omni_app.domain.analyst.clinic_config import ClinicAnalyst
from omni_app.domain.analyst.heuristic import HeuristicAnalyzer


@dataclass(frozen=True)
class Analysts:
    heuristic: Analyzer
    llm: Callable[[str | None], Analyzer] | None = None


def build(api_key: str | None, base_url: str | None = None, model: str = "gpt-4o-mini",
          timeout_s: float = 20.0, retries: int = 2, prices: llm.Prices = llm.Prices()
          ) -> Analysts:
    if not api_key:
        return Analysts(HeuristicAnalyzer())
    client = llm.client(api_key, base_url, timeout_s, retries)
    return Analysts(HeuristicAnalyzer(),
                    lambda chosen: llm.LlmAnalyzer(client, chosen or model, prices))


def choose(analysts: Analysts, clinic: ClinicAnalyst) -> tuple[Analyzer, str | None]:
    """The analyzer for this clinic now, and why it is not the LLM when the clinic wanted it."""
    if clinic.analyzer == "heuristic":
        return analysts.heuristic, None
    if analysts.llm is None:
        return analysts.heuristic, "no_api_key"
    if clinic.budget_spent:
        return analysts.heuristic, "budget_spent"
    return analysts.llm(clinic.model), None
