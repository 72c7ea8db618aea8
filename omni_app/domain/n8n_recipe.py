"""The copy-paste n8n recipe shown on the integrations page, both halves: posting signed
messages to Omni's webhook, and receiving Omni's signed replies then reporting their status.

The Code node signs `<timestamp>.<body>` where body is the exact string the HTTP Request node
then sends; letting n8n build the JSON body itself would re-serialize it and break the match.
The same code goes into the downloadable workflows (n8n_workflows.py)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from omni_app.channels import registry
from omni_app.domain import n8n_code
from omni_app.domain.signing import INTEGRATION_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass(frozen=True)
class Recipe:
    sign: str          # Code node before the HTTP Request to Omni
    http: str          # that HTTP Request node's settings
    reply: str         # what Omni POSTs to the n8n outbound URL: headers and body
    verify: str        # Code node after the Webhook node that receives it
    status: str        # what n8n POSTs back to callback_url


def recipe(channel: str, webhook_url: str, public_key: str, status_url: str,
           words: Mapping[str, str]) -> Recipe:
    return Recipe(sign=n8n_code.sign_code(channel, words),
                  http=http_node_settings(webhook_url, public_key),
                  reply=reply_example(channel, status_url, words),
                  verify=n8n_code.verify_code(channel, words),
                  status=status_example())


def http_node_settings(webhook_url: str, public_key: str) -> str:
    """The HTTP Request node's settings, field by field as n8n names them."""
    return "\n".join([
        "Method: POST",
        f"URL: {webhook_url}",
        "Send Headers: on",
        f"  {INTEGRATION_HEADER}: {public_key}",
        f"  {TIMESTAMP_HEADER}: {{{{ $json.timestamp }}}}",
        f"  {SIGNATURE_HEADER}: {{{{ $json.signature }}}}",
        "Send Body: on",
        "  Body Content Type: Raw",
        "  Content Type: application/json",
        "  Body: {{ $json.body }}",
    ])


def reply_example(channel: str, status_url: str, words: Mapping[str, str]) -> str:
    """One reply as Omni sends it (outbound.deliver): the headers, then the JSON body; on
    WhatsApp, also a template message's body (its `text` is the template filled in)."""
    identity = registry.CHANNELS[channel].identity
    example = "+5511987654321" if identity == "phone" else "17841400000000000"
    body = {"interaction_id": "3f0c…", "company_id": "9b1e…", "channel": channel,
            "to": {identity: example, "name": "Rita"},
            "text": "Olá! Sua consulta está confirmada.", "callback_url": status_url}
    lines = [
        "POST <n8n outbound URL>",
        "Content-Type: application/json",
        f"{IDEMPOTENCY_HEADER}: <interaction_id>",
        f"{TIMESTAMP_HEADER}: <unix seconds>",
        f"{SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256(secret, \"<timestamp>.<raw body>\")>",
        "",
        json.dumps(body, ensure_ascii=False, indent=2),
    ]
    if channel == registry.WHATSAPP.name:
        template = {**body, "text": "Olá, Rita! Sua consulta é terça às 10h.",
                    "template": {"name": "lembrete_consulta", "language": "pt_BR",
                                 "variables": ["Rita", "terça às 10h"]}}
        lines += ["", words["integrations.n8n.template_example"],
                  json.dumps(template, ensure_ascii=False, indent=2)]
    return "\n".join(lines)


def status_example() -> str:
    """What n8n posts to callback_url (webhook_models.StatusCallback), signed like a message."""
    body = {"interaction_id": "3f0c…", "status": "sent | delivered | read | failed",
            "external_message_id": "wamid.…", "error": "(failed only)",
            "timestamp": "2026-12-01T14:03:00Z"}
    return "\n".join([
        "POST <callback_url>",
        "Content-Type: application/json",
        f"{TIMESTAMP_HEADER}: <unix seconds>",
        f"{SIGNATURE_HEADER}: sha256=<…>",
        "",
        json.dumps(body, ensure_ascii=False, indent=2),
    ])
