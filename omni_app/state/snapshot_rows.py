"""The analyst's snapshot (domain/analyst/snapshots.py) -> the card the inbox's client panel and
the client profile show: labels in the reader's language, the time in the clinic's zone, the
risk's reasons translated (with their counts) or shown as written when they are not codes, and
why the rules answered when the clinic wanted the LLM. Pure functions, tested without a
browser."""
from __future__ import annotations

from dataclasses import dataclass, field

from omni_app.domain.analyst.snapshots import Snapshot
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_rows import Reader

K = "analyst_card"
RISK_COLORS = {"low": "green", "medium": "amber", "high": "red"}
SENTIMENT_COLORS = {"positive": "green", "neutral": "gray", "negative": "red"}


@dataclass
class ObjectionRow:
    kind: str = ""           # the kind's label
    quote: str = ""          # the client's words


@dataclass
class SnapshotRow:
    empty: bool = True       # no snapshot yet: the card says so
    id: str = ""
    summary: str = ""
    risk: str = ""           # low, medium, high
    risk_label: str = ""
    risk_color: str = "gray"
    reasons: list[str] = field(default_factory=list)
    intent: str = ""
    sentiment: str = ""
    sentiment_color: str = "gray"
    objections: list[ObjectionRow] = field(default_factory=list)
    next_action: str = ""
    made: str = ""           # "Gerada em <when> por IA · Conversa encerrada"
    fallback: str = ""       # why the rules answered instead of the LLM ("" when they did not)


def _label(tr: dict[str, str], group: str, value: str) -> str:
    """A value's label, or the value itself when the catalog has none (a newer analyzer)."""
    return tr.get(f"{K}.{group}.{value}") or value


def reason_text(reason: str, tr: dict[str, str], locale: str) -> str:
    """`code` or `code:n` in the reader's words; anything else (an LLM's sentence, a code we
    do not know) as it was written."""
    code, _, count = reason.strip().partition(":")
    key = f"{K}.reason.{code}"
    if count.strip().isdigit() and f"{key}.other" in tr:
        return fmt.counted(tr, key, int(count), locale)
    if not count and key in tr:
        return tr[key]
    return reason


def error_text(error: str | None, tr: dict[str, str]) -> str:
    """The LLM's failure (`timeout`, `http_503`, `malformed_output: ...`) in words."""
    code = (error or "").split(":")[0].strip()
    if code.startswith("http_") and code[5:].isdigit():
        return tr[f"{K}.error.http"].format(status=code[5:])
    return tr.get(f"{K}.error.{code}") or code or tr[f"{K}.error.unknown"]


def fallback_text(shot: Snapshot, tr: dict[str, str]) -> str:
    if not shot.fallback:
        return ""
    if shot.fallback == "llm_failed":
        return tr[f"{K}.fallback.llm_failed"].format(error=error_text(shot.error, tr))
    return tr.get(f"{K}.fallback.{shot.fallback}") or shot.fallback


def made_text(shot: Snapshot, reader: Reader) -> str:
    tr = reader.tr
    return tr[f"{K}.made"].format(when=reader.when(shot.generated_at),
                                  analyzer=_label(tr, "analyzer", shot.analyzer),
                                  trigger=_label(tr, "trigger", shot.trigger))


def snapshot_row(shot: Snapshot | None, reader: Reader) -> SnapshotRow:
    if shot is None:
        return SnapshotRow()
    tr = reader.tr
    risk = shot.risk if shot.risk in RISK_COLORS else ""
    sentiment = str((shot.sentiment or {}).get("label") or "")
    return SnapshotRow(
        empty=False, id=shot.id, summary=shot.summary, risk=risk,
        risk_label=_label(tr, "risk", risk) if risk else "",
        risk_color=RISK_COLORS.get(risk, "gray"),
        reasons=[reason_text(str(reason), tr, reader.locale)
                 for reason in shot.no_show_risk.get("reasons") or [] if str(reason).strip()],
        intent=_label(tr, "intent", shot.intent) if shot.intent else "",
        sentiment=_label(tr, "sentiment", sentiment) if sentiment else "",
        sentiment_color=SENTIMENT_COLORS.get(sentiment, "gray"),
        objections=[ObjectionRow(_label(tr, "objection", str(item.get("kind") or "other")),
                                 str(item.get("quote") or ""))
                    for item in shot.objections],
        next_action=shot.next_best_action, made=made_text(shot, reader),
        fallback=fallback_text(shot, tr))
