"""The analyst's card as the reader sees it: labels in their language, the time in the clinic's
zone, risk reasons translated with their counts (and an LLM's own sentence, or a code we do
not know, shown as written), who made it, and why the rules answered instead of the AI."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.i18n import CATALOGS
from omni_app.state.inbox_rows import Reader
from omni_app.state.snapshot_rows import (SnapshotRow, error_text, reason_text,
                                          snapshot_row)

PT = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
EN = Reader("en", "America/Sao_Paulo", CATALOGS["en"])
ES = Reader("es", "America/Sao_Paulo", CATALOGS["es"])


def shot(**changes) -> Snapshot:
    values = dict(
        id="s1", client_id="c1",
        generated_at=datetime(2026, 3, 10, 17, 30, tzinfo=timezone.utc),
        trigger="conversation_closed", analyzer="llm", model="gpt-4o-mini", fallback=None,
        error=None, summary="Quer remarcar para sexta.", intent="reschedule",
        sentiment={"label": "negative", "score": -0.4},
        no_show_risk={"level": "high",
                      "reasons": ["prior_no_shows:2", "unanswered_confirmation"]},
        preferences={}, objections=[{"kind": "price", "quote": "achei caro"}],
        next_best_action="Ofereça sexta às 9h.", language="pt-BR")
    return Snapshot(**{**values, **changes})


def test_a_snapshot_in_the_readers_words_and_the_clinics_time():
    row = snapshot_row(shot(), PT)
    assert not row.empty and row.id == "s1" and row.summary == "Quer remarcar para sexta."
    assert (row.risk, row.risk_label, row.risk_color) == ("high", "Alto", "red")
    assert row.reasons == ["2 faltas anteriores", "Não respondeu à confirmação"]
    assert (row.intent, row.sentiment, row.sentiment_color) == ("Remarcar", "Negativo", "red")
    assert [(o.kind, o.quote) for o in row.objections] == [("Preço", "achei caro")]
    assert row.next_action == "Ofereça sexta às 9h."
    assert row.made == "Gerada em 10/03/2026 14:30 por IA · conversa encerrada"
    assert row.fallback == ""
    english = snapshot_row(shot(trigger="manual", analyzer="heuristic"), EN)
    assert english.made.endswith("by rules (heuristic) · staff request")
    assert english.reasons == ["2 earlier no-shows", "Did not answer the confirmation"]
    assert snapshot_row(shot(), ES).risk_label == "Alto"


def test_no_snapshot_is_the_empty_state():
    assert snapshot_row(None, PT) == SnapshotRow()
    assert SnapshotRow().empty


@pytest.mark.parametrize("reason, pt, en", [
    ("prior_no_shows:1", "1 falta anterior", "1 earlier no-show"),
    ("prior_no_shows:0", "Nenhuma falta anterior", "No earlier no-shows"),
    ("late_cancellations:3", "3 cancelamentos em cima da hora", "3 late cancellations"),
    ("late_cancellations:1", "1 cancelamento em cima da hora", "1 late cancellation"),
    ("same_slot_as_missed", "Mesmo horário de uma falta anterior",
     "Same time slot as a missed visit"),
    ("wants_to_cancel", "Disse que quer cancelar", "Said they want to cancel"),
    ("long_lead_time", "Agendado com muita antecedência", "Booked far in advance"),
    # not codes we know, or not in their form: as written
    ("Faltou duas vezes em janeiro.", "Faltou duas vezes em janeiro.",
     "Faltou duas vezes em janeiro."),
    ("moon_phase", "moon_phase", "moon_phase"),
    ("moon_phase:2", "moon_phase:2", "moon_phase:2"),
    ("prior_no_shows:muitas", "prior_no_shows:muitas", "prior_no_shows:muitas"),
    ("unanswered_confirmation:2", "unanswered_confirmation:2", "unanswered_confirmation:2"),
    ("prior_no_shows", "prior_no_shows", "prior_no_shows"),
])
def test_reasons_translated_with_their_counts_or_shown_raw(reason, pt, en):
    assert reason_text(reason, PT.tr, "pt-BR") == pt
    assert reason_text(reason, EN.tr, "en") == en


def test_a_reason_count_is_written_as_the_reader_writes_numbers():
    assert reason_text("prior_no_shows:1200", PT.tr, "pt-BR") == "1.200 faltas anteriores"
    assert reason_text("prior_no_shows:1200", EN.tr, "en") == "1,200 earlier no-shows"


def test_blank_reasons_are_left_out():
    row = snapshot_row(shot(no_show_risk={"level": "low", "reasons": ["", "  "]}), PT)
    assert row.reasons == [] and row.risk_label == "Baixo"


@pytest.mark.parametrize("fallback, error, pt", [
    ("no_api_key", None, "Feita pelas regras: o servidor não tem chave de API da IA."),
    ("budget_spent", None, "Feita pelas regras: a clínica atingiu o limite mensal de tokens "
                           "da IA."),
    ("llm_failed", "timeout", "Feita pelas regras: a IA falhou (tempo esgotado)."),
    ("llm_failed", "rate_limited", "Feita pelas regras: a IA falhou (limite de requisições "
                                   "atingido)."),
    ("llm_failed", "http_503", "Feita pelas regras: a IA falhou (erro HTTP 503)."),
    ("llm_failed", "unreachable", "Feita pelas regras: a IA falhou (servidor da IA "
                                  "inacessível)."),
    ("llm_failed", "malformed_output: no_show_risk: Field required",
     "Feita pelas regras: a IA falhou (resposta fora do formato)."),
    ("llm_failed", "APIError", "Feita pelas regras: a IA falhou (APIError)."),
    ("llm_failed", None, "Feita pelas regras: a IA falhou (erro desconhecido)."),
    (None, None, ""),
])
def test_why_the_rules_answered(fallback, error, pt):
    row = snapshot_row(shot(analyzer="heuristic", fallback=fallback, error=error), PT)
    assert row.fallback == pt
    assert row.made.startswith("Gerada em ") and " por regras (heurística) · " in row.made


def test_the_fallback_in_english_and_spanish():
    assert snapshot_row(shot(fallback="llm_failed", error="http_429"), EN).fallback == \
        "Made by the rules: the AI failed (HTTP error 429)."
    assert snapshot_row(shot(fallback="budget_spent"), ES).fallback.startswith(
        "Hecho por las reglas")
    assert error_text("http_abc", EN.tr) == "http_abc"


def test_values_a_newer_analyzer_may_send_are_shown_as_they_are():
    row = snapshot_row(shot(intent="gift_card", sentiment={"label": "mixed"},
                            no_show_risk={"level": "extreme", "reasons": []},
                            objections=[{"kind": "parking", "quote": "não tem vaga"}],
                            trigger="webhook", analyzer="other"), PT)
    assert (row.intent, row.sentiment, row.sentiment_color) == ("gift_card", "mixed", "gray")
    assert (row.risk, row.risk_label, row.risk_color) == ("", "", "gray")
    assert [(o.kind, o.quote) for o in row.objections] == [("parking", "não tem vaga")]
    assert row.made.endswith("por other · webhook")


def test_an_empty_analysis_shows_no_labels():
    row = snapshot_row(shot(intent="", sentiment={}, objections=[], next_best_action=""), PT)
    assert (row.intent, row.sentiment, row.objections, row.next_action) == ("", "", [], "")


@pytest.mark.parametrize("locale", ["pt-BR", "en", "es"])
def test_every_reason_the_rules_give_is_translated(locale):
    from omni_app.domain.analyst.heuristic import RISK_REASONS
    counted = {"prior_no_shows", "late_cancellations"}      # the rules give these with `:n`
    for code in RISK_REASONS:
        shown = reason_text(f"{code}:2" if code in counted else code, CATALOGS[locale], locale)
        assert code not in shown, (locale, code, shown)
