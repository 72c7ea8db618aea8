"""Webhook signatures, checked over the exact bytes received (never a re-serialized body).

Omni's scheme (n8n -> Omni, and Omni's own outbound calls):
    X-Omni-Timestamp: <unix seconds>
    X-Omni-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body bytes>")>
Meta's scheme on raw Meta bodies:
    X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body bytes)>

The verifiers answer True or False, never raise, whatever the headers hold."""
from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Sequence

TIMESTAMP_HEADER = "X-Omni-Timestamp"
SIGNATURE_HEADER = "X-Omni-Signature"
INTEGRATION_HEADER = "X-Omni-Integration"
META_SIGNATURE_HEADER = "X-Hub-Signature-256"
WINDOW_SECONDS = 300

_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


def omni_signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` over `<timestamp>.<body>`; the timestamp exactly as sent in the header."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + bytes(body), hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def sign_headers(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    """The two headers to send with `body` (send those very bytes)."""
    timestamp = str(int(time.time() if now is None else now))
    return {TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: omni_signature(secret, timestamp, body)}


def verify_omni(secrets: Sequence[str], body: bytes, timestamp: str | None,
                signature: str | None, now: float | None = None,
                window: int = WINDOW_SECONDS) -> bool:
    """True when `signature` matches any of `secrets` (current and, during a rotation's grace
    period, previous) and `timestamp` is within `window` seconds of now, either side."""
    if isinstance(secrets, str):  # a lone secret would otherwise be checked char by char
        secrets = (secrets,)
    if not isinstance(body, (bytes, bytearray, memoryview)):
        return False
    stamp = _field(timestamp, _TIMESTAMP)
    digest = _field(signature, _SIGNATURE)
    if stamp is None or digest is None:
        return False
    current = time.time() if now is None else now
    if abs(current - int(stamp)) > window:
        return False
    matched = False
    for secret in secrets:
        if isinstance(secret, str) and secret:
            # No early exit: the time taken does not tell which secret matched.
            matched |= hmac.compare_digest(omni_signature(secret, stamp, body),
                                           "sha256=" + digest.lower())
    return matched


def meta_signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), bytes(body), hashlib.sha256).hexdigest()


def verify_meta(app_secret: str | None, body: bytes, header: str | None) -> bool:
    """Meta's `X-Hub-Signature-256` over the raw body (Meta escapes non-ASCII as \\u00e4 and
    signs those bytes, so hashing a re-serialized body fails, as it should)."""
    if not app_secret or not isinstance(app_secret, str):
        return False
    if not isinstance(body, (bytes, bytearray, memoryview)):
        return False
    digest = _field(header, _SIGNATURE)
    if digest is None:
        return False
    return hmac.compare_digest(meta_signature(app_secret, body), "sha256=" + digest.lower())


def _field(value: str | None, pattern: re.Pattern[str]) -> str | None:
    """The header's value when it is well formed; the digest group for signatures."""
    if not isinstance(value, str):
        return None
    match = pattern.fullmatch(value.strip())
    if match is None:
        return None
    return match.group(1) if pattern.groups else match.group(0)
