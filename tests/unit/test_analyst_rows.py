"""The analyst's rows in words: a budget as each language types it, the month's spend (the bar
stops at 100%, the words do not), an LLM's error codes, a run of the log."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from omni_app.domain.analyst.run_log import Run
from omni_app.i18n import CATALOGS
from omni_app.state.analyst_rows import budget_of, run_row, spend, why

PT, EN = CATALOGS["pt-BR"], CATALOGS["en"]


@pytest.mark.parametrize("text, locale, expected", [
    ("300.000", "pt-BR", 300000), ("300000", "pt-BR", 300000), (" 1 000 ", "pt-BR", 1000),
    ("300,000", "en", 300000), ("0", "en", 0), ("100.000.000", "pt-BR", 100_000_000),
    ("100.000.001", "pt-BR", None), ("1,5", "pt-BR", None), ("2.50", "pt-BR", None),
    ("-3", "pt-BR", None), ("muitos", "pt-BR", None), ("", "en", None), ("1e6", "en", None),
])
def test_a_budget_is_read_as_its_language_writes_numbers(text, locale, expected):
    assert budget_of(text, locale) == expected


def test_the_spend_bar_stops_at_the_budget_and_a_zero_budget_is_not_a_pause():
    assert spend(PT, "pt-BR", 12345, 300000).label == \
        "12.345 de 300.000 tokens usados este mês (4%)"
    over = spend(EN, "en", 4000, 3000)
    assert (over.label, over.percent, over.paused) == \
        ("4,000 of 3,000 tokens used this month (133%)", 100, True)
    off = spend(PT, "pt-BR", 0, 0)
    assert (off.percent, off.paused) == (100, False) and off.label.endswith("(—)")


def test_error_codes_in_words_and_unknown_ones_as_they_are():
    assert why(PT, "http_503") == "HTTP 503" and why(PT, "timeout") == "tempo esgotado"
    assert why(EN, "rate_limited") == "the provider's rate limit"
    assert why(PT, "ValueError") == "ValueError" and why(PT, None) == ""


def test_a_run_the_rules_answered_after_the_llm_failed_says_why_once():
    run = Run("analysis", "r1", datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc), "c1", "",
              "conversation_closed", "heuristic", "omni-rules-1", "llm_failed", 0, 0, 20012,
              Decimal("0"), "http_503")
    row = run_row(run, PT, "pt-BR", "America/Sao_Paulo")
    assert (row.when, row.kind_label, row.client_name, row.client_href, row.trigger) == \
        ("10/03/2026 12:00", "Análise", "—", "/clients/c1", "Conversa encerrada")
    assert (row.analyzer, row.llm, row.latency) == ("Regras (heurística)", False, "20 s")
    assert (row.fallback, row.error) == ("Regras no lugar da IA: HTTP 503", "")
    reply = run_row(Run("reply", "r2", run.at, "c1", "Rita", "manual", "llm", "gpt-4o-mini",
                        None, 812, 143, 870, Decimal("0.000179"), "timeout"),
                    EN, "en", "UTC")
    assert (reply.tokens, reply.latency, reply.cost, reply.fallback, reply.error) == \
        ("812 → 143 tokens", "870 ms", "$0.000179", "", "Error: timed out")
