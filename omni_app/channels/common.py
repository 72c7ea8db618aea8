"""Helpers every payload parser shares: timestamps, text and JSON cleanup, per-item collection."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from pydantic import ValidationError

from omni_app.channels.models import InboundMessage, ParsedBody, PayloadError, StatusUpdate

MAX_TEXT = 20_000
MAX_SHORT = 1_000          # names, titles, ids
_EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
_CLOCK_SKEW = timedelta(days=1)
_MS_THRESHOLD = 100_000_000_000  # 1e11: as seconds that is year 5138, as milliseconds 1973
# PostgreSQL text/jsonb refuse NUL, and a lone surrogate (from a JSON "\ud83d") cannot be UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def parse_timestamp(value: Any, where: str = "timestamp") -> datetime:
    """Epoch seconds or milliseconds (int, float or digit string) or ISO-8601 -> aware UTC.
    A naive ISO value is taken as UTC. Values before 2000 or over a day ahead are refused."""
    if isinstance(value, bool) or value is None or value == "":
        raise PayloadError(f"{where}: missing or not a timestamp ({value!r})")
    moment: datetime
    if isinstance(value, (int, float)) or (isinstance(value, str)
                                           and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value)):
        number = float(value)
        if number >= _MS_THRESHOLD:
            number /= 1000
        try:
            moment = datetime.fromtimestamp(number, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise PayloadError(f"{where}: {value!r} is out of range") from None
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
        except ValueError:
            raise PayloadError(f"{where}: {value[:40]!r} is not ISO-8601 or epoch time") from None
        moment = (moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None
                  else moment.astimezone(timezone.utc))
    else:
        raise PayloadError(f"{where}: expected a number or a string, got {type(value).__name__}")
    if not _EARLIEST <= moment <= datetime.now(timezone.utc) + _CLOCK_SKEW:
        raise PayloadError(f"{where}: {value!r} ({moment:%Y-%m-%d}) is not a plausible time")
    return moment


def clean_text(value: Any, metadata: dict[str, Any] | None = None, key: str = "text",
               limit: int = MAX_TEXT) -> str | None:
    """Storable text or None when blank. Over `limit` it is cut and, given `metadata`, the cut
    is noted as `<key>_truncated_from: <original length>`."""
    if value is None:
        return None
    text = _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", str(value))
    if not text.strip():
        return None
    if len(text) > limit:
        if metadata is not None:
            metadata[f"{key}_truncated_from"] = len(text)
        text = text[:limit]
    return text


def clean_json(value: Any, depth: int = 0) -> Any:
    """Provider data kept in metadata, made storable in jsonb (no NUL, no lone surrogates)."""
    if depth > 20:
        return None
    if isinstance(value, str):
        return clean_text(value) or ""
    if isinstance(value, dict):
        return {clean_text(str(k)) or "_": clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v, depth + 1) for v in value]
    return value


def describe(error: ValueError) -> str:
    """One line per problem: `field.path: message` for pydantic errors, else the message."""
    if isinstance(error, ValidationError):
        return "; ".join(".".join(str(p) for p in e["loc"]) + ": "
                         + e["msg"].removeprefix("Value error, ") for e in error.errors()[:10])
    return str(error)


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def short(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return clean_text(value, limit=MAX_SHORT)


@dataclass
class Collector:
    """What a Meta body yields. One bad item never fails the others: it is skipped with the
    reason. Only a body in which nothing was usable and something was invalid is refused."""
    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def error(self, reason: str) -> None:
        self.errors.append(reason)
        self.skipped.append(f"invalid: {reason}")

    def merge(self, other: ParsedBody) -> None:
        self.messages += other.messages
        self.statuses += other.statuses
        self.skipped += other.skipped

    def result(self, what: str) -> ParsedBody:
        if self.errors and not (self.messages or self.statuses):
            raise PayloadError(f"{what}: " + "; ".join(self.errors[:5]))
        return ParsedBody(messages=self.messages, statuses=self.statuses, skipped=self.skipped)
