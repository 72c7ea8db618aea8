"""The analyst's evaluation: every analyzer over the labelled set of `analyst_cases`, per field —
intent accuracy with per-intent precision and recall, objections per kind, no-show risk per
level (and accuracy), language accuracy — and the time per case. The heuristic always; the LLM
(`omni_app.domain.analyst.llm.LlmAnalyzer`) too when OPENAI_API_KEY is set. Three sets: the
labelled set the rules were written against (CASES), a held-out one written after them
(HOLDOUT, whose misses then generalised the rules) and a second held-out one written after that
(HOLDOUT_2, never used for tuning): the last is the figure to trust for unseen conversations.

    python -m benchmarks.analyst_eval [--repeat 20] [--misses]"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import time
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from benchmarks.analyst_cases import CASES, HOLDOUT, HOLDOUT_2, Case, case_context
from benchmarks.stats import Figures
from omni_app.domain.analyst.analysis import INTENTS, OBJECTION_KINDS, RISKS, Analysis
from omni_app.domain.analyst.heuristic import HeuristicAnalyzer

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))   # a Monday
INTENT_ACCURACY_GOAL = 0.8    # issue 13's goals for the heuristic
HIGH_RISK_RECALL_GOAL = 0.8
SETS = {"labelled set": CASES, "held-out set": HOLDOUT, "second held-out set": HOLDOUT_2}


@dataclass(frozen=True)
class Result:
    case: Case
    analysis: Analysis | None
    error: str | None
    seconds: list[float]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    support: int       # expected count
    predicted: int


@dataclass(frozen=True)
class Report:
    name: str
    results: list[Result]

    @property
    def answered(self) -> list[Result]:
        return [r for r in self.results if r.analysis is not None]

    def accuracy(self, field: str) -> float:
        right = sum(_got(r, field) == _expected(r.case, field) for r in self.results)
        return right / len(self.results)

    def per_label(self, field: str, labels: tuple[str, ...]) -> dict[str, Score]:
        pairs = [(_expected(r.case, field), _got(r, field)) for r in self.results]
        return {label: _score(sum(e == label and g == label for e, g in pairs),
                              sum(e == label for e, _ in pairs),
                              sum(g == label for _, g in pairs)) for label in labels}

    def objections(self) -> dict[str, Score]:
        found = {k: Counter() for k in OBJECTION_KINDS}
        for r in self.results:
            got = {o.kind for o in r.analysis.objections} if r.analysis else set()
            for kind in OBJECTION_KINDS:
                found[kind]["tp"] += kind in got and kind in r.case.objections
                found[kind]["expected"] += kind in r.case.objections
                found[kind]["predicted"] += kind in got
        return {k: _score(c["tp"], c["expected"], c["predicted"]) for k, c in found.items()}

    def timing(self) -> Figures:
        samples = [s for r in self.results for s in r.seconds]
        return Figures.of(samples, len(samples) / sum(samples) if sum(samples) else 0.0)

    def misses(self) -> list[str]:
        lines = []
        for r in self.results:
            wrong = [f"{f} {_expected(r.case, f)}→{_got(r, f)}"
                     for f in ("intent", "risk", "language")
                     if _expected(r.case, f) != _got(r, f)]
            got = {o.kind for o in r.analysis.objections} if r.analysis else set()
            if got != set(r.case.objections):
                wrong.append(f"objections {sorted(r.case.objections)}→{sorted(got)}")
            if wrong:
                lines.append(f"{r.case.key}: " + "; ".join(wrong))
        return lines


def goals_missed(report: Report) -> list[str]:
    """The goals this report misses (none: met)."""
    missed = []
    if (accuracy := report.accuracy("intent")) < INTENT_ACCURACY_GOAL:
        missed.append(f"intent accuracy {accuracy:.2f} < {INTENT_ACCURACY_GOAL}")
    if (recall := report.per_label("risk", RISKS)["high"].recall) < HIGH_RISK_RECALL_GOAL:
        missed.append(f"high no-show risk recall {recall:.2f} < {HIGH_RISK_RECALL_GOAL}")
    return missed


def _score(true_positives: int, expected: int, predicted: int) -> Score:
    return Score(true_positives / predicted if predicted else 1.0,
                 true_positives / expected if expected else 1.0, expected, predicted)


def _expected(case: Case, field: str) -> str:
    return {"intent": case.intent, "risk": case.risk, "language": case.language}[field]


def _got(result: Result, field: str) -> str | None:
    a = result.analysis
    if a is None:
        return None
    return {"intent": a.intent, "risk": a.no_show_risk.level, "language": a.language}[field]


async def evaluate(analyzer, name: str, cases: tuple[Case, ...] = CASES, repeat: int = 1,
                   now: dt.datetime = NOW) -> Report:
    """Runs `analyzer` over every case (`repeat` times each, for the timing)."""
    results = []
    for case in cases:
        ctx = case_context(case, now)
        seconds, outcome = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            outcome = await analyzer.analyze(ctx, None)
            seconds.append(time.perf_counter() - started)
        results.append(Result(case, outcome.analysis, outcome.error, seconds))
    return Report(name, results)


def _table(title: str, scores: dict[str, Score]) -> None:
    print(f"  {title:<16}{'precision':>10}{'recall':>8}{'expected':>10}{'predicted':>11}")
    for label, s in scores.items():
        print(f"  {label:<16}{s.precision:>10.2f}{s.recall:>8.2f}{s.support:>10}"
              f"{s.predicted:>11}")


def print_report(report: Report, show_misses: bool) -> None:
    total = len(report.results)
    failed = total - len(report.answered)
    print(f"\n== {report.name}: {total} cases" + (f", {failed} failed" if failed else ""))
    print(f"intent accuracy {report.accuracy('intent'):.2f}")
    _table("intent", report.per_label("intent", INTENTS))
    print("objections (per kind, over cases)")
    _table("kind", report.objections())
    print(f"no-show risk accuracy {report.accuracy('risk'):.2f}")
    _table("level", report.per_label("risk", RISKS))
    print(f"language accuracy {report.accuracy('language'):.2f}")
    timing = report.timing()
    print(f"time per case: p50 {timing.p50_ms:.3f} ms, p95 {timing.p95_ms:.3f} ms")
    missed = goals_missed(report)
    print("goals (intent accuracy >= 0.8, high risk recall >= 0.8): "
          + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    if show_misses:
        print("misses:")
        for line in report.misses() or ["(none)"]:
            print(f"  {line}")


def _llm_analyzer():
    """The LLM analyzer as the app builds it from the environment (OPENAI_API_KEY,
    OPENAI_BASE_URL, OPENAI_MODEL, ...)."""
    from omni_app.services import analysts_from
    from omni_app.settings import Settings
    return analysts_from(Settings()).llm(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20,
                        help="runs per case for the heuristic's timing")
    parser.add_argument("--misses", action="store_true", help="list each case that missed")
    args = parser.parse_args()
    print(f"Analyst evaluation; now = {NOW:%a %Y-%m-%d %H:%M} {NOW.tzinfo}")
    for title, cases in SETS.items():
        languages = Counter(c.language for c in cases)
        print(f"{title}: {len(cases)} cases ("
              + ", ".join(f"{n} {lang}" for lang, n in languages.most_common()) + ")")
    analyzers = [("heuristic", HeuristicAnalyzer(), args.repeat)]
    if not os.environ.get("OPENAI_API_KEY"):
        print("llm: skipped (OPENAI_API_KEY is not set)")
    else:
        analyzers.append(("llm", _llm_analyzer(), 1))
    for name, analyzer, repeat in analyzers:
        for title, cases in SETS.items():
            print_report(asyncio.run(evaluate(analyzer, f"{name} on {title}", cases, repeat)),
                         args.misses)


if __name__ == "__main__":
    main()
