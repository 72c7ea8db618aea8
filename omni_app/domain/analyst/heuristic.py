"""The analyzer that needs no model: rules over the client's context and the words of
`lexicon`, answering the same `Analysis` as the LLM, deterministically and in well under a
millisecond or two per client. Texts (summary, next best action, reply drafts) come from
`phrasing`.

No-show risk reasons are codes (the UI translates them); a count follows a colon where it says
how many ("prior_no_shows:2"). The codes, in `RISK_REASONS`:
- prior_no_shows:N — N no-shows in the history: 1 → at least medium, 2+ → high;
- recent_no_show — one within the last RECENT_NO_SHOW_DAYS → high;
- late_cancellations:N — cancelled less than a day before: 1 → medium, 2+ → high;
- unanswered_confirmation — the clinic asked to confirm the next visit (a template, or a message
  with confirmation words) and the client has not written since;
- long_lead_time — the next visit was booked LONG_LEAD_DAYS or more ahead;
- short_lead_time — booked less than a day ahead (weak: raises the level only with another sign);
- same_slot_as_missed — the next visit falls on the weekday and hour of one they missed;
- wants_to_cancel — they asked to cancel and a visit is booked → high;
- wants_to_reschedule — they asked to move the booked visit.
High: any sign marked high, or two signs; medium: one sign; low: none."""
from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass

from omni_app.domain.analyst import lexicon as lx
from omni_app.domain.analyst import phrasing
from omni_app.domain.analyst.analysis import (OBJECTION_KINDS, Analysis, NoShowRisk, Objection,
                                              Preferences, Sentiment)
from omni_app.domain.analyst.base import HEURISTIC_MODEL, Draft, Outcome, Usage
from omni_app.domain.analyst.context import ClientContext, Message, Visit, whole

RISK_REASONS: tuple[str, ...] = (
    "prior_no_shows", "recent_no_show", "late_cancellations", "unanswered_confirmation",
    "long_lead_time", "short_lead_time", "same_slot_as_missed", "wants_to_cancel",
    "wants_to_reschedule")
RECENT_NO_SHOW_DAYS = 60
LONG_LEAD_DAYS = 45
SHORT_LEAD_DAYS = 1
UNANSWERED_AFTER_HOURS = 2      # a confirmation sent minutes ago is not unanswered yet
CONFIRMATION_WINDOW_DAYS = 4    # a confirmation is about the next visit if sent this close
RECENT_WINDOW_DAYS = 7          # the client's latest burst of messages, for intent and mood
RECENT_MESSAGES = 6
PRECEDENCE = ("complaint", "reschedule", "cancel", "price_question", "schedule")

INTENT_RX = {i: lx.pattern(lambda lex, i=i: lex.intents.get(i, ())) for i in PRECEDENCE}
CANT_GO_RX = lx.pattern(lambda lex: lex.cant_go)
ANOTHER_DAY_RX = lx.pattern(lambda lex: lex.another_day)
CONFIRMS_RX = lx.pattern(lambda lex: lex.confirms)
OBJECTION_RX = {k: lx.pattern(lambda lex, k=k: lex.objections.get(k, ()))
                for k in OBJECTION_KINDS}
DAY_RX = {d: lx.pattern(lambda lex, d=d: lex.days[d]) for d in lx.WEEKDAYS}
TIME_RX = {t: lx.pattern(lambda lex, t=t: lex.times[t]) for t in lx.TIMES_OF_DAY}
ANY_DAY_RX = lx.pattern(lambda lex: sum(lex.days.values(), ()))
ANY_TIME_RX = lx.pattern(lambda lex: sum(lex.times.values(), ()))
POSITIVE_RX = lx.pattern(lambda lex: lex.positive)
NEGATIVE_RX = lx.pattern(lambda lex: lex.negative)
CONFIRMATION_RX = lx.pattern(lambda lex: lex.confirmation)


@dataclass(frozen=True)
class Said:
    """One inbound message, split into sentences, each also folded."""
    message: Message
    sentences: tuple[tuple[str, str], ...]   # (original, folded)

    @property
    def folded(self) -> str:
        return " ".join(f for _, f in self.sentences)


def _said(message: Message) -> Said:
    parts = [p.strip() for p in re.split(r"(?<=[.!?\n])\s+", message.text) if p.strip()]
    return Said(message, tuple((p, lx.fold(p)) for p in parts))


def _inbound(ctx: ClientContext) -> list[Said]:
    return [_said(m) for m in ctx.messages if m.inbound and m.text.strip()]


def _recent(inbound: list[Said]) -> list[Said]:
    """Newest first: the last messages of the client's latest burst."""
    if not inbound:
        return []
    latest = inbound[-1].message.at
    burst = [s for s in inbound if (latest - s.message.at).days < RECENT_WINDOW_DAYS]
    return burst[::-1][:RECENT_MESSAGES]


# --- language ---------------------------------------------------------------------------------

def detect_language(inbound: list[Said], default: str) -> str:
    """The language whose marker words the client used most; the clinic's on a tie or none."""
    counts = Counter()
    for said in inbound[-10:]:
        tokens = re.findall(r"[a-z']+", said.folded)
        for lang, lexicon in lx.LEXICONS.items():
            counts[lang] += sum(token in lexicon.markers for token in tokens)
    best = max(counts.values(), default=0)
    if best == 0:
        return default if default in lx.LEXICONS else "pt-BR"
    leaders = [lang for lang in lx.LANGUAGES if counts[lang] == best]
    return default if default in leaders else leaders[0]


# --- intent -----------------------------------------------------------------------------------

def _negators(language: str) -> frozenset[str]:
    return lx.LEXICONS[language].negators


def _mentions_slot(folded: str) -> bool:
    return bool(ANY_DAY_RX.search(folded) or ANY_TIME_RX.search(folded) or lx.hours(folded))


def message_intent(folded: str, negators: frozenset[str]) -> tuple[str, float] | None:
    """The intent one message shows and how strongly: explicit words by precedence (a complaint
    outranks the rest, "remarcar" outranks "cancelar"); "I can't make it" is a cancel unless it
    asks for another booking or day; a proposed day or hour alone is a weak schedule, unless
    the message confirms the visit."""
    found = {i for i in PRECEDENCE if lx.hits(INTENT_RX[i], folded, negators)}
    if CANT_GO_RX.search(folded):
        asks_again = "schedule" in found or ANOTHER_DAY_RX.search(folded)
        found.add("reschedule" if asks_again and "cancel" not in found else "cancel")
    for intent in PRECEDENCE:
        if intent in found:
            return intent, 1.0
    if CONFIRMS_RX.search(folded):
        return None
    return ("schedule", 0.5) if _mentions_slot(folded) else None


def asks_to_cancel(recent: list[Said], negators: frozenset[str]) -> bool:
    """The latest message cancels (or says they won't come), whatever else it says: a
    complaint that ends with "cancela minha consulta" still frees the slot."""
    if not recent:
        return False
    folded = recent[0].folded
    return bool(lx.hits(INTENT_RX["cancel"], folded, negators) or CANT_GO_RX.search(folded))


def detect_intent(recent: list[Said], negators: frozenset[str]) -> str:
    """Each recent message votes for its intent, the newest weighing most (halving per step)."""
    scores: Counter[str] = Counter()
    for age, said in enumerate(recent):
        found = message_intent(said.folded, negators)
        if found:
            scores[found[0]] += found[1] * 0.5 ** age
    if not scores:
        return "other"
    best = max(scores.values())
    return next(i for i in PRECEDENCE if scores[i] == best)


# --- objections and sentiment -----------------------------------------------------------------

def find_objections(inbound: list[Said], negators: frozenset[str]) -> list[Objection]:
    """One per kind, quoting the newest sentence of the client's that shows it."""
    quotes: dict[str, str] = {}
    for said in reversed(inbound[-20:]):
        for original, folded in reversed(said.sentences):
            for kind in OBJECTION_KINDS:
                if kind not in quotes and lx.hits(OBJECTION_RX[kind], folded, negators):
                    quotes[kind] = original if len(original) <= 300 else original[:299] + "…"
    return [Objection(kind=k, quote=quotes[k]) for k in OBJECTION_KINDS if k in quotes]


def detect_sentiment(recent: list[Said], negators: frozenset[str]) -> Sentiment:
    balance = 0.0
    for age, said in enumerate(recent):
        balance += 0.5 ** age * (len(lx.hits(POSITIVE_RX, said.folded, negators))
                                 - len(lx.hits(NEGATIVE_RX, said.folded))
                                 - 2 * len(lx.hits(INTENT_RX["complaint"], said.folded,
                                                   negators)))
    score = round(math.tanh(0.6 * balance), 2)
    label = "positive" if score > 0.25 else "negative" if score < -0.25 else "neutral"
    return Sentiment(label=label, score=score)


# --- no-show risk -----------------------------------------------------------------------------

def _is_confirmation(message: Message) -> bool:
    folded = lx.fold(message.text)
    if CONFIRMATION_RX.search(folded):
        return True
    return message.is_template and _mentions_slot(folded)


def unanswered_confirmation(ctx: ClientContext, upcoming: Visit) -> bool:
    """The clinic's latest messages, after the client's last one, hold a confirmation request
    about the next visit that has waited long enough for an answer."""
    for message in reversed(ctx.messages):
        if message.inbound:
            return False
        waited = (ctx.now - message.at).total_seconds() / 3600
        close = (upcoming.starts_at - message.at).days < CONFIRMATION_WINDOW_DAYS
        if _is_confirmation(message) and waited >= UNANSWERED_AFTER_HOURS and close:
            return True
    return False


def no_show_risk(ctx: ClientContext, intent: str, cancels: bool = False) -> NoShowRisk:
    """Signs from the history, the next visit and what the client just asked (see the codes
    above); strong signs make it high, two signs too."""
    strong: list[str] = []
    signs: list[str] = []
    weak: list[str] = []
    missed = [v for v in ctx.visits if v.status == "no_show" and v.starts_at < ctx.now]
    if missed:
        (strong if len(missed) >= 2 else signs).append(f"prior_no_shows:{len(missed)}")
        if any((ctx.now - v.starts_at).days < RECENT_NO_SHOW_DAYS for v in missed):
            strong.append("recent_no_show")
    late = [v for v in ctx.visits if v.late_cancellation and v.starts_at < ctx.now]
    if late:
        (strong if len(late) >= 2 else signs).append(f"late_cancellations:{len(late)}")
    upcoming = ctx.upcoming[0] if ctx.upcoming else None
    if upcoming is not None:
        if intent == "cancel" or (cancels and intent != "reschedule"):
            strong.append("wants_to_cancel")
        elif intent == "reschedule":
            signs.append("wants_to_reschedule")
        if unanswered_confirmation(ctx, upcoming):
            signs.append("unanswered_confirmation")
        if any(v.starts_at.weekday() == upcoming.starts_at.weekday()
               and abs(v.starts_at.hour - upcoming.starts_at.hour) <= 1 for v in missed):
            signs.append("same_slot_as_missed")
        if upcoming.lead_days >= LONG_LEAD_DAYS:
            signs.append("long_lead_time")
        elif upcoming.lead_days < SHORT_LEAD_DAYS:
            weak.append("short_lead_time")
    count = len(signs) + (0.5 if weak else 0)
    level = "high" if strong or count >= 2 else "medium" if count >= 1 else "low"
    return NoShowRisk(level=level, reasons=(strong + signs + weak)[:6])


# --- preferences ------------------------------------------------------------------------------

def _named(table: dict, said: list[Said], negators: frozenset[str]) -> set[str]:
    return {key for key, regex in table.items()
            if any(lx.hits(regex, f, negators, window=5) for s in said for _, f in s.sentences)}


def find_preferences(ctx: ClientContext, inbound: list[Said], negators: frozenset[str],
                     intent: str = "other") -> Preferences:
    """Days and times of day the client named (not in a "não ... quarta" clause, nor the day
    of the visit they ask to move or cancel), hours read as times of day; the professionals of
    their completed visits, most frequent first; the channel they write through most."""
    said = inbound[-20:]
    days = _named(DAY_RX, said, negators)
    if intent in ("reschedule", "cancel") and ctx.upcoming:
        days.discard(lx.WEEKDAYS[ctx.upcoming[0].starts_at.weekday()])
    times = _named(TIME_RX, said, negators)
    times |= {lx.time_of_day(h) for s in said for _, f in s.sentences for h in lx.hours(f)}
    done = [v.professional for v in ctx.visits if v.status == "completed" and v.professional]
    counts = Counter(done)
    last_seen = {name: i for i, name in enumerate(done)}
    professionals = sorted(counts, key=lambda n: (-counts[n], -last_seen[n]))[:3]
    channels = Counter(s.message.channel for s in inbound)
    return Preferences(days=[d for d in lx.WEEKDAYS if d in days],
                       times=[t for t in lx.TIMES_OF_DAY if t in times],
                       professionals=professionals,
                       channel=channels.most_common(1)[0][0] if channels else None)


# --- the analyzer -----------------------------------------------------------------------------

def analyze(ctx: ClientContext) -> Analysis:
    inbound = _inbound(ctx)
    recent = _recent(inbound)
    language = detect_language(inbound, ctx.clinic_language)
    negators = _negators(language)
    intent = detect_intent(recent, negators)
    objections = find_objections(inbound, negators)
    risk = no_show_risk(ctx, intent, asks_to_cancel(recent, negators))
    preferences = find_preferences(ctx, inbound, negators, intent)
    sentiment = detect_sentiment(recent, negators)
    facts = phrasing.Facts(ctx, intent, risk.level, [o.kind for o in objections], preferences,
                           sentiment.label,
                           awaiting_reply=bool(ctx.messages) and ctx.messages[-1].inbound)
    return Analysis(
        summary=phrasing.summary(facts), intent=intent, sentiment=sentiment, no_show_risk=risk,
        preferences=preferences, objections=objections,
        next_best_action=phrasing.next_best_action(facts), language=language)


def draft_reply(ctx: ClientContext, analysis: Analysis | None) -> str:
    """A short reply in the client's language for what they asked, never empty. The rules read
    the conversation as it is now: a stored snapshot (`analysis`) may predate its last
    messages, and analysing again costs well under a millisecond."""
    found = analyze(ctx)
    facts = phrasing.Facts(ctx, found.intent, found.no_show_risk.level,
                           [o.kind for o in found.objections], found.preferences,
                           found.sentiment.label)
    language = found.language if found.language in lx.LEXICONS else ctx.clinic_language
    return phrasing.reply(facts, language)


def _elapsed_ms(started: float) -> int:
    return int(round((time.perf_counter() - started) * 1000))


class HeuristicAnalyzer:
    """The rules behind the `Analyzer` interface (instructions are for the LLM: ignored)."""
    name = "heuristic"

    async def analyze(self, ctx: ClientContext, instructions: str | None = None) -> Outcome:
        started = time.perf_counter()
        analysis = analyze(ctx)
        return Outcome(analyzer=self.name, model=HEURISTIC_MODEL, analysis=analysis,
                       usage=Usage(latency_ms=_elapsed_ms(started)), inputs=whole(ctx))

    async def draft_reply(self, ctx: ClientContext, analysis: Analysis | None,
                          instructions: str | None = None) -> Draft:
        started = time.perf_counter()
        text = draft_reply(ctx, analysis)
        return Draft(analyzer=self.name, model=HEURISTIC_MODEL, text=text,
                     usage=Usage(latency_ms=_elapsed_ms(started)))
