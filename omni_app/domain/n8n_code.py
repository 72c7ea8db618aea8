"""The JavaScript of the n8n Code nodes that speak Omni's webhook signing (see signing.py), with
comments in the reader's language (`words` is a message catalog: the `integrations.n8n.*` keys).

One source for the page's copy-paste recipe and the downloadable workflows. The secret is read
from n8n's environment, never written here: a workflow file travels (exports, backups, chats)."""
from __future__ import annotations

import json
from collections.abc import Mapping

from omni_app.channels import registry
from omni_app.domain.signing import WINDOW_SECONDS

VERIFY_NODE = "Check Omni signature"   # the status node reads the reply from it by name


def secret_variable(channel: str) -> str:
    """The n8n environment variable holding the channel's signing secret."""
    return f"OMNI_{channel.upper()}_SIGNING_SECRET"


def _comment(text: str) -> str:
    return "\n".join(f"// {line}".rstrip() for line in text.splitlines())


def _secret(channel: str, words: Mapping[str, str]) -> str:
    variable = secret_variable(channel)
    missing = json.dumps(words["integrations.n8n.js.secret_missing"].format(variable=variable),
                         ensure_ascii=False)
    return "\n".join([
        _comment(words["integrations.n8n.js.secret"].format(variable=variable)),
        "const crypto = require('crypto');",
        f"const secret = $env.{variable};",
        f"if (!secret) throw new Error({missing});",
    ])


_SIGN = """\
const signed = (body) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = 'sha256=' + crypto.createHmac('sha256', secret)
    .update(timestamp + '.' + body, 'utf8').digest('hex');
  return { body, timestamp, signature };
};"""


def sign_code(channel: str, words: Mapping[str, str]) -> str:
    """Code node, "Run Once for Each Item": signs the message (the body a Webhook node received,
    or an item built by earlier nodes) and hands the exact text to send to the next node."""
    return "\n".join([
        _comment(words["integrations.n8n.js.sign"]),
        _secret(channel, words),
        _SIGN,
        "const message = ('body' in $json && 'headers' in $json) ? $json.body : $json;",
        _comment(words["integrations.n8n.js.body"]),
        "return { json: signed(JSON.stringify(message)) };",
        "",
    ])


def verify_code(channel: str, words: Mapping[str, str]) -> str:
    """Code node, "Run Once for All Items", right after a Webhook node with Raw Body on: checks
    Omni's signature over the exact bytes and passes on the reply, its Idempotency-Key,
    `valid` and `provider` (what the provider call sends)."""
    raw_missing = json.dumps(words["integrations.n8n.js.raw_missing"], ensure_ascii=False)
    return "\n".join([
        _comment(words["integrations.n8n.js.verify"]),
        _secret(channel, words),
        "const item = $input.first();",
        "const file = item.binary && item.binary.data;",
        f"if (!file) throw new Error({raw_missing});",
        "const raw = file.id ? await this.helpers.getBinaryDataBuffer(0, 'data')",
        "  : Buffer.from(file.data, 'base64');",
        "const headers = item.json.headers || {};",
        "const timestamp = String(headers['x-omni-timestamp'] || '');",
        "const received = String(headers['x-omni-signature'] || '').toLowerCase();",
        "const expected = 'sha256=' + crypto.createHmac('sha256', secret)",
        "  .update(Buffer.concat([Buffer.from(timestamp + '.', 'utf8'), raw])).digest('hex');",
        "const fresh = /^[0-9]{1,12}$/.test(timestamp)",
        f"  && Math.abs(Date.now() / 1000 - Number(timestamp)) <= {WINDOW_SECONDS};",
        "const valid = fresh && received.length === expected.length",
        "  && crypto.timingSafeEqual(Buffer.from(received), Buffer.from(expected));",
        _comment(words["integrations.n8n.js.idempotency"]),
        "const idempotencyKey = String(headers['idempotency-key'] || '');",
        "const reply = valid ? JSON.parse(raw.toString('utf8')) : {};",
        _comment(words["integrations.n8n.js.provider"]),
        *_provider_body(channel),
        "return [{ json: { valid, reply, idempotency_key: idempotencyKey, provider } }];",
        "",
    ])


def _provider_body(channel: str) -> list[str]:
    """JavaScript setting `provider`, the body of the call to the provider: the text; on
    WhatsApp, a template (sent outside the 24-hour window) in the Cloud API's shape."""
    identity = registry.CHANNELS[channel].identity
    lines = [f"const to = reply.to ? reply.to.{identity} : undefined;"]
    if channel != registry.WHATSAPP.name:
        return [*lines, "const provider = { to, text: reply.text };"]
    return [*lines,
            "const template = reply.template;",
            "const provider = !template ? { to, text: reply.text } : {",
            "  messaging_product: 'whatsapp', to, type: 'template',",
            "  template: {",
            "    name: template.name,",
            "    language: { code: template.language },",
            "    components: template.variables.length === 0 ? [] : [{",
            "      type: 'body',",
            "      parameters: template.variables.map((text) => ({ type: 'text', text })),",
            "    }],",
            "  },",
            "};"]


def status_code(channel: str, words: Mapping[str, str]) -> str:
    """Code node, "Run Once for All Items", after the provider's HTTP Request (errors continue
    as output): the signed status report for the reply's `callback_url`."""
    return "\n".join([
        _comment(words["integrations.n8n.js.status"]),
        _secret(channel, words),
        _SIGN,
        f"const reply = $('{VERIFY_NODE}').first().json.reply;",
        "const answer = $input.first().json;",
        "const failed = answer.error !== undefined;",
        _comment(words["integrations.n8n.js.external_id"]),
        # WhatsApp answers {messages: [{id}]}, Instagram {recipient_id, message_id}.
        "const sent = !failed && (Array.isArray(answer.messages) ? answer.messages[0]",
        "                                                        : { id: answer.message_id });",
        "const externalId = sent && sent.id ? String(sent.id) : undefined;",
        "const report = {",
        "  interaction_id: reply.interaction_id,",
        "  status: failed ? 'failed' : 'sent',",
        "  external_message_id: externalId,",
        "  error: failed ? String(answer.error.message || answer.error) : undefined,",
        "  timestamp: new Date().toISOString(),",
        "};",
        "return [{ json: { ...signed(JSON.stringify(report)), callback_url: reply.callback_url,",
        "                  external_message_id: externalId || null, failed } }];",
        "",
    ])
