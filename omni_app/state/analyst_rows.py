"""What the analyst's settings page and the suggested reply show, built by pure functions: a run
of the log in words, why an LLM did not answer, the month's spend, a budget as typed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, format_currency, format_percent, parse_decimal

from omni_app import paths
from omni_app.domain.analyst.run_log import Run
from omni_app.i18n import formatting as fmt

MAX_BUDGET = 100_000_000      # as the database checks it
HTTP_ERROR = re.compile(r"^http_(\d{3})$")


@dataclass
class RunRow:
    id: str = ""
    when: str = ""
    kind: str = ""            # analysis | reply (for tests and styling)
    kind_label: str = ""
    client_name: str = ""
    client_href: str = ""
    trigger: str = ""
    llm: bool = False
    analyzer: str = ""
    model: str = ""
    fallback: str = ""        # "" or why the rules answered, in words
    tokens: str = ""
    latency: str = ""
    cost: str = ""
    error: str = ""           # "" or the error, in words


@dataclass
class Spend:
    label: str = ""
    percent: int = 0          # 0..100, for the bar
    paused: bool = False


def why(tr: dict[str, str], code: str | None) -> str:
    """An analyzer's error code (or fallback) in words; an unknown one as it is."""
    if not code:
        return ""
    if found := HTTP_ERROR.match(code):
        return tr["analyst_why.http"].format(code=found.group(1))
    return tr.get(f"analyst_why.{code}", code)


def latency(ms: int, locale: str) -> str:
    if ms < 1000:
        return f"{fmt.number(ms, locale)} ms"
    return f"{fmt.number(round(Decimal(ms) / 1000, 1), locale)} s"


def usd(amount: Decimal, locale: str) -> str:
    """Costs are fractions of a cent: every decimal the database keeps, none invented."""
    return format_currency(amount.normalize() if amount else Decimal("0"), "USD",
                           locale=fmt.babel_locale(locale), decimal_quantization=False)


def run_row(run: Run, tr: dict[str, str], locale: str, tz: str) -> RunRow:
    """The rules answering after the LLM failed say why in one line: the LLM's error."""
    failed = run.fallback == "llm_failed" and run.error
    fallback = why(tr, run.error if failed else run.fallback)
    return RunRow(
        run.id, fmt.date_time(run.at, locale, tz), run.kind,
        tr.get(f"analyst_settings.kind.{run.kind}", run.kind), run.client_name or "—",
        paths.CLIENT_PROFILE.replace("[client_id]", run.client_id),
        tr.get(f"analyst_settings.trigger.{run.trigger}", run.trigger), run.analyzer == "llm",
        tr.get(f"analyst_settings.by.{run.analyzer}", run.analyzer), run.model,
        tr["analyst_settings.fallback"].format(reason=fallback) if run.fallback else "",
        tr["analyst_settings.tokens"].format(tokens_in=fmt.number(run.tokens_in, locale),
                                             tokens_out=fmt.number(run.tokens_out, locale)),
        latency(run.latency_ms, locale), usd(run.cost_usd, locale),
        tr["analyst_settings.error_line"].format(reason=why(tr, run.error))
        if run.error and not failed else "")


def spend(tr: dict[str, str], locale: str, spent: int, budget: int) -> Spend:
    """The bar stops at 100%; the words say how far past the budget the month went."""
    share = Decimal(spent) / budget if budget else None
    percent = format_percent(share, locale=fmt.babel_locale(locale)) if budget else "—"
    return Spend(tr["analyst_settings.spent"].format(
        spent=fmt.number(spent, locale), budget=fmt.number(budget, locale), percent=percent),
        min(int(share * 100), 100) if budget else 100,
        0 < budget <= spent)   # a budget of 0 is the AI turned off, not paused


def budget_of(text: str, locale: str) -> int | None:
    """A token budget as the user typed it in their language ("300.000" in pt-BR, "300,000"
    in English); None unless a whole number from 0 to MAX_BUDGET."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text or "")
    if not re.fullmatch(r"[\d.,]+", cleaned):
        return None
    try:
        value = parse_decimal(cleaned, locale=fmt.babel_locale(locale), strict=True)
    except NumberFormatError:
        return None
    if value != value.to_integral_value() or not 0 <= value <= MAX_BUDGET:
        return None
    return int(value)
