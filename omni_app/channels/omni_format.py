"""Omni's normalized inbound message: what our n8n workflows send, one object or a batch.

Unlike Meta bodies, this format is ours: any invalid message refuses the whole body (400) with
the path of the problem, so the workflow author sees it at once instead of losing messages.
`json_schema()` publishes the format for the docs and the n8n recipe.
"""
from __future__ import annotations

from typing import Any, Union

from pydantic import (BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator,
                      model_validator)
from pydantic.json_schema import DEFAULT_REF_TEMPLATE

from omni_app.channels.common import (MAX_SHORT, clean_json, clean_text, describe,
                                      parse_timestamp)
from omni_app.channels.models import InboundMessage, Media, ParsedBody, PayloadError, Sender
from omni_app.channels import phones
from omni_app.channels.registry import CHANNELS, ChannelName

MAX_BATCH = 500
_CONFIG = ConfigDict(extra="ignore", coerce_numbers_to_str=True, populate_by_name=True)


class OmniSender(BaseModel):
    """Who wrote. WhatsApp messages need `phone`; Instagram messages need `instagram_id`."""
    model_config = _CONFIG
    phone: str | None = Field(None, max_length=64, description="Any format; stored as E.164.")
    whatsapp_id: str | None = Field(None, max_length=64, description="wa_id as Meta sends it.")
    instagram_id: str | None = Field(None, max_length=128, description="The sender's IGSID.")
    email: str | None = Field(None, max_length=320)
    name: str | None = Field(None, max_length=MAX_SHORT, description="Profile name.")


class OmniMedia(BaseModel):
    """One attachment: a URL Omni can link to, or a provider media id."""
    model_config = _CONFIG
    url: str | None = Field(None, max_length=4096)
    media_id: str | None = Field(None, max_length=256)
    mime_type: str | None = Field(None, max_length=255, examples=["image/jpeg"])
    caption: str | None = None
    filename: str | None = Field(None, max_length=MAX_SHORT)
    type: str | None = Field(None, max_length=32, description=(
        "image, video, audio, document, sticker, file, ...; from mime_type when absent."))

    @model_validator(mode="after")
    def _located(self) -> OmniMedia:
        if not (self.url or self.media_id):
            raise ValueError("a media item needs a url or a media_id")
        return self


class OmniMessage(BaseModel):
    """One inbound message."""
    model_config = _CONFIG
    channel: ChannelName | None = Field(
        None, description="Defaults to the endpoint's channel; must match it when given.")
    external_message_id: str = Field(min_length=1, max_length=256, description=(
        "The provider's message id (wamid..., Instagram mid); deliveries are deduplicated on it."))
    sender: OmniSender = Field(alias="from")
    text: str | None = Field(None, description="Up to 20,000 characters are kept.")
    media: list[OmniMedia] = Field(default_factory=list, max_length=20)
    timestamp: int | float | str = Field(description=(
        "When it was sent: ISO-8601 (with an offset; UTC when none), epoch seconds or epoch "
        "milliseconds."), examples=["2025-06-08T21:39:43Z", 1749418783, 1749418783000])
    kind: str | None = Field(None, max_length=32, description=(
        "text, image, ..., location, reaction, unsupported; from the content when absent."))
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("external_message_id")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("timestamp")
    @classmethod
    def _plausible(cls, value: int | float | str) -> int | float | str:
        parse_timestamp(value)  # raises PayloadError, a ValueError pydantic reports in place
        return value


class OmniBatch(BaseModel):
    """Several messages in one request."""
    model_config = _CONFIG
    messages: list[OmniMessage] = Field(min_length=1, max_length=MAX_BATCH)


_BODY = TypeAdapter(Union[OmniBatch, OmniMessage])


def is_omni(body: dict[str, Any]) -> bool:
    return "external_message_id" in body or isinstance(body.get("messages"), list)


def json_schema(ref_template: str = DEFAULT_REF_TEMPLATE) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an accepted body: one message or `{"messages": [...]}`."""
    schema = _BODY.json_schema(by_alias=True, ref_template=ref_template)
    schema["title"] = "Omni inbound message(s)"
    schema["description"] = ("One message object, or {\"messages\": [...]} with up to "
                             f"{MAX_BATCH} of them.")
    return schema


def parse(body: dict[str, Any], channel: str) -> ParsedBody:
    """Validates an Omni body for the endpoint's `channel`. Raises PayloadError."""
    if isinstance(body.get("messages"), list):
        model: BaseModel = _validated(OmniBatch, body)
        items, prefix = model.messages, "messages[{}]"
    else:
        items, prefix = [_validated(OmniMessage, body)], "message"
    messages = []
    for index, item in enumerate(items):
        try:
            messages.append(_inbound(item, channel))
        except PayloadError as problem:
            raise PayloadError(f"{prefix.format(index)}: {problem}") from None
    return ParsedBody(messages=messages)


def _validated(model: type[BaseModel], body: dict[str, Any]) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as error:
        raise PayloadError(f"invalid Omni message: {describe(error)}") from None


def _inbound(item: OmniMessage, channel: str) -> InboundMessage:
    if item.channel and item.channel != channel:
        raise PayloadError(f"channel is {item.channel!r} but this endpoint takes {channel!r}")
    sent = item.sender
    phone = phones.normalize(sent.phone) if sent.phone else None
    if sent.phone and phone is None:
        raise PayloadError(f"from.phone {sent.phone!r} is not a valid phone number")
    spec = CHANNELS[channel]
    addressed = phone if spec.identity == "phone" else (getattr(sent, spec.identity) or "").strip()
    if not addressed:
        raise PayloadError(f"from.{spec.identity} is required for {spec.label} messages")
    metadata = clean_json(item.metadata)
    text = clean_text(item.text, metadata)
    media = [Media(type=m.type or _media_type(m.mime_type), url=clean_text(m.url),
                   media_id=clean_text(m.media_id), mime_type=clean_text(m.mime_type),
                   caption=clean_text(m.caption, metadata, "caption"),
                   filename=clean_text(m.filename)) for m in item.media]
    if text is None and not media:
        raise PayloadError("a message needs text or media")
    sender = Sender(phone=phone, whatsapp_id=clean_text(sent.whatsapp_id),
                    instagram_id=clean_text((sent.instagram_id or "").strip()),
                    email=clean_text(sent.email), name=clean_text(sent.name))
    return InboundMessage(channel=channel, external_message_id=item.external_message_id,
                          sender=sender, kind=item.kind or ("text" if text else media[0].type),
                          text=text, media=media, occurred_at=parse_timestamp(item.timestamp),
                          metadata=metadata)


def _media_type(mime_type: str | None) -> str:
    major = (mime_type or "").split("/", 1)[0].lower()
    return major if major in ("image", "video", "audio") else "document"
