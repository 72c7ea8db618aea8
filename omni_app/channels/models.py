"""What every channel parser produces: Omni's normalized inbound messages and status updates.

Parsers (one module per payload format) turn a webhook body into a ParsedBody; the inbound
domain stores it through `ingest_inbound_message` / `record_message_status`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

DeliveryStatus = Literal["sent", "delivered", "read", "failed"]


class PayloadError(ValueError):
    """A body that will never be accepted (400): says what is wrong, for the sender's logs."""


class Sender(BaseModel):
    phone: str | None = None          # E.164, normalized (channels/phones.py)
    whatsapp_id: str | None = None    # wa_id digits as Meta sends them
    instagram_id: str | None = None   # IGSID
    email: str | None = None
    name: str | None = None


class Media(BaseModel):
    type: str                          # image, video, audio, document, sticker, file, share, ...
    url: str | None = None
    media_id: str | None = None        # WhatsApp Cloud API gives an id, not a URL
    mime_type: str | None = None
    caption: str | None = None
    filename: str | None = None        # WhatsApp documents carry the original file name


class InboundMessage(BaseModel):
    channel: str                       # a name in channels/registry.py (parse() checks it)
    external_message_id: str = Field(min_length=1, max_length=256)
    sender: Sender
    kind: str = "text"                 # text, image, ..., location, reaction, unsupported, ...
    text: str | None = None
    media: list[Media] = Field(default_factory=list)
    occurred_at: datetime
    metadata: dict[str, Any] = Field(default_factory=dict)

    def media_json(self) -> dict[str, Any] | None:
        """The `media` column: the kind, the first caption and every item."""
        if not self.media:
            return None
        caption = next((m.caption for m in self.media if m.caption), None)
        return {"type": self.kind, "caption": caption,
                "items": [m.model_dump(exclude_none=True) for m in self.media]}


class StatusUpdate(BaseModel):
    channel: str                       # a name in channels/registry.py (parse() checks it)
    external_message_id: str
    status: DeliveryStatus
    error: str | None = None
    occurred_at: datetime | None = None


class ParsedBody(BaseModel):
    messages: list[InboundMessage] = Field(default_factory=list)
    statuses: list[StatusUpdate] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # why parts were ignored (echo, ...)
