"""The n8n workflows and recipe Omni hands to a clinic (pure): well-formed n8n exports, wired
by name, expressions that name real nodes and fields, comments in the reader's language, no
secret; and the Code nodes' JavaScript, run under node, signing and verifying exactly as Omni
does (signing.py is the reference)."""
from __future__ import annotations

import base64
import json
import re
import time

import pytest

from omni_app.domain import n8n_code, n8n_recipe, n8n_workflows
from omni_app.domain.signing import omni_signature, sign_headers, verify_omni
from omni_app.i18n import CATALOGS
from tests.support.n8n_code import CodeNodeFailed, needs_node, run

KEY = "pk_" + "a1B2c3D4e5" * 3
URL = f"https://omni.example/webhooks/whatsapp?integration={KEY}"
SECRET = "a-signing-secret-from-omni-0123456789abcdef"
ENV = {"OMNI_WHATSAPP_SIGNING_SECRET": SECRET}
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)


def build(direction: str, locale: str = "pt-BR", channel: str = "whatsapp") -> dict:
    text = json.dumps(n8n_workflows.workflow(direction, channel, KEY, URL, CATALOGS[locale]))
    return json.loads(text)  # as n8n reads the file


def by_name(flow: dict) -> dict[str, dict]:
    return {node["name"]: node for node in flow["nodes"]}


def chain(flow: dict, start: str) -> list[str]:
    """Node names from `start`, following each node's first output."""
    names = [start]
    while start in flow["connections"]:
        start = flow["connections"][start]["main"][0][0]["node"]
        names.append(start)
    return names


def expressions(flow: dict) -> list[tuple[str, str]]:
    found = []

    def walk(node_name: str, value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(node_name, item)
        elif isinstance(value, list):
            for item in value:
                walk(node_name, item)
        elif isinstance(value, str) and value.startswith("="):
            found.extend((node_name, inner.strip()) for inner in EXPRESSION.findall(value))
    for node in flow["nodes"]:
        walk(node["name"], node["parameters"])
    return found


def test_inbound_is_webhook_then_sign_then_post_to_the_clinics_webhook():
    flow = build("inbound")
    nodes = by_name(flow)
    assert chain(flow, "Provider message") == ["Provider message", "Sign for Omni",
                                               "Send to Omni"]
    assert [nodes[n]["type"] for n in chain(flow, "Provider message")] == [
        "n8n-nodes-base.webhook", "n8n-nodes-base.code", "n8n-nodes-base.httpRequest"]
    post = nodes["Send to Omni"]["parameters"]
    assert (post["method"], post["url"], post["contentType"], post["rawContentType"],
            post["body"]) == ("POST", URL, "raw", "application/json", "={{ $json.body }}")
    assert {h["name"]: h["value"] for h in post["headerParameters"]["parameters"]} == {
        "X-Omni-Timestamp": "={{ $json.timestamp }}",
        "X-Omni-Signature": "={{ $json.signature }}"}
    webhook = nodes["Provider message"]
    assert webhook["parameters"]["httpMethod"] == "POST" and webhook["webhookId"]
    assert webhook["parameters"]["path"].startswith("omni-whatsapp-inbound-")


def test_outbound_is_webhook_verify_send_report_answer_with_a_refusal_branch():
    flow = build("outbound")
    nodes = by_name(flow)
    assert chain(flow, "Reply from Omni") == [
        "Reply from Omni", "Check Omni signature", "Signature valid?", "Send to provider",
        "Status for Omni", "Report status to Omni", "Answer Omni"]
    assert flow["connections"]["Signature valid?"]["main"][1] == [
        {"node": "Refuse", "type": "main", "index": 0}]
    webhook = nodes["Reply from Omni"]["parameters"]
    assert webhook["options"] == {"rawBody": True} and webhook["responseMode"] == "responseNode"
    assert nodes["Refuse"]["parameters"]["options"]["responseCode"] == 401
    assert nodes["Send to provider"]["parameters"]["url"] == n8n_workflows.PROVIDER_PLACEHOLDER
    report = nodes["Report status to Omni"]["parameters"]
    assert report["url"] == "={{ $json.callback_url }}" and report["body"] == "={{ $json.body }}"


@pytest.mark.parametrize("direction", n8n_workflows.DIRECTIONS)
def test_every_connection_and_expression_names_a_node_that_exists(direction):
    flow = build(direction)
    names = set(by_name(flow))
    assert len(names) == len(flow["nodes"])  # n8n wires by name: names must be unique
    assert len({node["id"] for node in flow["nodes"]}) == len(flow["nodes"])
    for source, outputs in flow["connections"].items():
        assert source in names
        assert all(link["node"] in names for output in outputs["main"] for link in output)
    found = expressions(flow)
    assert found
    for _, expression in found:
        for referenced in re.findall(r"\$\('([^']+)'\)", expression):
            assert referenced in names
    for node in flow["nodes"]:
        for referenced in re.findall(r"\$\('([^']+)'\)", node["parameters"].get("jsCode", "")):
            assert referenced in names


@pytest.mark.parametrize("locale, words", [("pt-BR", "Assina a mensagem"),
                                           ("en", "Signs the message"),
                                           ("es", "Firma el mensaje")])
def test_comments_and_notes_speak_the_readers_language(locale, words):
    nodes = by_name(build("inbound", locale))
    assert nodes["Sign for Omni"]["parameters"]["jsCode"].startswith(f"// {words}")
    note = nodes["Omni"]["parameters"]["content"]
    assert "OMNI_WHATSAPP_SIGNING_SECRET" in note and "{" not in note.replace("{{", "")
    assert build("inbound", locale)["name"] == CATALOGS[locale][
        "integrations.n8n.name.inbound"].format(channel="WhatsApp")


def test_the_same_clinic_gets_the_same_file_and_others_their_own():
    assert build("outbound") == build("outbound")
    other = n8n_workflows.workflow("outbound", "whatsapp", "pk_" + "z" * 30, URL,
                                   CATALOGS["en"])
    assert other["id"] != build("outbound")["id"]
    assert by_name(other)["Reply from Omni"]["webhookId"] != \
        by_name(build("outbound"))["Reply from Omni"]["webhookId"]


def test_unknown_channel_or_direction_is_refused():
    for direction, channel in (("sideways", "whatsapp"), ("inbound", "telegram")):
        with pytest.raises(ValueError):
            n8n_workflows.workflow(direction, channel, KEY, URL, CATALOGS["en"])


def test_the_page_recipe_names_both_halves():
    recipe = n8n_recipe.recipe("whatsapp", URL, KEY, "https://omni.example/webhooks/status?x",
                               CATALOGS["en"])
    for part in ("POST", f"integration={KEY}", f"X-Omni-Integration: {KEY}", "X-Omni-Timestamp",
                 "X-Omni-Signature", "Raw", "{{ $json.body }}"):
        assert part in recipe.http
    for part in ("Idempotency-Key: <interaction_id>", '"callback_url": "https://omni.example/'
                 'webhooks/status?x"', '"phone": "+55', "X-Omni-Signature"):
        assert part in recipe.reply
    for field in ("interaction_id", "status", "external_message_id", "error", "timestamp"):
        assert f'"{field}"' in recipe.status
    assert "x-omni-signature" in recipe.verify and "idempotency-key" in recipe.verify


# --- the JavaScript itself, under node ------------------------------------------------------

MESSAGE = {"channel": "whatsapp", "external_message_id": "wamid.1",
           "from": {"phone": "+5511987654321", "name": "Jürgen"}, "text": "Olá 😀"}


def webhook_item(body: dict | bytes, headers: dict[str, str] | None = None) -> dict:
    """An item as n8n's Webhook node (Raw Body on) emits it."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return {"json": {"headers": headers or {}, "params": {}, "query": {},
                     "body": json.loads(raw)},
            "binary": {"data": {"data": base64.b64encode(raw).decode(),
                                "mimeType": "application/json"}}}


def code_of(direction: str, node: str, locale: str = "pt-BR") -> str:
    return by_name(build(direction, locale))[node]["parameters"]["jsCode"]


@needs_node
@pytest.mark.parametrize("locale", CATALOGS)
def test_the_sign_node_signs_what_omni_verifies(locale):
    out = run(code_of("inbound", "Sign for Omni", locale), [webhook_item(MESSAGE)], ENV)["json"]
    body = out["body"].encode()  # what the HTTP Request node sends (UTF-8)
    assert json.loads(body) == MESSAGE
    assert verify_omni([SECRET], body, out["timestamp"], out["signature"])
    assert not verify_omni(["another-secret"], body, out["timestamp"], out["signature"])
    # an item built by earlier nodes (no Webhook in front) is signed as it is
    plain = run(code_of("inbound", "Sign for Omni"), [{"json": MESSAGE}], ENV)["json"]
    assert json.loads(plain["body"]) == MESSAGE


@needs_node
def test_without_the_secret_the_node_says_which_variable_to_set():
    with pytest.raises(CodeNodeFailed) as failed:
        run(code_of("inbound", "Sign for Omni"), [{"json": MESSAGE}], {})
    assert str(failed.value) == ("A variável OMNI_WHATSAPP_SIGNING_SECRET não está definida no "
                                 "ambiente do n8n.")


def omni_request(body: bytes, secret: str = SECRET, now: float | None = None) -> dict:
    headers = {name.lower(): value for name, value in sign_headers(secret, body, now).items()}
    return {**headers, "idempotency-key": "3f0c0000-0000-4000-8000-000000000001",
            "content-type": "application/json"}


@needs_node
def test_the_verify_node_accepts_omnis_signature_and_nothing_else():
    reply = {"interaction_id": "3f0c0000-0000-4000-8000-000000000001", "text": "Olá ✓",
             "to": {"phone": "+5511987654321"}, "callback_url": "https://omni.example/s"}
    body = json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()
    code = code_of("outbound", n8n_code.VERIFY_NODE)
    [good] = run(code, [webhook_item(body, omni_request(body))], ENV)
    assert good["json"] == {"valid": True, "reply": reply,
                            "idempotency_key": "3f0c0000-0000-4000-8000-000000000001",
                            "provider": {"to": "+5511987654321", "text": "Olá ✓"}}
    headers = omni_request(body)
    stale = omni_request(body, now=time.time() - 301)
    wrong = {**headers, "x-omni-signature": omni_signature("wrong", headers["x-omni-timestamp"],
                                                           body)}
    changed = body.replace("Olá".encode(), b"Ola")
    for item in (webhook_item(changed, headers), webhook_item(body, stale),
                 webhook_item(body, wrong), webhook_item(body, {})):
        [refused] = run(code, [item], ENV)
        assert refused["json"]["valid"] is False and refused["json"]["reply"] == {}
    with pytest.raises(CodeNodeFailed, match="Raw Body"):
        run(code, [{"json": {"headers": headers, "body": reply}}], ENV)


@needs_node
@pytest.mark.parametrize("variables, components", [
    (["Rita", "terça às 10h"], [{"type": "body", "parameters": [
        {"type": "text", "text": "Rita"}, {"type": "text", "text": "terça às 10h"}]}]),
    ([], []),
])
def test_a_template_reaches_the_provider_in_the_cloud_apis_shape(variables, components):
    reply = {"interaction_id": "3f0c0000-0000-4000-8000-000000000001", "text": "Olá Rita",
             "to": {"phone": "+5511987654321"}, "callback_url": "https://omni.example/s",
             "template": {"name": "lembrete", "language": "pt_BR", "variables": variables}}
    body = json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()
    [checked] = run(code_of("outbound", n8n_code.VERIFY_NODE),
                    [webhook_item(body, omni_request(body))], ENV)
    assert checked["json"]["provider"] == {
        "messaging_product": "whatsapp", "to": "+5511987654321", "type": "template",
        "template": {"name": "lembrete", "language": {"code": "pt_BR"},
                     "components": components}}


def test_the_provider_call_sends_what_the_verify_node_built():
    for channel in ("whatsapp", "instagram"):
        send = by_name(build("outbound", channel=channel))["Send to provider"]["parameters"]
        assert send["jsonBody"] == "={{ JSON.stringify($json.provider) }}"


@needs_node
def test_the_status_node_reports_sent_or_failed_signed_for_the_callback_url():
    reply = {"interaction_id": "3f0c0000-0000-4000-8000-000000000001",
             "callback_url": "https://omni.example/webhooks/status?integration=k"}
    verified = {n8n_code.VERIFY_NODE: [{"json": {"valid": True, "reply": reply}}]}
    code = code_of("outbound", "Status for Omni")
    [sent] = run(code, [{"json": {"messages": [{"id": "wamid.OUT1"}]}}], ENV, verified)
    [failed] = run(code, [{"json": {"error": {"message": "provider said no"}}}], ENV, verified)
    for item, status in ((sent, "sent"), (failed, "failed")):
        out = item["json"]
        assert out["callback_url"] == reply["callback_url"]
        assert verify_omni([SECRET], out["body"].encode(), out["timestamp"], out["signature"])
        assert json.loads(out["body"])["status"] == status
    assert json.loads(sent["json"]["body"])["external_message_id"] == "wamid.OUT1"
    assert (sent["json"]["failed"], failed["json"]["failed"]) == (False, True)
    assert json.loads(failed["json"]["body"])["error"] == "provider said no"
