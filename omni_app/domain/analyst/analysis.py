"""What an analyzer answers, validated: the LLM's JSON goes through `Analysis.model_validate_json`
and the heuristic builds the same model, so every snapshot has one shape wherever it is shown."""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Intent = Literal["schedule", "reschedule", "cancel", "price_question", "complaint", "other"]
Risk = Literal["low", "medium", "high"]
ObjectionKind = Literal["price", "fear", "distance", "time", "other"]

INTENTS: tuple[str, ...] = Intent.__args__
RISKS: tuple[str, ...] = Risk.__args__
OBJECTION_KINDS: tuple[str, ...] = ObjectionKind.__args__
SUMMARY_MAX = 600


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Sentiment(_Strict):
    label: Literal["positive", "neutral", "negative"]
    score: float = Field(ge=-1, le=1)


class NoShowRisk(_Strict):
    level: Risk
    reasons: list[str] = Field(default_factory=list, max_length=6)


class Preferences(_Strict):
    days: list[str] = Field(default_factory=list, max_length=7)
    times: list[str] = Field(default_factory=list, max_length=6)
    professionals: list[str] = Field(default_factory=list, max_length=6)
    channel: str | None = None


class Objection(_Strict):
    kind: ObjectionKind
    quote: str = Field(max_length=300)


class Analysis(_Strict):
    summary: str = Field(max_length=SUMMARY_MAX)
    intent: Intent
    sentiment: Sentiment
    no_show_risk: NoShowRisk
    preferences: Preferences
    objections: list[Objection] = Field(default_factory=list, max_length=8)
    next_best_action: str = Field(max_length=300)
    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", max_length=10)


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """The schema the LLM is held to (OpenAI's strict structured outputs)."""
    return Analysis.model_json_schema()
