"""What the webhooks read (n8n's status callback) and answer, as pydantic models: the handlers
validate with them and the API reference publishes them."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator


MAX_BODY_BYTES = 1_000_000  # any webhook body


class StatusCallback(BaseModel):
    """What n8n posts back about a reply: `{interaction_id | external_message_id, status,
    error?, timestamp}`."""
    model_config = ConfigDict(extra="ignore")

    interaction_id: UUID | None = Field(None, description="The id Omni sent with the reply.")
    external_message_id: str | None = Field(
        default=None, min_length=1, max_length=256,
        description="The provider's id of the reply (wamid…), when the interaction id is lost.")
    status: Literal["sent", "delivered", "read", "failed"]
    error: str | dict[str, Any] | list[Any] | None = Field(
        None, description="Why it failed; kept up to 1000 characters.")
    timestamp: datetime | None = Field(
        None, description="Informative: statuses are ordered by rank (a later `read` is never "
                          "undone by an earlier `delivered`), not by time.")

    @model_validator(mode="after")
    def _names_a_message(self) -> "StatusCallback":
        if self.interaction_id is None and self.external_message_id is None:
            raise ValueError("interaction_id or external_message_id is required")
        return self

    def error_text(self) -> str | None:
        if self.error is None or isinstance(self.error, str):
            return self.error[:1000] if self.error else None
        return json.dumps(self.error, ensure_ascii=False)[:1000]


class StoredMessage(BaseModel):
    interaction_id: str
    conversation_id: str
    client_id: str
    duplicate: bool = Field(description="Already stored by an earlier delivery of the same id.")
    client_created: bool
    conversation_opened: bool
    conversation_reopened: bool


class Received(BaseModel):
    """The answer to an inbound webhook: one result per message, in the body's order."""
    results: list[StoredMessage]
    statuses: int = Field(description="Delivery statuses recorded.")
    skipped: list[str] = Field(description="What was left out and why (reactions to unknown "
                                           "messages, unsupported events, …).")


class StatusRecorded(BaseModel):
    interaction_id: str
    status: str = Field(description="The message's status after this callback.")
    changed: bool = Field(description="False when the callback repeated or ranked below the "
                                      "current status.")
