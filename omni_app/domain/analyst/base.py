"""The interface both analyzers answer through, and what a run reports about itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from omni_app.domain.analyst.analysis import Analysis
from omni_app.domain.analyst.context import ClientContext, Inputs

HEURISTIC_MODEL = "omni-rules-1"


@dataclass(frozen=True)
class Usage:
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    cost_usd: float = 0.0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(self.tokens_in + other.tokens_in, self.tokens_out + other.tokens_out,
                     self.latency_ms + other.latency_ms, self.cost_usd + other.cost_usd)


@dataclass(frozen=True)
class Outcome:
    """One analyzer's answer: an analysis, or the error that stopped it (with what the
    attempts cost all the same)."""
    analyzer: str          # llm | heuristic
    model: str
    analysis: Analysis | None
    usage: Usage = Usage()
    error: str | None = None
    inputs: Inputs = Inputs()


@dataclass(frozen=True)
class Draft:
    """A suggested reply for staff to edit (never sent by itself), or why there is none."""
    analyzer: str
    model: str
    text: str | None
    usage: Usage = Usage()
    error: str | None = None


class Analyzer(Protocol):
    name: str

    async def analyze(self, ctx: ClientContext, instructions: str | None) -> Outcome: ...

    async def draft_reply(self, ctx: ClientContext, analysis: Analysis | None,
                          instructions: str | None) -> Draft: ...
