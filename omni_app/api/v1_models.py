"""The shapes /api/v1 reads and answers; FastAPI publishes them in the OpenAPI document."""
from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from omni_app.channels.registry import NAMES


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SendMessage(_Model):
    model_config = ConfigDict(extra="forbid")
    conversation_id: UUID
    text: str = Field(min_length=1, max_length=4096,
                      description="Instagram accepts at most 1000 characters")
    reply_to: UUID | None = Field(default=None, description="a message of the same conversation "
                                  "this reply quotes (n8n gets its provider id as "
                                  "`context.message_id`)")


class ConversationQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    status: Literal["open", "closed", "all"] = "open"
    channel: Literal[("", *NAMES)] = ""  # type: ignore[valid-type]
    unread: bool = False
    q: str = Field(default="", max_length=100,
                   description="name fragment (accents and case ignored) or phone digits")
    after: str | None = Field(default=None, description="next_cursor of the previous page")
    limit: int = Field(default=50, ge=1, le=100)


class MessagesQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    before: str | None = Field(default=None, description="next_cursor of the previous page")
    limit: int = Field(default=30, ge=1, le=100)


class ClientQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    phone: str = Field(min_length=1, max_length=64, description="any common format")


class Conversation(_Model):
    id: str
    client_id: str
    channel: str
    status: str = Field(description="active (open) or closed")
    last_message_at: str | None = None
    last_inbound_at: str | None = None
    last_message_preview: str | None = None
    last_message_direction: str | None = None
    unread_count: int = 0
    client_name: str | None = None
    client_phone: str | None = None
    client_instagram_id: str | None = None


class ConversationList(_Model):
    conversations: list[Conversation] = Field(description="newest activity first")
    total: int | None = Field(description="conversations the filter matches in all (on the "
                                          "first page, the one asked for without `after`)")
    next_cursor: str | None = Field(description="pass as `after` for the next page")


class Message(_Model):
    id: str
    seq: int = Field(description="the message's number in its conversation: messages are "
                                 "ordered by occurred_at, then seq")
    direction: str
    content: str | None = None
    media: dict[str, Any] | list[Any] | None = None
    status: str
    error: str | None = None
    sent_by: str | None = None
    occurred_at: str
    kind: str | None = None


class ConversationPage(_Model):
    conversation: Conversation
    messages: list[Message] = Field(description="newest first")
    next_cursor: str | None = Field(description="pass as `before` for older messages")


class QueuedMessage(_Model):
    id: str
    conversation_id: str
    client_id: str
    channel: str
    direction: str
    content: str
    status: str = Field(description="queued; delivery continues in the background")
    occurred_at: str


class Client(_Model):
    id: str
    full_name: str
    phone: str | None = None
    email: str | None = None
    instagram_id: str | None = None
    is_lead: bool | None = None
    pipeline_stage: str | None = None
    tags: list[str] = []
    last_interaction_at: str | None = None
