"""The n8n workflow files of the integrations page, against a real localbase: downloaded with the
admin's session only, for their own clinic; and their Code nodes, run under node exactly as
written in the file, speak Omni's signing both ways — a message signed by the inbound workflow
is stored by Omni's webhook, a reply Omni delivers passes the outbound workflow's check, and the
status it reports back is recorded."""
from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import pytest

from omni_app.api.app import build_api
from omni_app.domain import message_templates, n8n_code, outbound
from omni_app.services import current
from tests.app.clinics import connect, inbound, new_clinic
from tests.app.conftest import SEED, asgi_client, cookie_for, deliver_queued, joined_member, \
    service_client
from tests.fakes.n8n import FakeN8n
from tests.support.n8n_code import needs_node, run

pytestmark = pytest.mark.usefixtures("app_env")


def path(channel: str, direction: str) -> str:
    return f"/api/integrations/{channel}/n8n/{direction}.json"


async def download(cookie: str | None, channel: str = "whatsapp", direction: str = "inbound"):
    headers = {"cookie": f"{current().session_cookie()}={cookie}"} if cookie else {}
    async with asgi_client(build_api()) as http:
        return await http.get(path(channel, direction), headers=headers)


def nodes(answer) -> dict[str, dict]:
    return {node["name"]: node for node in answer.json()["nodes"]}


def local(url: str) -> str:
    """The path and query of one of the app's own URLs (OMNI_PUBLIC_URL is http://testserver)."""
    parts = urlsplit(url)
    assert parts.netloc == "testserver"
    return f"{parts.path}?{parts.query}"


async def public_key(clinic, channel: str = "whatsapp") -> str:
    rows = (await (await service_client()).table("integrations").select("public_key")
            .eq("company_id", clinic.company_id).eq("channel", channel).execute()).data
    return rows[0]["public_key"]


async def test_the_admin_downloads_a_file_with_the_clinics_urls_and_no_secret():
    clinic = await new_clinic()
    secret = await connect(clinic, "http://localhost:5678/webhook/x")
    answer = await download(clinic.cookie)
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == \
        'attachment; filename="omni-whatsapp-inbound.n8n.json"'
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["cache-control"] == "no-store"
    key = await public_key(clinic)
    assert nodes(answer)["Send to Omni"]["parameters"]["url"] == \
        f"http://testserver/webhooks/whatsapp?integration={key}"
    assert secret not in answer.text
    outbound_file = await download(clinic.cookie, direction="outbound")
    assert outbound_file.status_code == 200 and secret not in outbound_file.text
    assert key[:12].lower() in nodes(outbound_file)["Reply from Omni"]["parameters"]["path"]


async def test_only_a_signed_in_admin_gets_it_and_only_their_own_clinics():
    clinic = await new_clinic()
    await connect(clinic, None)
    user = await clinic.user()
    _, staff_cookie = await joined_member(user)
    other = await download(await cookie_for(*SEED["other"]))
    answers = {"nobody": await download(None), "forged": await download("not-a-session"),
               "staff": await download(staff_cookie)}
    assert {who: a.status_code for who, a in answers.items()} == \
        {"nobody": 401, "forged": 401, "staff": 403}
    assert all(set(a.json()) == {"error"} for a in answers.values())
    key = await public_key(clinic)
    assert key not in other.text  # the other clinic's admin gets theirs (or a 404), never ours


async def test_bad_paths_and_channels_not_set_up_answer_a_clear_404():
    clinic = await new_clinic()
    for channel, direction, words in (("telegram", "inbound", "unknown channel"),
                                      ("whatsapp", "sideways", "use inbound or outbound"),
                                      ("instagram", "inbound", "generate its signing secret")):
        answer = await download(clinic.cookie, channel, direction)
        assert answer.status_code == 404 and words in answer.json()["error"]


@needs_node
async def test_a_message_signed_by_the_inbound_workflow_is_stored_by_omni():
    clinic = await new_clinic()
    secret = await connect(clinic, None)
    flow = nodes(await download(clinic.cookie))
    message = {"channel": "whatsapp", "external_message_id": "wamid.N8N-IN-1",
               "from": {"phone": "+5511955550042", "name": "Joção Ñandú"},
               "text": "Olá! Posso remarcar? 😀", "timestamp": 1764590000}
    received = {"json": {"headers": {}, "params": {}, "query": {}, "body": message}}
    signed = run(flow["Sign for Omni"]["parameters"]["jsCode"], [received],
                 {n8n_code.secret_variable("whatsapp"): secret})["json"]
    post = flow["Send to Omni"]["parameters"]
    headers = {h["name"]: signed[h["value"].removeprefix("={{ $json.").removesuffix(" }}")]
               for h in post["headerParameters"]["parameters"]}
    async with asgi_client(build_api()) as http:
        answer = await http.post(local(post["url"]), content=signed["body"].encode(),
                                 headers={**headers, "content-type": post["rawContentType"]})
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["duplicate"] is False
    stored = (await (await service_client()).table("interactions").select("content,direction")
              .eq("company_id", clinic.company_id).eq("id", result["interaction_id"])
              .execute()).data
    assert stored == [{"content": "Olá! Posso remarcar? 😀", "direction": "inbound"}]


def as_webhook_item(request) -> dict:
    """What n8n's Webhook node (Raw Body on) makes of a request the fake n8n recorded."""
    return {"json": {"headers": request.headers, "params": {}, "query": {},
                     "body": json.loads(request.body)},
            "binary": {"data": {"data": base64.b64encode(request.body).decode(),
                                "mimeType": "application/json"}}}


@needs_node
async def test_omnis_reply_passes_the_outbound_workflow_and_its_status_comes_back():
    with FakeN8n() as n8n:
        clinic = await new_clinic()
        n8n.secret = secret = await connect(clinic, n8n.url)
        conversation = (await inbound(clinic.company_id, "Oi", phone="+5511955550043",
                                      name="Rita"))["conversation_id"]
        user = await clinic.user()
        replies = [await outbound.send(user, conversation, text) for text in ("Olá!", "Tchau!")]
        n8n.answer_next(2, 202, {})  # taken, no provider id yet: the status report brings it
        await deliver_queued()
        requests = n8n.wait_for(2)
    flow = nodes(await download(clinic.cookie, direction="outbound"))
    env = {n8n_code.secret_variable("whatsapp"): secret}
    provider_answers = {replies[0]["id"]: {"messages": [{"id": "wamid.N8N-OUT-1"}]},
                        replies[1]["id"]: {"error": {"message": "131047: re-engagement"}}}
    async with asgi_client(build_api()) as http:
        for request in requests:
            provider = provider_answers[request.json["interaction_id"]]
            checked = run(flow[n8n_code.VERIFY_NODE]["parameters"]["jsCode"],
                          [as_webhook_item(request)], env)
            assert checked[0]["json"]["valid"] is True
            reply = checked[0]["json"]["reply"]
            assert checked[0]["json"]["idempotency_key"] == reply["interaction_id"]
            [status] = run(flow["Status for Omni"]["parameters"]["jsCode"],
                           [{"json": provider}], env, {n8n_code.VERIFY_NODE: checked})
            report = status["json"]
            answer = await http.post(local(report["callback_url"]),
                                     content=report["body"].encode(),
                                     headers={"X-Omni-Timestamp": report["timestamp"],
                                              "X-Omni-Signature": report["signature"],
                                              "content-type": "application/json"})
            assert answer.status_code == 200, answer.text
    rows = {row["id"]: row for row in (await (await service_client()).table("interactions")
            .select("id,status,external_message_id,error")
            .in_("id", [r["id"] for r in replies]).execute()).data}
    sent, failed = rows[replies[0]["id"]], rows[replies[1]["id"]]
    assert (sent["status"], sent["external_message_id"]) == ("sent", "wamid.N8N-OUT-1")
    assert (failed["status"], failed["error"]) == ("failed", "131047: re-engagement")


@needs_node
async def test_a_template_omni_delivers_reaches_the_provider_as_a_cloud_api_template():
    with FakeN8n() as n8n:
        clinic = await new_clinic()
        n8n.secret = secret = await connect(clinic, n8n.url)
        conversation = (await inbound(clinic.company_id, "Oi", phone="+5511955550044",
                                      name="Rita"))["conversation_id"]
        user = await clinic.user()
        template = await message_templates.save(user, clinic.company_id, message_templates.Draft(
            "lembrete_consulta", "pt_BR", "Olá {{1}}, sua consulta é {{2}}.", "approved"))
        await message_templates.send(user, conversation, template["id"],
                                     ["Rita", "terça às 10h"])
        await deliver_queued()
        [request] = n8n.wait_for(1)
    flow = nodes(await download(clinic.cookie, direction="outbound"))
    [checked] = run(flow[n8n_code.VERIFY_NODE]["parameters"]["jsCode"],
                    [as_webhook_item(request)], {n8n_code.secret_variable("whatsapp"): secret})
    assert checked["json"]["valid"] is True
    assert checked["json"]["reply"]["text"] == "Olá Rita, sua consulta é terça às 10h."
    assert checked["json"]["provider"] == {
        "messaging_product": "whatsapp", "to": "+5511955550044", "type": "template",
        "template": {"name": "lembrete_consulta", "language": {"code": "pt_BR"},
                     "components": [{"type": "body", "parameters": [
                         {"type": "text", "text": "Rita"},
                         {"type": "text", "text": "terça às 10h"}]}]}}
    assert flow["Send to provider"]["parameters"]["jsonBody"] == \
        "={{ JSON.stringify($json.provider) }}"
