"""The LLM analyzer: any OpenAI-compatible chat-completions server, held to the `Analysis`
schema. The SDK retries rate limits and server errors (bounded, honouring Retry-After) within a
timeout per call; an answer that does not validate gets one repair request; past that the
error is returned with what the attempts cost, never raised."""
from __future__ import annotations

import time
from dataclasses import dataclass

import openai
from openai import AsyncOpenAI
from pydantic import ValidationError

from omni_app.domain.analyst.analysis import Analysis, json_schema
from omni_app.domain.analyst.base import Draft, Outcome, Usage
from omni_app.domain.analyst.context import ClientContext, render

LANGUAGE_NAMES = {"pt-BR": "Brazilian Portuguese", "en": "English", "es": "Spanish"}
INSTRUCTIONS_MAX = 1000


@dataclass(frozen=True)
class Prices:
    """US dollars per million tokens (the default model's list price)."""
    input: float = 0.15
    output: float = 0.60

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return round((tokens_in * self.input + tokens_out * self.output) / 1_000_000, 6)


def _system(ctx: ClientContext, instructions: str | None, task: str) -> str:
    language = LANGUAGE_NAMES.get(ctx.clinic_language, "Brazilian Portuguese")
    text = (f"You are the analyst of {ctx.clinic_name or 'a clinic'}'s inbox (dental, aesthetic "
            f"or medical). {task} Write every sentence in {language}. Use only what the context "
            "says; never invent prices, dates or diagnoses.")
    if instructions:
        text += "\nThe clinic's own instructions:\n" + instructions[:INSTRUCTIONS_MAX]
    return text


SNAPSHOT_TASK = (
    "From the client's context, answer one JSON object that matches the schema: summary (at "
    "most 600 characters, the client's situation for the receptionist), intent of the latest "
    "messages, sentiment, no-show risk with short reasons, preferences, objections each with "
    "the client's own words as quote, next_best_action (one sentence), language (BCP 47 tag of "
    "the language the client writes in).")
REPLY_TASK = (
    "Draft the clinic's next WhatsApp reply to the client: short, warm, in the language the "
    "client writes in, addressing their last message. Staff will read and edit it before "
    "sending. Answer with the reply text only.")


class LlmAnalyzer:
    name = "llm"

    def __init__(self, client: AsyncOpenAI, model: str, prices: Prices = Prices(),
                 context_budget: int = 3000):
        self.client, self.model, self.prices = client, model, prices
        self.context_budget = context_budget

    async def _call(self, messages: list[dict], json_answer: bool) -> tuple[str, Usage]:
        started = time.perf_counter()
        extra = {"response_format": {"type": "json_schema", "json_schema": {
            "name": "client_snapshot", "schema": json_schema(), "strict": False}}} \
            if json_answer else {}
        response = await self.client.chat.completions.create(
            model=self.model, messages=messages, temperature=0.2, **extra)
        used = response.usage
        tokens_in = used.prompt_tokens if used else 0
        tokens_out = used.completion_tokens if used else 0
        text = (response.choices[0].message.content or "") if response.choices else ""
        return text, Usage(tokens_in, tokens_out, int((time.perf_counter() - started) * 1000),
                           self.prices.cost(tokens_in, tokens_out))

    async def analyze(self, ctx: ClientContext, instructions: str | None) -> Outcome:
        rendered = render(ctx, self.context_budget)
        messages = [{"role": "system", "content": _system(ctx, instructions, SNAPSHOT_TASK)},
                    {"role": "user", "content": rendered.text}]
        usage = Usage()
        for attempt in range(2):
            try:
                text, cost = await self._call(messages, json_answer=True)
            except openai.OpenAIError as error:
                return Outcome("llm", self.model, None, usage, failure(error), rendered.inputs)
            usage = usage + cost
            try:
                return Outcome("llm", self.model, Analysis.model_validate_json(text), usage,
                               inputs=rendered.inputs)
            except ValidationError as invalid:
                problem = _problems(invalid)
            if attempt == 0:  # the repair request: its own answer and what was wrong with it
                messages += [{"role": "assistant", "content": text[:4000]},
                             {"role": "user", "content": "That answer does not match the "
                              f"schema ({problem}). Answer again with only the JSON object."}]
        return Outcome("llm", self.model, None, usage, f"malformed_output: {problem}"[:1000],
                       rendered.inputs)

    async def draft_reply(self, ctx: ClientContext, analysis: Analysis | None,
                          instructions: str | None) -> Draft:
        notes = f"\nThe analyst's snapshot: {analysis.model_dump_json()}" if analysis else ""
        messages = [{"role": "system", "content": _system(ctx, instructions, REPLY_TASK)},
                    {"role": "user", "content": render(ctx, self.context_budget).text + notes}]
        try:
            text, usage = await self._call(messages, json_answer=False)
        except openai.OpenAIError as error:
            return Draft("llm", self.model, None, Usage(), failure(error))
        text = text.strip()
        return Draft("llm", self.model, text[:2000] or None, usage,
                     None if text else "empty_answer")


def _problems(invalid: ValidationError) -> str:
    if any(e["type"] == "json_invalid" for e in invalid.errors()):
        return "not JSON"
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                     for e in invalid.errors()[:5])


def failure(error: openai.OpenAIError) -> str:
    """A short, stable description (stored and shown): never the request or the key."""
    if isinstance(error, openai.APITimeoutError):
        return "timeout"
    if isinstance(error, openai.RateLimitError):
        return "rate_limited"
    if isinstance(error, openai.APIStatusError):
        return f"http_{error.status_code}"
    if isinstance(error, openai.APIConnectionError):
        return "unreachable"
    return type(error).__name__


def client(api_key: str, base_url: str | None, timeout_s: float, retries: int) -> AsyncOpenAI:
    return AsyncOpenAI(api_key=api_key, base_url=base_url, timeout=timeout_s,
                       max_retries=retries)


