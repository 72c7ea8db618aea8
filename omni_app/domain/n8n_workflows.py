"""The n8n workflows Omni offers for download, one pair per channel, built for one clinic's
integration (its webhook URL and public key; never its secret: see n8n_code.py).

inbound:  Webhook (the provider posts here) -> sign -> HTTP Request to Omni's webhook.
outbound: Webhook (Omni posts replies here, Raw Body on) -> verify the signature -> valid? ->
          HTTP Request to the provider (a placeholder to adapt) -> signed status to the reply's
          callback_url -> answer Omni (2xx only when the provider took the reply: a 2xx marks it
          sent, so a failure answers 422, which Omni does not retry).
The format is n8n's workflow export (nodes, connections by node name, expressions `={{ }}`)."""
from __future__ import annotations

import hashlib
import string
import uuid
from collections.abc import Mapping

from omni_app.channels import registry
from omni_app.domain import n8n_code
from omni_app.domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER

DIRECTIONS = ("inbound", "outbound")
PROVIDER_PLACEHOLDER = "https://provider.example/REPLACE-WITH-YOUR-PROVIDER/messages"
_ID_ALPHABET = string.ascii_letters + string.digits


def filename(channel: str, direction: str) -> str:
    return f"omni-{channel}-{direction}.n8n.json"


def webhook_path(channel: str, direction: str, public_key: str) -> str:
    """The path of the workflow's Webhook node: per clinic, so one n8n can serve several."""
    return f"omni-{channel}-{direction}-{public_key[:12].lower()}"


def workflow(direction: str, channel: str, public_key: str, webhook_url: str,
             words: Mapping[str, str]) -> dict:
    """The workflow file's content; ValueError for an unknown direction or channel."""
    if channel not in registry.CHANNELS or direction not in DIRECTIONS:
        raise ValueError("unknown channel or direction")
    build = _Builder(f"{public_key}:{channel}:{direction}")
    if direction == "inbound":
        _inbound(build, channel, public_key, webhook_url, words)
    else:
        _outbound(build, channel, public_key, words)
    label = registry.CHANNELS[channel].label
    name = words[f"integrations.n8n.name.{direction}"].format(channel=label)
    return {"id": build.workflow_id(), "name": name, "active": False,
            "nodes": build.nodes, "connections": build.connections,
            "settings": {"executionOrder": "v1"}, "pinData": {}}


class _Builder:
    """Nodes placed left to right and wired by name; ids derived from the seed, so the same
    clinic downloads the same file twice."""

    def __init__(self, seed: str):
        self.seed = seed
        self.nodes: list[dict] = []
        self.connections: dict[str, dict] = {}

    def uuid(self, name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"omni:{self.seed}:{name}"))

    def workflow_id(self) -> str:
        digest = hashlib.sha256(self.seed.encode()).digest()
        return "".join(_ID_ALPHABET[b % len(_ID_ALPHABET)] for b in digest[:16])

    def add(self, name: str, kind: str, version: float, parameters: dict, x: int, y: int = 300,
            **extra) -> str:
        self.nodes.append({"id": self.uuid(name), "name": name, "type": f"n8n-nodes-base.{kind}",
                           "typeVersion": version, "position": [x, y],
                           "parameters": parameters, **extra})
        return name

    def link(self, source: str, target: str, output: int = 0) -> None:
        outputs = self.connections.setdefault(source, {"main": []})["main"]
        while len(outputs) <= output:
            outputs.append([])
        outputs[output].append({"node": target, "type": "main", "index": 0})

    def note(self, text: str) -> None:
        self.add("Omni", "stickyNote", 1, {"content": text, "height": 300, "width": 420},
                 x=-520, y=180)


def _webhook(build: _Builder, name: str, path: str, **options) -> str:
    responds = options.pop("responds", False)
    parameters = {"httpMethod": "POST", "path": path, "options": options}
    if responds:
        parameters["responseMode"] = "responseNode"
    return build.add(name, "webhook", 2.1, parameters, x=0, webhookId=build.uuid(name))


def _code(build: _Builder, name: str, code: str, x: int, each_item: bool = False) -> str:
    mode = {"mode": "runOnceForEachItem"} if each_item else {}
    return build.add(name, "code", 2, {**mode, "jsCode": code}, x=x)


def _signed_post(build: _Builder, name: str, url: str, x: int, y: int = 300) -> str:
    """POSTs the signing node's exact text with its two headers."""
    headers = [{"name": TIMESTAMP_HEADER, "value": "={{ $json.timestamp }}"},
               {"name": SIGNATURE_HEADER, "value": "={{ $json.signature }}"}]
    return build.add(name, "httpRequest", 4.2, {
        "method": "POST", "url": url, "sendHeaders": True,
        "headerParameters": {"parameters": headers}, "sendBody": True,
        "contentType": "raw", "rawContentType": "application/json",
        "body": "={{ $json.body }}", "options": {}}, x=x, y=y)


def _inbound(build: _Builder, channel: str, public_key: str, webhook_url: str,
             words: Mapping[str, str]) -> None:
    variable = n8n_code.secret_variable(channel)
    build.note(words["integrations.n8n.note.inbound"].format(
        channel=registry.CHANNELS[channel].label, variable=variable))
    received = _webhook(build, "Provider message", webhook_path(channel, "inbound", public_key))
    sign = _code(build, "Sign for Omni", n8n_code.sign_code(channel, words), x=260,
                 each_item=True)
    send = _signed_post(build, "Send to Omni", webhook_url, x=520)
    build.link(received, sign)
    build.link(sign, send)


def _outbound(build: _Builder, channel: str, public_key: str,
              words: Mapping[str, str]) -> None:
    variable = n8n_code.secret_variable(channel)
    build.note(words["integrations.n8n.note.outbound"].format(
        channel=registry.CHANNELS[channel].label, variable=variable))
    received = _webhook(build, "Reply from Omni", webhook_path(channel, "outbound", public_key),
                        rawBody=True, responds=True)
    verify = _code(build, n8n_code.VERIFY_NODE, n8n_code.verify_code(channel, words), x=260)
    valid = build.add("Signature valid?", "if", 2.2, {"conditions": {
        "options": {"caseSensitive": True, "leftValue": "", "typeValidation": "strict",
                    "version": 2},
        "conditions": [{"id": build.uuid("valid"), "leftValue": "={{ $json.valid }}",
                        "rightValue": True,
                        "operator": {"type": "boolean", "operation": "true",
                                     "singleValue": True}}],
        "combinator": "and"}, "options": {}}, x=520)
    refuse = build.add("Refuse", "respondToWebhook", 1.1, {
        "respondWith": "json", "responseBody": '={{ { "error": "invalid signature" } }}',
        "options": {"responseCode": 401}}, x=780, y=500)
    send = build.add("Send to provider", "httpRequest", 4.2, {
        "method": "POST", "url": PROVIDER_PLACEHOLDER, "sendHeaders": True,
        "headerParameters": {"parameters": [
            {"name": "Idempotency-Key", "value": "={{ $json.idempotency_key }}"}]},
        "sendBody": True, "specifyBody": "json",
        "jsonBody": "={{ JSON.stringify($json.provider) }}",
        "options": {}}, x=780, onError="continueRegularOutput")
    status = _code(build, "Status for Omni", n8n_code.status_code(channel, words), x=1040)
    report = _signed_post(build, "Report status to Omni", "={{ $json.callback_url }}", x=1300)
    build.nodes[-1]["onError"] = "continueRegularOutput"  # the answer below still tells Omni
    answer = build.add("Answer Omni", "respondToWebhook", 1.1, {
        "respondWith": "json",
        "responseBody": "={{ { \"external_message_id\": "
                        "$('Status for Omni').first().json.external_message_id } }}",
        "options": {"responseCode": "={{ $('Status for Omni').first().json.failed ? 422 : 200 }}"}},
        x=1560)
    build.link(received, verify)
    build.link(verify, valid)
    build.link(valid, send, 0)
    build.link(valid, refuse, 1)
    build.link(send, status)
    build.link(status, report)
    build.link(report, answer)
