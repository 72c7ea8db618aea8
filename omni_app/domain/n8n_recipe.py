"""The copy-paste n8n recipe for posting signed messages to Omni's webhook (see signing.py).

The Code node signs `<timestamp>.<body>` where body is the exact string the HTTP Request node
then sends; letting n8n build the JSON body itself would re-serialize it and break the match."""
from __future__ import annotations

SECRET_PLACEHOLDER = "PASTE-THE-SIGNING-SECRET"

SIGN_SNIPPET = f"""\
// n8n Code node (JavaScript), mode "Run Once for Each Item".
// $json is the Omni message to send, e.g. {{ channel, external_message_id, from, text, timestamp }}.
const crypto = require('crypto');
const secret = '{SECRET_PLACEHOLDER}'; // or an n8n variable / credential
const body = JSON.stringify($json); // the exact string the HTTP Request node will send
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = 'sha256=' + crypto.createHmac('sha256', secret)
  .update(timestamp + '.' + body, 'utf8')
  .digest('hex');
return {{ json: {{ body, timestamp, signature }} }};
"""


def http_node_settings(webhook_url: str, public_key: str) -> str:
    """The HTTP Request node's settings, field by field as n8n names them."""
    return "\n".join([
        "Method: POST",
        f"URL: {webhook_url}",
        "Send Headers: on",
        f"  X-Omni-Integration: {public_key}",
        "  X-Omni-Timestamp: {{ $json.timestamp }}",
        "  X-Omni-Signature: {{ $json.signature }}",
        "Send Body: on",
        "  Body Content Type: Raw",
        "  Content Type: application/json",
        "  Body: {{ $json.body }}",
        "Retries: a message may be sent again as is; a status report is accepted once per",
        "  signature, so to retry one, run the Code node again (a fresh timestamp).",
    ])
