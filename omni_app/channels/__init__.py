"""Inbound webhook bodies -> Omni's normalized messages and status updates (pure, no I/O).

`parse(channel, payload)` recognizes every accepted format and dispatches:

- `omni`: Omni's normalized message, one or `{"messages": [...]}` (what our n8n recipe sends);
- each channel's Meta body (`whatsapp_cloud`: `object: whatsapp_business_account`;
  `instagram`: `object: instagram`) and n8n trigger item (`whatsapp_n8n`: a change's `value`
  with `field`; `instagram_n8n`: one `entry`), as `channels/registry.py` declares them.

A JSON array of any of these is parsed item by item. Bodies that will never be accepted raise
PayloadError (the webhook answers 400 with its message).
"""
from __future__ import annotations

import json
from typing import Any

from omni_app.channels import omni_format
from omni_app.channels.common import Collector
from omni_app.channels.models import ParsedBody, PayloadError
from omni_app.channels.registry import CHANNELS, BodyFormat

MAX_ITEMS = 500
_META_BODIES = [(channel.name, channel.meta_body) for channel in CHANNELS.values()]
_RELAYED_ITEMS = [(channel.name, channel.relayed_item) for channel in CHANNELS.values()]

__all__ = ["PayloadError", "ParsedBody", "detect_format", "is_meta_body", "parse"]


def _detect(payload: Any) -> tuple[str | None, BodyFormat | None]:
    """(channel, format) of a decoded JSON object; (None, None) for Omni's own format.
    Meta bodies are recognised before relayed items, which are looser. Raises PayloadError."""
    if not isinstance(payload, dict):
        raise PayloadError(f"expected a JSON object, got {type(payload).__name__}")
    for channel, body_format in _META_BODIES:
        if body_format.detects(payload):
            return channel, body_format
    if "object" in payload and "entry" in payload:
        raise PayloadError(f"unsupported Meta object {payload.get('object')!r}")
    for channel, body_format in _RELAYED_ITEMS:
        if body_format.detects(payload):
            return channel, body_format
    if omni_format.is_omni(payload):
        return None, None
    keys = ", ".join(sorted(map(str, payload))[:8]) or "none"
    raise PayloadError("unrecognized body: expected an Omni message (external_message_id, "
                       "from, timestamp), a WhatsApp Cloud API or an Instagram Messaging "
                       f"webhook; got keys: {keys}")


def detect_format(payload: Any) -> str:
    """Which accepted format a decoded JSON object is ("omni", "whatsapp_cloud", …)."""
    return getattr(_detect(payload)[1], "name", "omni")


def is_meta_body(payload: Any) -> bool:
    """A raw Meta webhook body, the only kind Meta's X-Hub-Signature-256 can sign."""
    return isinstance(payload, dict) and any(body_format.detects(payload)
                                             for _, body_format in _META_BODIES)


def parse(channel: str, payload: Any) -> ParsedBody:
    """The messages, statuses and skipped parts of a webhook body for the endpoint `channel`.
    `payload` is decoded JSON (str/bytes are decoded here). Raises PayloadError."""
    if channel not in CHANNELS:
        raise PayloadError(f"unknown channel {channel!r}")
    if isinstance(payload, (bytes, bytearray, str)):
        try:
            payload = json.loads(payload)
        except (ValueError, UnicodeDecodeError) as error:
            raise PayloadError(f"malformed JSON: {error}") from None
    if isinstance(payload, list):
        if not payload:
            raise PayloadError("empty JSON array")
        if len(payload) > MAX_ITEMS:
            raise PayloadError(f"too many items ({len(payload)} > {MAX_ITEMS})")
        out = Collector()
        for index, item in enumerate(payload):
            try:
                out.merge(_parse_one(channel, item))
            except PayloadError as problem:
                raise PayloadError(f"item [{index}]: {problem}") from None
        return out.result("body")
    return _parse_one(channel, payload)


def _parse_one(channel: str, payload: Any) -> ParsedBody:
    body_channel, body_format = _detect(payload)
    if body_format is None:
        return omni_format.parse(payload, channel)
    if body_channel != channel:
        raise PayloadError(f"this endpoint takes {channel} bodies; got a {body_channel} body")
    return body_format.parse(payload)
