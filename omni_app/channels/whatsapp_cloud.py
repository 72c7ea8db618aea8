"""WhatsApp Business Cloud API webhooks: Meta's raw envelope and n8n's WhatsApp Trigger items.

n8n's trigger emits each change's `value` with the change's `field` merged in, so unwrapping
the envelope gives exactly what it relays; both go through `parse_value`.
"""
from __future__ import annotations

import re
from typing import Any

from omni_app.channels.common import (Collector, as_dict, as_list, clean_json, clean_text,
                                      describe, parse_timestamp, short)
from omni_app.channels.models import (InboundMessage, Media, ParsedBody, PayloadError, Sender,
                                      StatusUpdate)
from omni_app.channels import phones

MEDIA_TYPES = ("image", "video", "audio", "document", "sticker")
STATUSES = ("sent", "delivered", "read", "failed")


def is_envelope(body: dict[str, Any]) -> bool:
    return body.get("object") == "whatsapp_business_account"


def is_item(body: dict[str, Any]) -> bool:
    """n8n's WhatsApp Trigger item (a change's value, envelope dropped)."""
    if body.get("messaging_product") == "whatsapp":
        return True
    if isinstance(body.get("field"), str) and "external_message_id" not in body:
        return True  # other subscribed fields (account_update, ...) relayed the same way
    return "metadata" in body and any(k in body for k in ("messages", "statuses", "contacts"))


def parse_envelope(body: dict[str, Any]) -> ParsedBody:
    entries = body.get("entry")
    if not isinstance(entries, list):
        raise PayloadError("whatsapp body: 'entry' must be a list")
    out = Collector()
    for e, entry in enumerate(entries):
        changes = as_dict(entry).get("changes")
        if not isinstance(changes, list):
            out.error(f"entry[{e}].changes must be a list")
            continue
        for change in changes:
            change = as_dict(change)
            _collect_value(as_dict(change.get("value")), change.get("field"), out)
    return out.result("whatsapp body")


def parse_item(body: dict[str, Any]) -> ParsedBody:
    out = Collector()
    _collect_value(body, body.get("field", "messages"), out)
    return out.result("whatsapp item")


def _collect_value(value: dict[str, Any], field: Any, out: Collector) -> None:
    if field != "messages":
        # account_update, message_template_status_update, smb_message_echoes, ...
        out.skipped.append(f"whatsapp field {field!r} ignored")
        return
    names = _profile_names(value)
    for raw in as_list(value.get("messages")):
        try:
            message = _message(as_dict(raw), names, out)
        except ValueError as problem:
            out.error(f"message {as_dict(raw).get('id', '?')}: {describe(problem)}")
            continue
        if message is not None:
            out.messages.append(message)
    for raw in as_list(value.get("statuses")):
        try:
            update = _status(as_dict(raw), out)
        except ValueError as problem:
            out.error(f"status {as_dict(raw).get('id', '?')}: {describe(problem)}")
            continue
        if update is not None:
            out.statuses.append(update)
    for error in as_list(value.get("errors")):  # webhook-level errors Meta reports to us
        out.skipped.append(f"whatsapp error: {_error_text([error])}")
    if not any(value.get(k) for k in ("messages", "statuses", "errors")):
        out.skipped.append("whatsapp change without messages or statuses")


def _profile_names(value: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for contact in as_list(value.get("contacts")):
        contact = as_dict(contact)
        name = short(as_dict(contact.get("profile")).get("name"))
        if not name:
            continue
        for key in ("wa_id", "user_id"):
            if contact.get(key):
                names.setdefault(str(contact[key]), name)
        if contact.get("wa_id"):  # `from` and `wa_id` may differ by Brazil's ninth digit
            names.setdefault(phones.normalize(f"+{contact['wa_id']}") or "-", name)
        names.setdefault("", name)  # the first named contact, the last resort
    return names


def _message(raw: dict[str, Any], names: dict[str, str], out: Collector) -> InboundMessage | None:
    message_id = short(raw.get("id"))
    if not message_id:
        raise PayloadError("missing 'id'")
    occurred_at = parse_timestamp(raw.get("timestamp"))
    wa_id = re.sub(r"\D", "", str(raw.get("from") or ""))
    user_id = short(raw.get("from_user_id"))
    metadata: dict[str, Any] = {}
    if not wa_id:
        # A business-scoped user id without a number: ingest keys WhatsApp clients on phones.
        out.skipped.append(f"message {message_id}: sender has no phone number "
                           f"(from_user_id {user_id or '?'})")
        return None
    phone = phones.normalize("+" + wa_id)
    if phone is None and 8 <= len(wa_id) <= 15:
        phone = "+" + wa_id  # Meta knows the account; a range phonenumbers lacks is still real
        metadata["phone_unvalidated"] = True
    if phone is None:
        raise PayloadError(f"'from' {wa_id!r} is not a phone number")
    if user_id:
        metadata["from_user_id"] = user_id
    name = (names.get(wa_id) or names.get(phone) or names.get(user_id or "-")
            or names.get(""))
    sender = Sender(phone=phone, whatsapp_id=wa_id, name=name)
    message = InboundMessage(channel="whatsapp", external_message_id=message_id, sender=sender,
                             occurred_at=occurred_at, metadata=metadata)
    _content(raw, message)
    _context(raw, message.metadata)
    if message.text is None and not message.media:
        message.text = f"[{message.kind}]"  # content is never empty
    message.metadata = {k: v for k, v in message.metadata.items() if v is not None}
    return message


def _content(raw: dict[str, Any], message: InboundMessage) -> None:
    kind = (short(raw.get("type")) or "unsupported")[:40]
    body = as_dict(raw.get(kind))
    meta = message.metadata
    message.kind = kind
    if kind == "text":
        message.text = clean_text(body.get("body"), meta)
    elif kind in MEDIA_TYPES:
        message.media = [Media(type=kind, media_id=short(body.get("id")),
                               mime_type=short(body.get("mime_type")),
                               caption=clean_text(body.get("caption"), meta, "caption"),
                               filename=short(body.get("filename")))]
        if body.get("sha256"):
            meta["sha256"] = short(body["sha256"])
        if body.get("voice") is not None:
            meta["voice"] = bool(body["voice"])
        if body.get("animated") is not None:
            meta["animated"] = bool(body["animated"])
    elif kind == "location":
        message.text = _location_text(body)
        meta["location"] = clean_json(body)
    elif kind == "contacts":
        cards = as_list(raw.get("contacts"))
        message.text = "\n".join(_contact_line(as_dict(c)) for c in cards) or "[contacts]"
        meta["contacts"] = clean_json(cards)
    elif kind in ("interactive", "button"):
        _reply(kind, body, message)
    elif kind == "reaction":
        meta["reaction_to"] = short(body.get("message_id"))
        message.text = short(body.get("emoji"))
        if not message.text:
            meta["removed"] = True
            message.text = "[reaction removed]"
    elif kind == "system":  # e.g. the customer changed numbers
        message.text = clean_text(body.get("body"), meta)
        meta["system"] = clean_json(body)
    else:
        _unsupported(kind, raw, message)


def _location_text(body: dict[str, Any]) -> str:
    """`📍 lat,long name address`, whatever of it is there."""
    where = [short(body.get(k)) for k in ("latitude", "longitude")]
    point = ",".join(where) if all(where) else ""  # type: ignore[arg-type]
    label = " ".join(p for p in (short(body.get("name")), short(body.get("address"))) if p)
    return " ".join(p for p in ("📍", point, label) if p) if point or label else "📍 [location]"


def _contact_line(card: dict[str, Any]) -> str:
    name = short(as_dict(card.get("name")).get("formatted_name")) or "?"
    numbers = [short(as_dict(p).get("phone")) for p in as_list(card.get("phones"))]
    return f"👤 {name}" + (f": {', '.join(n for n in numbers if n)}" if any(numbers) else "")


def _reply(kind: str, body: dict[str, Any], message: InboundMessage) -> None:
    meta = message.metadata
    if kind == "button":  # a template's quick-reply button
        message.text = short(body.get("text"))
        meta["reply_payload"] = short(body.get("payload"))
        return
    reply_type = str(body.get("type") or "")
    reply = as_dict(body.get(reply_type))
    meta["reply_type"] = reply_type
    meta["reply_id"] = short(reply.get("id"))
    if reply_type == "nfm_reply":  # a WhatsApp Flow's answer
        meta["flow_response"] = clean_json(reply.get("response_json"))
        message.text = short(reply.get("body")) or short(reply.get("name"))
    else:
        message.text = short(reply.get("title"))
        if reply.get("description"):
            meta["reply_description"] = short(reply["description"])


def _unsupported(kind: str, raw: dict[str, Any], message: InboundMessage) -> None:
    errors = as_list(raw.get("errors")) or as_list(as_dict(raw.get("unsupported")).get("errors"))
    message.kind = "unsupported"
    message.metadata["original_type"] = kind
    if errors:
        message.metadata["errors"] = clean_json(errors)
    detail = _error_text(errors) if errors else kind
    message.text = f"[unsupported message: {detail}]"


def _context(raw: dict[str, Any], meta: dict[str, Any]) -> None:
    context = as_dict(raw.get("context"))
    if context.get("id"):
        meta["reply_to"] = short(context["id"])
    if context.get("forwarded") or context.get("frequently_forwarded"):
        meta["forwarded"] = True
    if context.get("referred_product"):
        meta["referred_product"] = clean_json(context["referred_product"])
    if raw.get("referral"):  # click-to-WhatsApp ad the conversation started from
        meta["referral"] = clean_json(raw["referral"])


def _status(raw: dict[str, Any], out: Collector) -> StatusUpdate | None:
    message_id = short(raw.get("id"))
    if not message_id:
        raise PayloadError("missing 'id'")
    status = raw.get("status")
    if status not in STATUSES:
        out.skipped.append(f"status {status!r} for {message_id} ignored")
        return None
    errors = as_list(raw.get("errors"))
    return StatusUpdate(channel="whatsapp", external_message_id=message_id, status=status,
                        error=_error_text(errors) if errors else None,
                        occurred_at=parse_timestamp(raw.get("timestamp")))


def _error_text(errors: list[Any]) -> str:
    """`title: message: details (code)` per error, repeated parts once."""
    texts = []
    for error in errors:
        error = as_dict(error)
        parts: list[str] = []
        for part in (error.get("title"), error.get("message"),
                     as_dict(error.get("error_data")).get("details")):
            part = short(part)
            if part and part not in parts:
                parts.append(part)
        code = f" ({error['code']})" if error.get("code") is not None else ""
        texts.append((": ".join(parts) or "error") + code)
    return "; ".join(texts)
