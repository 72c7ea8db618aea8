"""The shapes /api/v1 reads and answers; FastAPI publishes them in the OpenAPI document."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from omni_app.channels.registry import NAMES
from omni_app.domain.clients import MAX_TAG, MAX_TAGS, SORTS, SOURCES, STAGE_KEY

Stage = Annotated[str, Field(pattern=STAGE_KEY.pattern, description="a pipeline stage's key "
                             "(GET /api/v1/pipeline/stages lists the clinic's)")]
Source = Literal[SOURCES]  # type: ignore[valid-type]
Tag = Field(pattern=r"^[^,]*$", max_length=MAX_TAG, description="no commas")
UUID_TEXT = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
INSTAGRAM = ("the Instagram id (the account's username or numeric id), a leading @ dropped; "
             "1 to 64 characters, no spaces; another client's is refused with 409")
OWNER = "an active member of the clinic (an id in `users`) who owns the client; null: nobody"


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
    q: str = Field(default="", max_length=100,
                   description="the /clients page's search: any part of the name (accents and "
                   "case ignored), of the phone number in any spelling (digits), or of the "
                   "e-mail")
    stage: str = Field(default="", pattern=r"^$|" + STAGE_KEY.pattern,
                       description="clients in this stage (a key of GET /api/v1/pipeline/stages)")
    tag: str = Field(default="", max_length=MAX_TAG, description="clients carrying this tag")
    phone: str = Field(default="", max_length=64,
                       description="exactly this number, typed in any common format "
                       "(`+55 11 98765-4321`, `(11) 98765-4321`); 422 when it is not a number")
    owner_id: str = Field(default="", pattern=r"^$|^none$|" + UUID_TEXT,
                          description="clients this member (an id in `users`) owns; `none`: "
                          "clients nobody owns")
    upcoming: bool = Field(default=False, description="only clients with an appointment still "
                           "to come (scheduled or confirmed)")
    sort: Literal[tuple(SORTS)] = Field(  # type: ignore[valid-type]
        default="name", description="name (A-Z, accents ignored), activity (latest "
        "interaction first) or created (newest first); ties by id")
    cursor: str | None = Field(default=None, description="next_cursor of the previous page "
                               "(asked with the same filters and sort)")
    limit: int = Field(default=25, ge=1, le=100)


class ClientCreate(_Model):
    model_config = ConfigDict(extra="forbid")
    full_name: str = Field(max_length=1000, description="required; at most 200 characters "
                           "once spaces are collapsed")
    phone: str | None = Field(default=None, max_length=64,
                              description="any common format; stored as E.164")
    email: str | None = Field(default=None, max_length=320)
    birth_date: date | None = Field(default=None, description="between 1900-01-01 and today")
    cpf: str | None = Field(default=None, max_length=20, description="write-only: 11 digits "
                            "with valid check digits, punctuation allowed; never returned")
    tags: list[Annotated[str, Tag]] = Field(default=[], max_length=MAX_TAGS,
                                             description="each with a letter or digit")
    source_channel: Source | None = Field(default=None, description="manual when omitted")
    instagram_id: str | None = Field(default=None, max_length=100, description=INSTAGRAM)
    owner_id: UUID | None = Field(default=None, description=OWNER)


class ClientPatch(_Model):
    """Only the fields sent change; `null` clears one (not full_name; cpf can be replaced,
    not removed)."""
    model_config = ConfigDict(extra="forbid")
    full_name: str | None = Field(default=None, max_length=1000)
    phone: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=320)
    birth_date: date | None = None
    cpf: str | None = Field(default=None, max_length=20, description="write-only")
    tags: list[Annotated[str, Tag]] | None = Field(default=None, max_length=MAX_TAGS)
    source_channel: Source | None = None
    instagram_id: str | None = Field(default=None, max_length=100, description=INSTAGRAM)
    owner_id: UUID | None = Field(default=None, description=OWNER)


class StageChange(_Model):
    model_config = ConfigDict(extra="forbid")
    stage: Stage


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
    phone: str | None = Field(default=None, description="E.164")
    email: str | None = None
    birth_date: str | None = Field(default=None, description="YYYY-MM-DD")
    tags: list[str] = []
    source_channel: str | None = None
    owner_id: str | None = Field(default=None, description="the owning member's id in `users`")
    stage: str = Field(description="the pipeline stage's key (GET /api/v1/pipeline/stages)")
    is_lead: bool = Field(description="a lead (true) or a patient (false)")
    instagram_id: str | None = None
    created_at: str
    last_interaction_at: str | None = None


class ClientList(_Model):
    clients: list[Client]
    total: int | None = Field(description="clients the filters match in all; counted on the "
                                          "first page only (the one asked without `cursor`), "
                                          "null on the next ones")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on "
                                                "the last one")
