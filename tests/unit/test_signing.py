"""Webhook signatures: Omni's timestamped scheme and Meta's X-Hub-Signature-256."""
from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from omni_app.domain.signing import (SIGNATURE_HEADER, TIMESTAMP_HEADER, meta_signature,
                                     sign_headers, verify_meta, verify_omni)

NOW = 1_764_000_000
SECRET, OTHER = "s3cret-current", "s3cret-previous"
BODY = b'{"channel":"whatsapp","external_message_id":"wamid.1","text":"Ol\xc3\xa1"}'


def signed(body: bytes = BODY, secret: str = SECRET, at: int = NOW) -> tuple[str, str]:
    headers = sign_headers(secret, body, now=at)
    return headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]


def test_headers_follow_the_documented_scheme():
    timestamp, signature = signed()
    assert timestamp == str(NOW)
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert signature == "sha256=" + expected


def test_valid_signature_verifies():
    assert verify_omni([SECRET], BODY, *signed(), now=NOW)
    assert verify_omni([SECRET], BODY, *signed(), now=NOW + 1)  # clock skew either side


def test_wrong_secret_is_refused():
    assert not verify_omni(["not-the-secret"], BODY, *signed(), now=NOW)
    assert not verify_omni([], BODY, *signed(), now=NOW)
    assert not verify_omni([""], BODY, *signed(secret=""), now=NOW)


def test_any_of_several_secrets_verifies_during_rotation():
    assert verify_omni([SECRET, OTHER], BODY, *signed(secret=OTHER), now=NOW)
    assert verify_omni((SECRET, OTHER), BODY, *signed(secret=SECRET), now=NOW)
    assert not verify_omni([SECRET], BODY, *signed(secret=OTHER), now=NOW)


def test_a_lone_string_is_one_secret_not_a_list_of_characters():
    assert verify_omni(SECRET, BODY, *signed(), now=NOW)
    assert not verify_omni("x", BODY, *signed(secret="x"), now=NOW + 10_000)


@pytest.mark.parametrize("timestamp, signature", [
    (None, None), (str(NOW), None), (None, "sha256=" + "0" * 64), ("", ""),
])
def test_missing_headers_are_refused(timestamp, signature):
    assert not verify_omni([SECRET], BODY, timestamp, signature, now=NOW)


def test_stale_and_future_timestamps_are_refused():
    assert verify_omni([SECRET], BODY, *signed(at=NOW - 300), now=NOW)
    assert not verify_omni([SECRET], BODY, *signed(at=NOW - 301), now=NOW)
    assert not verify_omni([SECRET], BODY, *signed(at=NOW + 301), now=NOW)
    assert verify_omni([SECRET], BODY, *signed(at=NOW - 500), now=NOW, window=600)


def test_a_timestamp_other_than_the_signed_one_is_refused():
    _, signature = signed()
    assert not verify_omni([SECRET], BODY, str(NOW + 1), signature, now=NOW)


@pytest.mark.parametrize("timestamp, signature", [
    ("abc", "sha256=" + "0" * 64), ("1.5", "sha256=" + "0" * 64),
    ("-1", "sha256=" + "0" * 64), ("9" * 40, "sha256=" + "0" * 64),
    (str(NOW), "sha1=" + "0" * 40), (str(NOW), "sha256=xyz"), (str(NOW), "0" * 64),
    (str(NOW), "sha256=" + "0" * 63), (str(NOW), "sha256=é" + "0" * 63),
    (str(NOW), "sha256=" + "0" * 64 + ",v1=abc"), (123, b"sha256=00"),
])
def test_malformed_headers_are_refused_never_raised(timestamp, signature):
    assert verify_omni([SECRET], BODY, timestamp, signature, now=NOW) is False


def test_headers_with_surrounding_spaces_or_uppercase_hex_still_verify():
    timestamp, signature = signed()
    assert verify_omni([SECRET], BODY, f" {timestamp} ", signature.upper().replace(
        "SHA256=", "sha256="), now=NOW)


def test_body_reserialized_with_different_spacing_is_refused():
    respaced = json.dumps(json.loads(BODY)).encode()  # ", " and ": " instead of compact
    assert respaced != BODY
    assert not verify_omni([SECRET], respaced, *signed(), now=NOW)


def test_non_ascii_body_is_signed_over_its_exact_bytes():
    utf8 = json.dumps({"text": "Olá, tudo bem? 😀 ä"}, ensure_ascii=False).encode()
    escaped = json.dumps({"text": "Olá, tudo bem? 😀 ä"}).encode()  # \u00e1 as Meta sends
    for body in (utf8, escaped):
        assert verify_omni([SECRET], body, *signed(body), now=NOW)
    assert not verify_omni([SECRET], escaped, *signed(utf8), now=NOW)
    assert not verify_omni([SECRET], utf8, *signed(escaped), now=NOW)


def test_a_non_bytes_body_is_refused():
    timestamp, signature = signed()
    assert not verify_omni([SECRET], BODY.decode(), timestamp, signature, now=NOW)


META_BODY = (b'{"object":"whatsapp_business_account","entry":[{"changes":[{"value":'
             b'{"contacts":[{"profile":{"name":"J\\u00e4rgen"}}]}}]}]}')


def test_meta_signature_over_the_raw_escaped_body():
    header = "sha256=" + hmac.new(b"app-secret", META_BODY, hashlib.sha256).hexdigest()
    assert meta_signature("app-secret", META_BODY) == header
    assert verify_meta("app-secret", META_BODY, header)
    decoded = json.dumps(json.loads(META_BODY), ensure_ascii=False,
                         separators=(",", ":")).encode()  # "Järgen" as UTF-8
    assert not verify_meta("app-secret", decoded, header)


@pytest.mark.parametrize("secret, header", [
    ("wrong", None), ("app-secret", None), ("app-secret", ""), (None, "sha256=" + "0" * 64),
    ("", "sha256=" + "0" * 64), ("app-secret", "sha1=" + "0" * 40),
    ("app-secret", "sha256=" + "0" * 64), ("app-secret", "garbage"),
])
def test_meta_signature_refusals(secret, header):
    if secret == "wrong":
        header = meta_signature("app-secret", META_BODY)
    assert verify_meta(secret, META_BODY, header) is False
