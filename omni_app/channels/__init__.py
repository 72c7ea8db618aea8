"""Inbound webhook bodies -> Omni's normalized messages and status updates (pure, no I/O).

`parse(channel, payload)` recognizes every accepted format and dispatches:

- `omni`: Omni's normalized message, one or `{"messages": [...]}` (what our n8n recipe sends);
- `whatsapp_cloud`: Meta's raw WhatsApp Cloud API body (`object: whatsapp_business_account`);
- `whatsapp_n8n`: n8n's WhatsApp Trigger item (a change's `value` with `field`);
- `instagram`: Meta's raw Instagram Messaging body (`object: instagram`);
- `instagram_n8n`: n8n's Facebook Trigger item (one `entry`).

A JSON array of any of these is parsed item by item. Bodies that will never be accepted raise
PayloadError (the webhook answers 400 with its message).
"""
from __future__ import annotations

import json
from typing import Any, Literal

from omni_app.channels import instagram, omni_format, whatsapp_cloud
from omni_app.channels.common import Collector
from omni_app.channels.models import ParsedBody, PayloadError

Format = Literal["omni", "whatsapp_cloud", "whatsapp_n8n", "instagram", "instagram_n8n"]
CHANNELS = ("whatsapp", "instagram")
MAX_ITEMS = 500

_CHANNEL_OF: dict[str, str] = {"whatsapp_cloud": "whatsapp", "whatsapp_n8n": "whatsapp",
                               "instagram": "instagram", "instagram_n8n": "instagram"}

__all__ = ["Format", "PayloadError", "ParsedBody", "detect_format", "is_meta_body", "parse"]


def detect_format(payload: Any) -> Format:
    """Which accepted format a decoded JSON object is. Raises PayloadError when none."""
    if not isinstance(payload, dict):
        raise PayloadError(f"expected a JSON object, got {type(payload).__name__}")
    if whatsapp_cloud.is_envelope(payload):
        return "whatsapp_cloud"
    if instagram.is_envelope(payload):
        return "instagram"
    if "object" in payload and "entry" in payload:
        raise PayloadError(f"unsupported Meta object {payload.get('object')!r}")
    if whatsapp_cloud.is_item(payload):
        return "whatsapp_n8n"
    if instagram.is_item(payload):
        return "instagram_n8n"
    if omni_format.is_omni(payload):
        return "omni"
    keys = ", ".join(sorted(map(str, payload))[:8]) or "none"
    raise PayloadError("unrecognized body: expected an Omni message (external_message_id, "
                       "from, timestamp), a WhatsApp Cloud API or an Instagram Messaging "
                       f"webhook; got keys: {keys}")


def is_meta_body(payload: Any) -> bool:
    """A raw Meta webhook body, the only kind Meta's X-Hub-Signature-256 can sign."""
    return isinstance(payload, dict) and (whatsapp_cloud.is_envelope(payload)
                                          or instagram.is_envelope(payload))


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
    kind = detect_format(payload)
    body_channel = _CHANNEL_OF.get(kind)
    if body_channel and body_channel != channel:
        raise PayloadError(f"this endpoint takes {channel} bodies; got a {body_channel} body")
    if kind == "whatsapp_cloud":
        return whatsapp_cloud.parse_envelope(payload)
    if kind == "whatsapp_n8n":
        return whatsapp_cloud.parse_item(payload)
    if kind == "instagram":
        return instagram.parse_envelope(payload)
    if kind == "instagram_n8n":
        return instagram.parse_item(payload)
    return omni_format.parse(payload, channel)
