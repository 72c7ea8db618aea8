"""The shapes /api/v1 reads and answers, and the OpenAPI 3.1 document built from them."""
from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from omni_app import __version__


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SendMessage(_Model):
    model_config = ConfigDict(extra="forbid")
    conversation_id: UUID
    text: str = Field(min_length=1, max_length=4096,
                      description="Instagram accepts at most 1000 characters")


class ConversationQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    status: Literal["open", "closed", "all"] = "open"
    channel: Literal["", "whatsapp", "instagram"] = ""
    unread: bool = False
    q: str = Field(default="", max_length=100, description="name or phone fragment")
    limit: int = Field(default=50, ge=1, le=100)


class MessagesQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    before: str | None = Field(default=None, description="next_cursor of the previous page")
    limit: int = Field(default=30, ge=1, le=100)


class ClientQuery(_Model):
    model_config = ConfigDict(extra="forbid")
    phone: str = Field(min_length=1, max_length=64, description="any common format")


class Error(_Model):
    error: str
    details: list[dict[str, Any]] | None = None


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
    conversations: list[Conversation]


class Message(_Model):
    id: str
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


# (method, path, summary, query model, body model, {status: response model})
ENDPOINTS: list[tuple[str, str, str, type | None, type | None, dict[int, type]]] = [
    ("post", "/api/v1/messages", "Send a reply in a conversation (queued, delivered by n8n)",
     None, SendMessage, {202: QueuedMessage, 404: Error, 409: Error, 422: Error}),
    ("get", "/api/v1/conversations", "List the clinic's conversations, newest activity first",
     ConversationQuery, None, {200: ConversationList, 422: Error}),
    ("get", "/api/v1/conversations/{conversation_id}",
     "A conversation and one page of its messages, newest first",
     MessagesQuery, None, {200: ConversationPage, 400: Error, 404: Error}),
    ("get", "/api/v1/clients", "Find a client by phone number",
     ClientQuery, None, {200: Client, 400: Error, 404: Error}),
]
_COMMON = {401: Error, 403: Error, 503: Error}


def _parameters(path: str, query: type[BaseModel] | None) -> list[dict]:
    params = []
    if "{conversation_id}" in path:
        params.append({"name": "conversation_id", "in": "path", "required": True,
                       "schema": {"type": "string", "format": "uuid"}})
    for name, field in (query.model_fields.items() if query else ()):
        schema = query.model_json_schema()["properties"][name]
        params.append({"name": name, "in": "query", "required": field.is_required(),
                       "schema": schema, "description": field.description or ""})
    return params


def _ref(model: type) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def openapi() -> dict:
    """OpenAPI 3.1: JSON Schema 2020-12 straight from the pydantic models."""
    schemas: dict[str, Any] = {}

    def register(model: type[BaseModel]) -> None:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema

    paths: dict[str, dict] = {}
    for method, path, summary, query, body, responses in ENDPOINTS:
        operation: dict[str, Any] = {"summary": summary, "parameters": _parameters(path, query),
                                     "responses": {}}
        if body is not None:
            register(body)
            operation["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": _ref(body)}}}
        for status, model in {**responses, **_COMMON}.items():
            register(model)
            operation["responses"][str(status)] = {
                "description": model.__name__,
                "content": {"application/json": {"schema": _ref(model)}}}
        paths.setdefault(path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Omni API", "version": __version__,
                 "description": "Automations' access to a clinic's inbox. Authenticate with "
                                "`Authorization: Bearer <API key or Supabase access token>`."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
    }
