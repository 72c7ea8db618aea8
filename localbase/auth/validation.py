"""Input rules GoTrue applies: email format, password strength, Go-style ban durations."""
from __future__ import annotations

import json
import re
from datetime import timedelta

from localbase.auth.errors import AuthError, validation_failed, weak_password

# github.com/badoux/checkmail, which GoTrue uses to validate email format.
_EMAIL = re.compile(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
                    r"@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")
MAX_PASSWORD_LENGTH = 72  # bcrypt ignores what follows; GoTrue refuses it
_DURATION_PART = re.compile(r"(\d+\.?\d*|\.\d+)([^\d.]*)")
_DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "\u03bcs": 1e-6, "ms": 1e-3, "s": 1.0,
                   "m": 60.0, "h": 3600.0}
_MAX_DURATION_SECONDS = (2**63 - 1) / 1e9  # Go's time.Duration is int64 nanoseconds


def validate_email(email: str | None) -> str:
    """The lower-cased address, or 400 validation_failed with GoTrue's messages."""
    if not email:
        raise validation_failed("An email address is required")
    if len(email) > 255:
        raise validation_failed("An email address is too long")
    if not _EMAIL.fullmatch(email):
        raise validation_failed("Unable to validate email address: invalid format")
    return email.lower()


def check_password_strength(password: str, min_length: int) -> None:
    """Lengths count bytes, as Go's len() does."""
    size = len(password.encode())
    if size > MAX_PASSWORD_LENGTH:
        raise validation_failed(f"Password cannot be longer than {MAX_PASSWORD_LENGTH} characters")
    if size < min_length:
        raise weak_password(f"Password should be at least {min_length} characters.", ["length"])


def weak_password_notice(password: str, min_length: int) -> dict | None:
    """What a sign-in response carries under `weak_password` when the password is too short."""
    try:
        check_password_strength(password, min_length)
    except AuthError as exc:
        return {"message": exc.message, **exc.extra.get("weak_password", {})}
    return None


def parse_go_duration(text: str) -> timedelta:
    """Go's time.ParseDuration ("24h", "1h30m", "-1.5h", "0"); ValueError carries Go's message."""
    quoted = json.dumps(text, ensure_ascii=False)
    rest, sign = text, 1.0
    if rest[:1] in ("+", "-"):
        sign, rest = (-1.0 if rest[0] == "-" else 1.0), rest[1:]
    if rest == "0":
        return timedelta(0)
    if not rest:
        raise ValueError(f"time: invalid duration {quoted}")
    seconds, pos = 0.0, 0
    while pos < len(rest):
        match = _DURATION_PART.match(rest, pos)
        if not match:
            raise ValueError(f"time: invalid duration {quoted}")
        number, unit = match.groups()
        if not unit:
            raise ValueError(f"time: missing unit in duration {quoted}")
        if unit not in _DURATION_UNITS:
            raise ValueError(f"time: unknown unit {json.dumps(unit, ensure_ascii=False)} "
                             f"in duration {quoted}")
        seconds += float(number) * _DURATION_UNITS[unit]
        pos = match.end()
    if seconds > _MAX_DURATION_SECONDS:
        raise ValueError(f"time: invalid duration {quoted}")
    return timedelta(seconds=sign * seconds)
