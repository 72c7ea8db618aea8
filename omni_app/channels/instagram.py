"""Instagram Messaging webhooks (Messenger Platform): Meta's raw body and n8n's per-entry items.

n8n's Facebook Trigger emits each `entry` as an item, so both go through `_collect_entry`.
Events in `standby` (another app holds the conversation) are read like `messaging`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from omni_app.channels.common import (Collector, as_dict, as_list, clean_json, clean_text,
                                      describe, parse_timestamp, short)
from omni_app.channels.models import (InboundMessage, Media, ParsedBody, PayloadError, Sender,
                                      StatusUpdate)

EVENT_LISTS = ("messaging", "standby")


def is_envelope(body: dict[str, Any]) -> bool:
    return body.get("object") == "instagram"


def is_item(body: dict[str, Any]) -> bool:
    """n8n's Facebook Trigger item: one entry, `{id, time, messaging|standby}`."""
    return "object" not in body and any(isinstance(body.get(k), list) for k in EVENT_LISTS)


def parse_envelope(body: dict[str, Any]) -> ParsedBody:
    entries = body.get("entry")
    if not isinstance(entries, list):
        raise PayloadError("instagram body: 'entry' must be a list")
    out = Collector()
    for entry in entries:
        _collect_entry(as_dict(entry), out)
    return out.result("instagram body")


def parse_item(body: dict[str, Any]) -> ParsedBody:
    out = Collector()
    _collect_entry(body, out)
    return out.result("instagram item")


def _collect_entry(entry: dict[str, Any], out: Collector) -> None:
    events = [e for key in EVENT_LISTS for e in as_list(entry.get(key))]
    for change in as_list(entry.get("changes")):  # comments, mentions, ...: not messages
        out.skipped.append(f"instagram field {as_dict(change).get('field')!r} ignored")
    if not events and not entry.get("changes"):
        out.skipped.append("instagram entry without messaging events")
    for event in events:
        event = as_dict(event)
        try:
            _collect_event(event, out)
        except ValueError as problem:
            mid = as_dict(event.get("message")).get("mid") or "?"
            out.error(f"event {mid}: {describe(problem)}")


def _collect_event(event: dict[str, Any], out: Collector) -> None:
    occurred_at = parse_timestamp(event.get("timestamp"))
    sender_id = short(as_dict(event.get("sender")).get("id"))
    if "read" in event:
        mid = short(as_dict(event["read"]).get("mid"))
        if not mid:
            out.skipped.append("instagram read receipt without mid")
            return
        out.statuses.append(StatusUpdate(channel="instagram", external_message_id=mid,
                                         status="read", occurred_at=occurred_at))
        return
    if not sender_id:
        raise PayloadError("missing sender.id")
    sender = Sender(instagram_id=sender_id)
    if "message" in event:
        message = _message(as_dict(event["message"]), sender, occurred_at, out)
    elif "reaction" in event:
        message = _reaction(as_dict(event["reaction"]), sender, occurred_at)
    elif "postback" in event:  # an ice breaker or a button the customer tapped
        message = _postback(as_dict(event["postback"]), sender, occurred_at)
    else:
        kinds = sorted(k for k in event if k not in ("sender", "recipient", "timestamp"))
        out.skipped.append(f"instagram event {', '.join(kinds) or '?'} ignored")
        return
    if message is not None:
        message.metadata = {k: v for k, v in message.metadata.items() if v is not None}
        out.messages.append(message)


def _message(raw: dict[str, Any], sender: Sender, occurred_at: datetime, out: Collector
             ) -> InboundMessage | None:
    mid = short(raw.get("mid"))
    if not mid:
        raise PayloadError("message without mid")
    if raw.get("is_echo"):
        out.skipped.append(f"echo {mid}")  # our own outgoing message, sender/recipient swapped
        return None
    if raw.get("is_deleted"):
        out.skipped.append(f"deleted {mid}")
        return None
    message = InboundMessage(channel="instagram", external_message_id=mid, sender=sender,
                             occurred_at=occurred_at)
    meta = message.metadata
    message.text = clean_text(raw.get("text"), meta)
    for attachment in as_list(raw.get("attachments")):
        attachment = as_dict(attachment)
        payload = as_dict(attachment.get("payload"))
        message.media.append(Media(type=short(attachment.get("type")) or "file",
                                   url=_url(payload.get("url")),
                                   caption=clean_text(payload.get("title"), meta, "caption")))
    reply_to = as_dict(raw.get("reply_to"))
    if reply_to.get("story"):
        meta["reply_to_story"] = clean_json(reply_to["story"])
    meta["reply_to"] = short(reply_to.get("mid"))
    meta["quick_reply_payload"] = short(as_dict(raw.get("quick_reply")).get("payload"))
    if raw.get("referral"):
        meta["referral"] = clean_json(raw["referral"])
    if raw.get("is_unsupported"):
        message.kind = "unsupported"
        message.text = message.text or "[unsupported message]"
    elif message.text is None and message.media:
        message.kind = message.media[0].type
    elif message.text is None:
        message.kind = "unsupported"
        message.text = "[empty message]"
    return message


def _millis(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _url(value: Any) -> str | None:
    return clean_text(value, limit=4096) if isinstance(value, str) else None


def _reaction(raw: dict[str, Any], sender: Sender, occurred_at: datetime) -> InboundMessage:
    mid = short(raw.get("mid"))
    if not mid:
        raise PayloadError("reaction without mid")
    action = short(raw.get("action")) or "react"
    emoji = short(raw.get("emoji"))
    # Reactions have no id of their own: one per message, action and moment.
    message = InboundMessage(channel="instagram",
                             external_message_id=f"{mid}:{action}:{_millis(occurred_at)}",
                             sender=sender, occurred_at=occurred_at, kind="reaction",
                             metadata={"reaction_to": mid, "reaction": short(raw.get("reaction"))})
    if action == "unreact":
        message.metadata["removed"] = True
        message.text = "[reaction removed]"
    else:
        message.text = emoji or f"[{short(raw.get('reaction')) or 'reaction'}]"
    return message


def _postback(raw: dict[str, Any], sender: Sender, occurred_at: datetime) -> InboundMessage:
    title = short(raw.get("title"))
    mid = short(raw.get("mid")) or f"postback:{sender.instagram_id}:{_millis(occurred_at)}"
    return InboundMessage(channel="instagram", external_message_id=mid, sender=sender,
                          occurred_at=occurred_at, kind="interactive",
                          text=title or "[button]",
                          metadata={"reply_type": "postback",
                                    "reply_payload": short(raw.get("payload"))})
