"""The heuristic against the evaluation set: issue 13's goals (intent accuracy >= 0.8, recall
of high no-show risk >= 0.8) on the whole set, a floor under every intent and risk level, and
planted breaks of single rules that turn them red — so these tests can fail. Also the set
itself: its size and spread, and that it is coherent (nothing booked or said in the future)."""
from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from benchmarks import analyst_eval as ev
from benchmarks.analyst_cases import CASES, HOLDOUT, HOLDOUT_2, case_context
from omni_app.domain.analyst import heuristic
from omni_app.domain.analyst import lexicon as lx
from omni_app.domain.analyst.analysis import INTENTS, OBJECTION_KINDS, RISKS

WHOLE = CASES + HOLDOUT + HOLDOUT_2
FLOOR = 0.75    # under every intent and level: a rule that stops working shows here


async def report(cases=WHOLE) -> ev.Report:
    return await ev.evaluate(heuristic.HeuristicAnalyzer(), "heuristic", cases)


def below_floor(result: ev.Report) -> list[str]:
    scores = {**result.per_label("intent", INTENTS), **result.per_label("risk", RISKS)}
    return [label for label, s in scores.items() if s.recall < FLOOR]


async def test_the_goals_on_the_whole_set():
    assert ev.goals_missed(await report()) == []


@pytest.mark.parametrize("cases", [CASES, HOLDOUT, HOLDOUT_2],
                         ids=["labelled", "held-out", "second held-out"])
async def test_the_goals_on_each_set(cases):
    assert ev.goals_missed(await report(cases)) == []


async def test_no_intent_or_risk_level_falls_below_the_floor():
    assert below_floor(await report()) == []


# --- planted breaks: each must turn a check red -------------------------------------------------

def _pt_intents_gone(monkeypatch):
    monkeypatch.setattr(heuristic, "INTENT_RX", {
        i: lx.pattern(lambda lex, i=i: lex.intents.get(i, ()), ("es", "en"))
        for i in heuristic.PRECEDENCE})


def _no_shows_forgotten(monkeypatch):
    original = heuristic.no_show_risk
    monkeypatch.setattr(heuristic, "no_show_risk", lambda ctx, intent, cancels=False: original(
        dataclasses.replace(ctx, visits=tuple(v for v in ctx.visits if v.status != "no_show")),
        intent, cancels))


def _precedence_reversed(monkeypatch):
    monkeypatch.setattr(heuristic, "PRECEDENCE", tuple(reversed(heuristic.PRECEDENCE)))


def _accents_kept(monkeypatch):
    monkeypatch.setattr(lx, "fold", str.lower)


def _oldest_weighs_most(monkeypatch):
    original = heuristic._recent
    monkeypatch.setattr(heuristic, "_recent", lambda inbound: original(inbound)[::-1])


@pytest.mark.parametrize("plant, goal", [(_pt_intents_gone, "intent accuracy"),
                                         (_no_shows_forgotten, "high no-show risk recall")],
                         ids=["pt-BR intent words gone", "no-shows forgotten"])
async def test_a_broken_rule_misses_the_goals(monkeypatch, plant, goal):
    plant(monkeypatch)
    assert any(m.startswith(goal) for m in ev.goals_missed(await report()))


@pytest.mark.parametrize("plant", [_precedence_reversed, _accents_kept, _oldest_weighs_most],
                         ids=["precedence reversed", "accents not folded",
                              "oldest message weighs most"])
async def test_a_broken_rule_falls_below_the_floor(monkeypatch, plant):
    plant(monkeypatch)
    assert below_floor(await report()) != []


# --- the set ------------------------------------------------------------------------------------

def test_the_set_is_large_and_spread_as_asked():
    languages = Counter(c.language for c in CASES)
    assert len(CASES) >= 44 and languages["pt-BR"] >= 40
    assert languages["es"] >= 2 and languages["en"] >= 2
    assert min(Counter(c.intent for c in CASES)[i] for i in INTENTS) >= 4
    assert Counter(c.risk for c in CASES)["high"] >= 10
    assert {k for c in CASES for k in c.objections} == set(OBJECTION_KINDS)
    assert len({c.key for c in WHOLE}) == len(WHOLE)


@pytest.mark.parametrize("case", WHOLE, ids=lambda c: c.key)
def test_every_case_is_coherent(case):
    ctx = case_context(case, ev.NOW)
    assert all(m.at <= ctx.now for m in ctx.messages)
    assert all(v.booked_at <= ctx.now and v.booked_at <= v.starts_at for v in ctx.visits)
    assert all(v.starts_at < ctx.now for v in ctx.visits if v.status in ("completed", "no_show"))
    assert case.intent in INTENTS and case.risk in RISKS
    assert set(case.objections) <= set(OBJECTION_KINDS)
