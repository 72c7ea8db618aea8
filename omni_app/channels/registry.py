"""Every messaging channel Omni speaks, declared once.

Webhook routes, the body formats each endpoint recognises, inbox filters and icons, the
integrations page, the API's accepted values, who a reply is addressed to and how long a
free-form reply stays allowed are all derived from here. Adding a channel means: a Channel
below, its parser module, one migration widening the `channel` check constraints (and the reply
limit in `queue_outbound_message`), and the catalogs where the channel needs wording of its own.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from omni_app.channels import instagram, phones, whatsapp_cloud
from omni_app.channels.models import ParsedBody


@dataclass(frozen=True)
class BodyFormat:
    name: str                                     # as detect_format() reports it
    detects: Callable[[dict[str, Any]], bool]
    parse: Callable[[dict[str, Any]], ParsedBody]


@dataclass(frozen=True)
class Channel:
    name: str
    label: str                 # a brand name, written the same in every language
    icon: str                  # lucide icon name
    color: str                 # Radix color of the icon
    identity: Literal["phone", "instagram_id"]   # the client field a reply is addressed to
    handle_prefix: str         # how the identity is shown: "@rita"
    reply_limit: int           # characters per reply; queue_outbound_message enforces the same
    reply_window: timedelta | None   # free-form replies only this long after their last message
    meta_body: BodyFormat      # Meta's own webhook body, the one kind X-Hub-Signature-256 signs
    relayed_item: BodyFormat   # what n8n's trigger node emits (Meta's envelope dropped)

    def recipient(self, client: dict[str, Any]) -> dict[str, Any]:
        """`to` of an outbound message: the client's identity on this channel and name."""
        return {self.identity: client.get(self.identity), "name": client.get("full_name")}

    def contact(self, identity: str | None, phone: str | None) -> str:
        """How the inbox names the other side: the handle on this channel, else the phone (in
        national form for Brazilian numbers)."""
        if identity and self.identity != "phone":
            return f"{self.handle_prefix}{identity}"
        return phones.display(identity or phone)


WHATSAPP = Channel(
    name="whatsapp", label="WhatsApp", icon="message-circle", color="green",
    identity="phone", handle_prefix="", reply_limit=4096, reply_window=timedelta(hours=24),
    meta_body=BodyFormat("whatsapp_cloud", whatsapp_cloud.is_envelope,
                         whatsapp_cloud.parse_envelope),
    relayed_item=BodyFormat("whatsapp_n8n", whatsapp_cloud.is_item, whatsapp_cloud.parse_item))

INSTAGRAM = Channel(
    name="instagram", label="Instagram", icon="camera", color="pink",
    identity="instagram_id", handle_prefix="@", reply_limit=1000, reply_window=None,
    meta_body=BodyFormat("instagram", instagram.is_envelope, instagram.parse_envelope),
    relayed_item=BodyFormat("instagram_n8n", instagram.is_item, instagram.parse_item))

CHANNELS: dict[str, Channel] = {channel.name: channel for channel in (WHATSAPP, INSTAGRAM)}
NAMES: tuple[str, ...] = tuple(CHANNELS)
# For pydantic and FastAPI, which read it at run time (a static checker sees only `str`).
ChannelName = Literal[NAMES]  # type: ignore[valid-type]


def get(name: str) -> Channel | None:
    return CHANNELS.get(name)
