"""Auth API rules that need no server: Go durations, email format, password strength, Go time
format, the sliding-window limiter."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from localbase.auth.errors import AuthError
from localbase.auth.ratelimit import SlidingWindowLimiter
from localbase.auth.shapes import go_time
from localbase.auth.validation import check_password_strength, parse_go_duration, validate_email


@pytest.mark.parametrize("text, expected", [
    ("24h", timedelta(hours=24)), ("1h30m", timedelta(hours=1, minutes=30)),
    ("-1.5h", timedelta(hours=-1.5)), ("0", timedelta(0)), ("300ms", timedelta(seconds=0.3)),
    ("2h45m10s", timedelta(hours=2, minutes=45, seconds=10)),
    ("1\u00b5s", timedelta(microseconds=1)),
])
def test_go_durations(text, expected):
    assert parse_go_duration(text) == expected


@pytest.mark.parametrize("text, message", [
    ("", 'time: invalid duration ""'), ("forever", 'time: invalid duration "forever"'),
    ("10", 'time: missing unit in duration "10"'),
    ("3d", 'time: unknown unit "d" in duration "3d"'),
    ("9999999h", 'time: invalid duration "9999999h"'),
])
def test_invalid_go_durations(text, message):
    with pytest.raises(ValueError, match=message):
        parse_go_duration(text)


def test_emails_are_checked_and_lower_cased():
    assert validate_email("Ana.Maria+tag@Clinic.Example") == "ana.maria+tag@clinic.example"
    for bad in ("", "plain", "a@", "a@-x.com", "a b@x.com", "x" * 250 + "@x.com"):
        with pytest.raises(AuthError) as caught:
            validate_email(bad)
        assert (caught.value.status, caught.value.code) == (400, "validation_failed")


def test_password_length_counts_bytes_like_go():
    check_password_strength("é" * 3, 6)  # 6 bytes
    with pytest.raises(AuthError) as weak:
        check_password_strength("abcde", 6)
    assert weak.value.code == "weak_password"
    assert weak.value.body()["weak_password"] == {"reasons": ["length"]}
    with pytest.raises(AuthError) as long:
        check_password_strength("x" * 73, 6)
    assert long.value.code == "validation_failed"


def test_go_time_trims_the_fraction():
    moment = datetime(2024, 5, 6, 7, 8, 9, 120000, tzinfo=timezone.utc)
    assert go_time(moment) == "2024-05-06T07:08:09.12Z"
    assert go_time(moment.replace(microsecond=0)) == "2024-05-06T07:08:09Z"
    assert go_time(None) is None


def test_sliding_window_limiter():
    limiter = SlidingWindowLimiter(limit=2, window=0.2)
    key = ("127.0.0.1", "a@x")
    assert limiter.allow(key) and limiter.allow(key)
    assert not limiter.allow(key)
    assert limiter.allow(("127.0.0.1", "b@x"))
    time.sleep(0.25)
    assert limiter.allow(key)
