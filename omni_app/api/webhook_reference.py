"""How the webhooks appear in the API reference (/api/v1/docs), so n8n users read one document:
their headers, body formats with examples, and answers, as FastAPI route arguments.

The handlers read the raw bytes (signatures are computed over them), so FastAPI cannot infer any
of this from their signatures; it is declared here, next to nothing else."""
from __future__ import annotations

from typing import Any

from omni_app.api.errors import Error
from omni_app.api.webhook_models import (MAX_BODY_BYTES, Received, StatusCallback,
                                         StatusRecorded)
from omni_app.channels import omni_format, registry
from omni_app.domain import signing

TAG = "Webhooks (n8n and Meta)"
REF_TEMPLATE = "#/components/schemas/{model}"

_NAMES_THE_INTEGRATION = [
    {"name": "integration", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "The integration's public key, shown on the integrations page "
                    "(or send the X-Omni-Integration header)."},
    {"name": signing.INTEGRATION_HEADER, "in": "header", "required": False,
     "schema": {"type": "string"}, "description": "The integration's public key."},
]
_OMNI_SIGNATURE = [
    {"name": signing.TIMESTAMP_HEADER, "in": "header", "required": False,
     "schema": {"type": "string", "examples": ["1764620400"]},
     "description": "Unix seconds when signed; refused when more than "
                    f"{signing.WINDOW_SECONDS} s from now."},
    {"name": signing.SIGNATURE_HEADER, "in": "header", "required": False,
     "schema": {"type": "string", "examples": ["sha256=5d41402abc4b2a76b9719d911017c592…"]},
     "description": "`sha256=` + hex HMAC-SHA256(signing secret, `<timestamp>.<raw body>`). "
                    "Required unless the body is Meta's own and carries X-Hub-Signature-256."},
]
_META_SIGNATURE = [
    {"name": signing.META_SIGNATURE_HEADER, "in": "header", "required": False,
     "schema": {"type": "string"},
     "description": "Meta's signature: `sha256=` + hex HMAC-SHA256(app secret, raw body). "
                    "Accepted only on bodies in Meta's own format; each is accepted once."},
]

_FAILURES = {
    400: "The body is not JSON or not in an accepted format; the message says what is wrong.",
    401: "Signature missing, wrong or too old, or a Meta body signed the Omni way is expected.",
    404: "No active integration with that key (the answer does not say which part is wrong).",
    409: "This signature was already accepted: sign each delivery afresh.",
    413: f"Body larger than {MAX_BODY_BYTES // 1_000_000} MB.",
    429: "Too many requests for this integration, or too many unknown keys from this "
         "address; see Retry-After.",
    503: "Storage unavailable for a moment; retry (nothing was stored).",
}


def _failures(*statuses: int) -> dict[int, dict]:
    return {status: {"model": Error, "description": _FAILURES[status]} for status in statuses}


_META_BODY = {"type": "object", "title": "Meta webhook body",
              "description": "WhatsApp Cloud API or Instagram Messaging, as Meta posts it or as "
                             "n8n's WhatsApp/Facebook trigger relays it (envelope dropped).",
              "additionalProperties": True}

_EXAMPLES = {
    "whatsapp": {
        "omni": {"summary": "Omni format, one message", "value": {
            "external_message_id": "wamid.HBgM…", "timestamp": "2026-12-01T12:30:00-03:00",
            "from": {"phone": "+55 11 98765-4321", "name": "Rita"},
            "text": "Oi! Queria marcar uma limpeza."}},
        "batch": {"summary": "Omni format, several messages", "value": {"messages": [
            {"external_message_id": "wamid.A1", "timestamp": 1764603000,
             "from": {"phone": "5511987654321"}, "text": "Bom dia"},
            {"external_message_id": "wamid.A2", "timestamp": 1764603005,
             "from": {"phone": "5511987654321"},
             "media": [{"url": "https://example.com/raio-x.jpg", "mime_type": "image/jpeg"}]}]}},
        "meta": {"summary": "Meta's own body (WhatsApp Cloud API)", "value": {
            "object": "whatsapp_business_account", "entry": [{"id": "1029384756", "changes": [{
                "field": "messages", "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "551130000000",
                                 "phone_number_id": "1122334455"},
                    "contacts": [{"profile": {"name": "Rita"}, "wa_id": "5511987654321"}],
                    "messages": [{"from": "5511987654321", "id": "wamid.HBgM…",
                                  "timestamp": "1764603000", "type": "text",
                                  "text": {"body": "Oi! Queria marcar uma limpeza."}}]}}]}]}},
    },
    "instagram": {
        "omni": {"summary": "Omni format, one message", "value": {
            "external_message_id": "aWdfZAG1…", "timestamp": 1764603000000,
            "from": {"instagram_id": "17841400000000000", "name": "rita.s"},
            "text": "Vocês fazem clareamento?"}},
        "meta": {"summary": "Meta's own body (Instagram Messaging)", "value": {
            "object": "instagram", "entry": [{"id": "17841405555555555", "time": 1764603000123,
                "messaging": [{"sender": {"id": "17841400000000000"},
                               "recipient": {"id": "17841405555555555"},
                               "timestamp": 1764603000000,
                               "message": {"mid": "aWdfZAG1…",
                                           "text": "Vocês fazem clareamento?"}}]}]}},
    },
}


def inbound(channel: str) -> dict[str, Any]:
    label = registry.CHANNELS[channel].label
    return {
        "tags": [TAG], "summary": f"Inbound {label} messages and delivery statuses",
        "description": (
            f"n8n (or Meta directly) posts what arrives on {label}. Messages are stored once "
            "per external_message_id, so a retry of the same delivery is answered as a "
            "duplicate. The clinic is the integration's, never the payload's."),
        "responses": {200: {"model": Received, "description": "Stored (or recognised)."},
                      **_failures(400, 401, 404, 409, 413, 429, 503)},
        "openapi_extra": {
            "parameters": _NAMES_THE_INTEGRATION + _OMNI_SIGNATURE + _META_SIGNATURE,
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"anyOf": [{"$ref": REF_TEMPLATE.format(model="OmniInbound")},
                                     _META_BODY]},
                "examples": _EXAMPLES.get(channel, {})}}},
        },
    }


def handshake(channel: str) -> dict[str, Any]:
    return {
        "tags": [TAG], "summary": "Meta's subscription check",
        "description": "Answers hub.challenge as plain text when hub.verify_token is the "
                       "integration's Meta verify token.",
        "responses": {200: {"description": "The challenge, echoed.",
                            "content": {"text/plain": {"schema": {"type": "string"}}}},
                      403: {"description": "Wrong verify token or mode."},
                      **_failures(404)},
        "openapi_extra": {"parameters": _NAMES_THE_INTEGRATION + [
            {"name": name, "in": "query", "required": True, "schema": {"type": "string"}}
            for name in ("hub.mode", "hub.verify_token", "hub.challenge")]},
    }


STATUS_CALLBACK: dict[str, Any] = {
    "tags": [TAG], "summary": "What happened to a reply n8n delivered",
    "description": "n8n reports sent, delivered, read or failed. Each signed callback is "
                   "accepted once; a status never moves a message backwards.",
    "responses": {200: {"model": StatusRecorded, "description": "Recorded."},
                  404: {"model": Error, "description": "No such message in this clinic."},
                  **_failures(400, 401, 409, 413, 429, 503)},
    "openapi_extra": {
        "parameters": _NAMES_THE_INTEGRATION + _OMNI_SIGNATURE,
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": REF_TEMPLATE.format(model="StatusCallback")},
            "examples": {
                "delivered": {"summary": "Delivered", "value": {
                    "interaction_id": "6f1c2a7e-3b1d-4a8e-9c55-0d2f7e1b9a10",
                    "status": "delivered", "timestamp": "2026-12-01T12:31:02Z"}},
                "failed": {"summary": "Failed, with WhatsApp's error", "value": {
                    "external_message_id": "wamid.HBgM…", "status": "failed",
                    "error": {"code": 131047, "title": "Re-engagement message"}}}}}}},
    },
}


def component_schemas() -> dict[str, Any]:
    """The request bodies referenced above, for the document's components."""
    schemas: dict[str, Any] = {}
    for name, schema in (("OmniInbound", omni_format.json_schema(REF_TEMPLATE)),
                         ("StatusCallback",
                          StatusCallback.model_json_schema(ref_template=REF_TEMPLATE))):
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    return schemas
