"""The heuristic analyzer's rules, each proven by a small conversation: accent folding,
negation and precedence, recency, language, objections and their quotes, every no-show risk
reason, preferences, the summary and the next best action in the clinic's language, reply drafts
per intent and language, and an `Analysis` that always validates."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from benchmarks.analyst_cases import CASES, HOLDOUT, HOLDOUT_2, Booked, Case, case_context
from benchmarks.analyst_cases import clinic as sent
from benchmarks.analyst_cases import client as says
from omni_app.domain.analyst import lexicon as lx
from omni_app.domain.analyst.analysis import SUMMARY_MAX, Analysis
from omni_app.domain.analyst.base import HEURISTIC_MODEL
from omni_app.domain.analyst.heuristic import (RISK_REASONS, HeuristicAnalyzer, analyze,
                                               draft_reply)

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))   # a Monday


def ctx_of(*messages, visits=(), lang="pt-BR", name="Ana", stage="Paciente"):
    case = Case("t", name, tuple(messages), "other", frozenset(), "low", clinic_language=lang,
                visits=tuple(visits), stage=stage)
    return case_context(case, NOW)


def run(*messages, **kw) -> Analysis:
    return analyze(ctx_of(*messages, **kw))


def reasons(analysis: Analysis) -> set[str]:
    return {r.split(":")[0] for r in analysis.no_show_risk.reasons}


# --- lexicon ----------------------------------------------------------------------------------

def test_folding_drops_accents_and_case_and_keeps_emojis():
    folded = lx.fold("NÃO consigo, Horário de SÁBADO 👍")
    assert folded == "nao consigo, horario de sabado 👍"


@pytest.mark.parametrize("text", ["Não vou conseguir ir, pode cancelar", "nao vou conseguir "
                                  "ir, pode cancelar", "NAO VOU CONSEGUIR IR, PODE CANCELAR"])
def test_accented_or_not_the_same_words_match(text):
    assert run(says(1, text)).intent == "cancel"


@pytest.mark.parametrize("text", ["qto fica o clareamento?", "quanto fica a limpeza",
                                  "vcs parcelam?", "qual o valor da consulta"])
def test_whatsapp_spellings_of_price_questions(text):
    assert run(says(1, text)).intent == "price_question"


# --- intent: precedence, negation, recency ----------------------------------------------------

@pytest.mark.parametrize("text, intent", [
    ("quero remarcar", "reschedule"),                      # not "marcar"
    ("quero marcar uma limpeza", "schedule"),
    ("preciso desmarcar", "cancel"),                       # not "marcar"
    ("não vou conseguir ir, pode cancelar", "cancel"),
    ("não vou conseguir ir, pode marcar outro dia?", "reschedule"),
    ("não vou conseguir ir na quinta, podemos ver outro dia?", "reschedule"),
    ("não quero cancelar, quero remarcar pra sexta", "reschedule"),
    ("não precisa cancelar, eu vou", "other"),             # the negated cancel casts no vote
    ("vcs remarcaram minha consulta sem avisar, que desrespeito", "complaint"),
    ("qual o valor? queria agendar sábado", "price_question"),
    ("Confirmado, tô lá na sexta 👍", "other"),            # a confirmation is no booking
    ("pode ser quinta à tarde?", "schedule"),              # a proposed slot alone
    ("Obrigada pelo atendimento!", "other"),
])
def test_intent_precedence_and_negation(text, intent):
    assert run(says(1, text)).intent == intent


def test_the_newest_message_weighs_most():
    assert run(says(30, "queria marcar uma consulta"),
               says(2, "ninguém responde, que demora!!")).intent == "complaint"
    assert run(says(30, "qual o valor da limpeza?"),
               says(2, "ok, pode marcar sábado de manhã")).intent == "schedule"


def test_messages_older_than_the_latest_burst_do_not_vote():
    assert run(says(24 * 30, "quero cancelar"), says(1, "obrigada!")).intent == "other"


def test_the_clinics_own_words_are_not_the_clients():
    assert run(sent(2, "Deseja cancelar ou remarcar?"), says(1, "oi")).intent == "other"


# --- language ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, clinic, language", [
    ("Oi, vc tem horário amanhã?", "en", "pt-BR"),
    ("Hola, tienen turno mañana por la tarde?", "pt-BR", "es"),
    ("Hi, could I book a cleaning next week?", "pt-BR", "en"),
    ("👍👍", "es", "es"),            # nothing to tell: the clinic's
])
def test_language_from_the_clients_words(text, clinic, language):
    assert run(says(1, text), lang=clinic).language == language


# --- objections -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("achei muito caro", "price"), ("tô sem grana esse mês", "price"),
    ("tenho pavor de agulha", "fear"), ("vai doer? tenho medo de anestesia", "fear"),
    ("fica muito longe pra mim", "distance"), ("levo 1h no trânsito", "distance"),
    ("tô sem tempo essa semana", "time"), ("surgiu uma reunião no trabalho", "time"),
    ("vou pensar e te aviso", "other"), ("preciso falar com meu marido", "other"),
])
def test_objection_kinds(text, kind):
    assert [o.kind for o in run(says(1, text)).objections] == [kind]


def test_a_negated_objection_is_none_and_pain_as_a_symptom_is_no_fear():
    assert run(says(1, "não tenho medo não, pode marcar")).objections == []
    assert run(says(1, "ainda tô com dor depois do canal")).objections == []


def test_the_quote_is_the_clients_own_sentence_trimmed():
    found = run(says(3, "Oi! Tudo bem? Queria fazer o clareamento. Mas achei caro demais."),
                sent(2, "Temos parcelamento em 10x, é caro mesmo?")).objections
    assert [(o.kind, o.quote) for o in found] == [("price", "Mas achei caro demais.")]
    long = "eu acho " + "muito " * 80 + "caro"
    assert len(run(says(1, long)).objections[0].quote) <= 300


# --- no-show risk: each reason ----------------------------------------------------------------

DONE = Booked(-200, "completed", 9, 10, "Limpeza", "Dra. Paula")
NEXT = Booked(3, "scheduled", 9, 10, "Limpeza", "Dra. Paula")    # Thursday 9h


@pytest.mark.parametrize("visits, level, expected", [
    ((DONE,), "low", set()),
    ((Booked(-100, "no_show"), NEXT), "medium", {"prior_no_shows"}),
    ((Booked(-20, "no_show"),), "high", {"prior_no_shows", "recent_no_show"}),
    ((Booked(-300, "no_show"), Booked(-100, "no_show")), "high", {"prior_no_shows"}),
    ((Booked(-50, "cancelled", cancelled_hours_before=3), NEXT), "medium",
     {"late_cancellations"}),
    ((Booked(-50, "cancelled", cancelled_hours_before=48), NEXT), "low", set()),
    ((Booked(-50, "cancelled", cancelled_hours_before=3),
      Booked(-20, "cancelled", cancelled_hours_before=5)), "high", {"late_cancellations"}),
    ((DONE, Booked(60, "scheduled", lead=70)), "medium", {"long_lead_time"}),
    ((DONE, Booked(1, "scheduled", 15, lead=0.5)), "low", {"short_lead_time"}),
    ((Booked(-95, "no_show", 9), NEXT), "high", {"prior_no_shows", "same_slot_as_missed"}),
])
def test_risk_from_the_history(visits, level, expected):
    analysis = run(says(48, "ok"), visits=visits)
    assert analysis.no_show_risk.level == level
    assert reasons(analysis) == expected


def test_reason_counts_follow_a_colon():
    analysis = run(visits=(Booked(-300, "no_show"), Booked(-100, "no_show"),
                           Booked(-50, "cancelled", cancelled_hours_before=2)))
    assert analysis.no_show_risk.reasons[:2] == ["prior_no_shows:2", "late_cancellations:1"]


def test_an_unanswered_confirmation_is_medium_and_an_answered_one_is_not():
    ask = sent(20, "Olá Ana, confirma sua consulta quinta às 9h?")
    unanswered = run(says(24 * 10, "ok obrigada"), ask, visits=(DONE, NEXT))
    assert (unanswered.no_show_risk.level, reasons(unanswered)) == (
        "medium", {"unanswered_confirmation"})
    answered = run(ask, says(19, "confirmo!"), visits=(DONE, NEXT))
    assert answered.no_show_risk.level == "low"
    template = run(sent(20, "Sua consulta é quinta às 09:00.", template=True),
                   visits=(DONE, NEXT))
    assert reasons(template) == {"unanswered_confirmation"}
    just_sent = run(sent(0.5, "Confirma sua consulta de quinta?"), visits=(DONE, NEXT))
    assert reasons(just_sent) == set()        # not waited long enough yet


def test_asking_to_cancel_a_booked_visit_is_high_and_to_move_it_medium():
    cancel = run(says(1, "preciso cancelar a consulta de quinta"), visits=(DONE, NEXT))
    assert (cancel.no_show_risk.level, reasons(cancel)) == ("high", {"wants_to_cancel"})
    move = run(says(1, "dá pra remarcar a de quinta?"), visits=(DONE, NEXT))
    assert (move.no_show_risk.level, reasons(move)) == ("medium", {"wants_to_reschedule"})
    nothing_booked = run(says(1, "quero cancelar meu tratamento"), visits=(DONE,))
    assert nothing_booked.no_show_risk.level == "low"


def test_a_cancel_inside_a_complaint_still_counts():
    analysis = run(says(1, "Cancela minha consulta, atendimento horrível"), visits=(DONE, NEXT))
    assert (analysis.intent, analysis.no_show_risk.level) == ("complaint", "high")


def test_every_reason_given_is_a_documented_code():
    given = {r.split(":")[0] for c in CASES + HOLDOUT + HOLDOUT_2
             for r in analyze(case_context(c, NOW)).no_show_risk.reasons}
    assert given <= set(RISK_REASONS) and len(given) >= 7


# --- preferences ------------------------------------------------------------------------------

def test_days_and_times_normalised():
    found = run(says(5, "Boa tarde! Prefiro sábado de manhã ou terça à noite"),
                says(4, "ou quinta depois das 18h")).preferences
    assert found.days == ["tuesday", "thursday", "saturday"]
    assert found.times == ["morning", "evening"]        # "boa tarde" is a greeting
    es = run(says(1, "Puedo el miércoles por la tarde?"), lang="es").preferences
    assert (es.days, es.times) == (["wednesday"], ["afternoon"])
    en = run(says(1, "Any slot on Friday afternoon or 9am?"), lang="en").preferences
    assert (en.days, en.times) == (["friday"], ["morning", "afternoon"])


def test_a_day_they_cannot_come_is_no_preference():
    found = run(says(1, "não posso na quarta, pode ser sexta?")).preferences
    assert found.days == ["friday"]
    moving = run(says(1, "dá pra remarcar a de quinta pra sexta?"), visits=(DONE, NEXT))
    assert moving.preferences.days == ["friday"]         # Thursday is the visit being moved


def test_professionals_by_completed_visits_and_the_channel_most_used():
    found = run(says(30, "oi", channel="instagram"), says(20, "tudo bem?", channel="whatsapp"),
                says(10, "?", channel="whatsapp"), visits=(
                    Booked(-300, "completed", professional="Dr. B"),
                    Booked(-200, "completed", professional="Dra. A"),
                    Booked(-100, "completed", professional="Dra. A"),
                    Booked(-50, "no_show", professional="Dr. C"))).preferences
    assert found.professionals == ["Dra. A", "Dr. B"]
    assert found.channel == "whatsapp"
    assert run().preferences.channel is None


# --- summary and next best action in the clinic's language --------------------------------------

def test_the_summary_is_in_the_clinics_language_with_the_facts():
    visits = (Booked(-30, "no_show"), Booked(4, "scheduled", 8, 10, "Restauração"))
    pt = run(says(1, "quero agendar"), visits=visits, name="Carlos", stage="Em tratamento")
    assert pt.summary.startswith("Carlos (Em tratamento) quer agendar.")
    assert "1 falta" in pt.summary and "sexta, 11/12 às 08:00 (Restauração)" in pt.summary
    assert "risco de falta alto" in pt.summary
    en = run(says(1, "quero agendar"), visits=visits, lang="en", stage="Patient")
    assert "wants to book" in en.summary and "no-show risk high" in en.summary
    es = run(says(1, "quero agendar"), visits=visits, lang="es", stage="Paciente")
    assert "quiere agendar" in es.summary and "riesgo de ausencia alto" in es.summary


def test_a_stage_not_renamed_by_the_clinic_is_named_in_the_clinics_language():
    assert run(says(1, "oi"), stage="new").summary.startswith("Ana (Novo lead) ")
    assert run(says(1, "hi"), stage="won", lang="en").summary.startswith("Ana (Patient) ")
    assert run(says(1, "oi"), stage="Avaliação").summary.startswith("Ana (Avaliação) ")


def test_the_summary_stays_within_its_limit():
    analysis = run(says(1, "quero agendar"), stage="x" * 700)
    assert len(analysis.summary) <= SUMMARY_MAX


@pytest.mark.parametrize("lang, expected", [
    ("pt-BR", "Envie a confirmação da consulta de sexta e ofereça remarcar."),
    ("es", "Envíe la confirmación del turno del viernes y ofrezca reprogramar."),
    ("en", "Send the confirmation of the Friday visit and offer to reschedule."),
])
def test_high_risk_with_a_visit_booked_asks_for_confirmation(lang, expected):
    visits = (Booked(-300, "no_show"), Booked(-100, "no_show"), Booked(4, "scheduled"))
    assert run(says(48, "ok"), visits=visits, lang=lang).next_best_action == expected


def test_the_next_action_follows_the_intent():
    assert run(says(1, "que absurdo, péssimo")).next_best_action.startswith("Peça desculpas")
    assert "parcelamento" in run(says(1, "qto fica? achei caro")).next_best_action
    assert run(says(1, "quero agendar de manhã")).next_best_action == (
        "Ofereça horários (manhã) e confirme o agendamento.")


# --- reply drafts -----------------------------------------------------------------------------

DRAFTS = [
    ("quero marcar sábado de manhã", "pt-BR", "Olá, Ana! Vamos agendar! Temos horários para "
                                              "sábado de manhã"),
    ("preciso remarcar a de quinta", "pt-BR", "Olá, Ana! Sem problemas, vamos remarcar a sua "
                                              "consulta de quinta."),
    ("pode cancelar a de quinta", "pt-BR", "Olá, Ana! Tudo bem, cancelamos a sua consulta de "
                                           "quinta."),
    ("qual o valor do clareamento?", "pt-BR", "Qual tratamento"),
    ("péssimo atendimento, um absurdo", "pt-BR", "Sentimos muito"),
    ("qual o endereço?", "pt-BR", "Como podemos ajudar?"),
    ("quiero un turno el lunes por la tarde", "es", "¡Hola, Ana! ¡Agendemos! Tenemos horarios "
                                                    "para el lunes por la tarde"),
    ("necesito reprogramar el turno", "es", "reprogramamos su turno del jueves"),
    ("quiero cancelar el turno", "es", "cancelamos su turno del jueves"),
    ("cuánto cuesta la limpieza?", "es", "precios"),
    ("es pésimo, una falta de respeto", "es", "Lamentamos"),
    ("hola, dónde quedan?", "es", "¿En qué podemos ayudarle?"),
    ("can I book a morning slot?", "en", "Hi Ana! Let's book you in! We have times in the "
                                         "morning"),
    ("I need to reschedule", "en", "let's reschedule your Thursday visit"),
    ("please cancel my appointment", "en", "we have cancelled your Thursday visit"),
    ("how much is a crown?", "en", "prices"),
    ("this is unacceptable, the staff was rude", "en", "We are very sorry"),
    ("where are you located?", "en", "How can we help?"),
]


@pytest.mark.parametrize("text, lang, expected", DRAFTS)
def test_the_draft_answers_the_intent_in_the_clients_language(text, lang, expected):
    ctx = ctx_of(says(1, text), visits=(DONE, NEXT), lang="pt-BR")
    draft = draft_reply(ctx, analyze(ctx))
    assert expected in draft and draft.strip()


def test_a_draft_without_an_analysis_or_a_name_is_never_empty():
    ctx = ctx_of(name="")
    assert draft_reply(ctx, None) == "Olá! Obrigado pela mensagem! Como podemos ajudar?"


async def test_the_analyzer_interface():
    ctx = ctx_of(says(1, "quero agendar"))
    analyzer = HeuristicAnalyzer()
    outcome = await analyzer.analyze(ctx, "ignored instructions")
    assert (outcome.analyzer, outcome.model, outcome.error) == ("heuristic", HEURISTIC_MODEL,
                                                                None)
    assert outcome.analysis == analyze(ctx) and outcome.usage.latency_ms >= 0
    draft = await analyzer.draft_reply(ctx, outcome.analysis, None)
    assert (draft.analyzer, draft.model, draft.error) == ("heuristic", HEURISTIC_MODEL, None)
    assert draft.text.startswith("Olá, Ana!")


# --- always a valid Analysis ------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES + HOLDOUT + HOLDOUT_2, ids=lambda c: c.key)
def test_every_case_validates_as_an_analysis(case):
    analysis = analyze(case_context(case, NOW))
    assert Analysis.model_validate_json(analysis.model_dump_json()) == analysis


def test_an_empty_context_validates_too():
    analysis = run()
    assert (analysis.intent, analysis.no_show_risk.level, analysis.language) == (
        "other", "low", "pt-BR")
    assert Analysis.model_validate(analysis.model_dump()) == analysis


def test_the_rules_draft_answers_the_latest_messages_not_an_older_snapshot():
    ctx = ctx_of(says(1, "Consigo remarcar minha limpeza para sexta de manhã?"))
    older = analyze(ctx_of(says(300, "oi"))).model_copy(update={"intent": "other"})
    assert draft_reply(ctx, older) == draft_reply(ctx, None)
    assert draft_reply(ctx, older) != draft_reply(ctx_of(says(1, "oi")), None)
