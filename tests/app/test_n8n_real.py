"""Omni's n8n workflow files in a real n8n (2.41.1, harness/n8n_process.py): downloaded from the
app's route for a clinic with both channels connected, imported unchanged and published; Omni's
API serves on a real port (harness/api_process.py) so n8n reaches its webhooks over HTTP, and a
fake provider stands where Meta's API would be (tests/fakes/provider.py, as n8n's HTTPS proxy).
One n8n for the module.

- a provider message posted to an inbound workflow is signed by n8n and stored by Omni;
- a reply queued in Omni is delivered to the outbound workflow, passes its check, reaches the
  provider, and n8n's signed report to callback_url makes it `sent` with the provider's id, or
  `failed` with the provider's error;
- a request to the outbound workflow that Omni did not sign, or that was changed, is refused."""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from harness.api_process import running_api
from harness.app_env import install_services as fresh_services
from harness.n8n_process import N8nProcess, running_n8n
from omni_app import services
from omni_app.channels import registry
from omni_app.domain import conversations, integrations, n8n_code, n8n_workflows, outbound
from omni_app.domain.signing import sign_headers
from tests.app.clinics import Clinic, connect, new_clinic
from tests.app.conftest import deliver_queued, service_client
from tests.fakes.provider import FakeProvider

CHANNELS = tuple(registry.CHANNELS)    # whatsapp, instagram


@dataclass
class Setup:
    api: str
    api_log: Path
    clinic: Clinic
    secrets: dict[str, str]        # per channel
    public_keys: dict[str, str]
    n8n: N8nProcess
    provider: FakeProvider

    def webhook(self, channel: str, direction: str) -> str:
        return self.n8n.webhook_url(n8n_workflows.webhook_path(channel, direction,
                                                               self.public_keys[channel]))

    def n8n_log(self) -> str:
        return self.n8n.log_path.read_text(errors="replace")[-3000:]


@pytest.fixture(scope="module")
def omni_api(app_env, tmp_path_factory):
    """Omni's API on a real port; this process's Services point their public URL at it too (the
    worker's callback_url), as they were afterwards."""
    log = tmp_path_factory.mktemp("omni-api") / "api.log"
    with running_api(app_env, log) as url:
        fresh_services({**app_env, "OMNI_PUBLIC_URL": url})
        try:
            yield url, log
        finally:
            fresh_services(app_env)


async def download(api: str, clinic: Clinic, channel: str, direction: str) -> dict:
    cookie = {services.current().session_cookie(): clinic.cookie}
    async with httpx.AsyncClient(cookies=cookie) as http:
        answer = await http.get(f"{api}/api/integrations/{channel}/n8n/{direction}.json")
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture(scope="module")
async def real_n8n(omni_api, tmp_path_factory):
    """A clinic with both channels connected, their four workflow files downloaded and running
    in n8n (the signing secrets in n8n's environment, as the files' notes say), each channel's
    outbound URL set to its outbound workflow's webhook."""
    api, api_log = omni_api
    work = tmp_path_factory.mktemp("n8n")
    clinic = await new_clinic()
    secrets = {channel: await connect(clinic, None, channel) for channel in CHANNELS}
    flows = [await download(api, clinic, channel, direction)
             for channel in CHANNELS for direction in n8n_workflows.DIRECTIONS]
    rows = (await (await service_client()).table("integrations").select("channel,public_key")
            .eq("company_id", clinic.company_id).execute()).data
    env = {n8n_code.secret_variable(channel): secret for channel, secret in secrets.items()}
    with FakeProvider(work / "provider") as provider, running_n8n(
            flows, work, env={**env, **provider.proxy_env()}) as process:
        setup = Setup(api, api_log, clinic, secrets,
                      {row["channel"]: row["public_key"] for row in rows}, process, provider)
        for channel in CHANNELS:
            await integrations.set_outbound_url(await clinic.user(), clinic.actor, channel,
                                                setup.webhook(channel, "outbound"),
                                                services.current().outbound_policy)
        yield setup


async def eventually(check, timeout: float = 20.0):
    """`await check()` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.1)


def provider_message(channel: str, sender: str, text: str, message_id: str) -> dict:
    """What Meta posts to a webhook when a patient writes (Cloud API, Instagram Messaging)."""
    if channel == "instagram":
        now = int(time.time() * 1000)
        return {"object": "instagram", "entry": [{"id": "17841400000000001", "time": now,
                "messaging": [{"sender": {"id": sender}, "recipient": {"id": "17841400000000001"},
                               "timestamp": now, "message": {"mid": message_id, "text": text}}]}]}
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881",
                         "phone_number_id": "106540352242922"},
            "contacts": [{"profile": {"name": "Joção Ñandú"}, "wa_id": sender}],
            "messages": [{"from": sender, "id": message_id, "timestamp": str(int(time.time())),
                          "type": "text", "text": {"body": text}}]}}]}]}


def new_sender(channel: str) -> str:
    """A patient no other test uses: a phone (digits, as WhatsApp sends it) or an IGSID."""
    digits = str(uuid.uuid4().int)
    return "55119" + digits[:8] if channel == "whatsapp" else "1784" + digits[:13]


async def interactions(company_id: str, **equal) -> list[dict]:
    query = (await service_client()).table("interactions").select(
        "id,content,direction,status,error,external_message_id,conversation_id").eq(
        "company_id", company_id)
    for column, value in equal.items():
        query = query.eq(column, value)
    return (await query.execute()).data


async def through_inbound(n8n: Setup, channel: str, sender: str, text: str) -> dict:
    """A patient's message posted to the channel's inbound workflow, once Omni stored it."""
    message_id = f"mid.N8N-{uuid.uuid4().hex[:12]}"
    async with httpx.AsyncClient() as http:
        answer = await http.post(n8n.webhook(channel, "inbound"),
                                 json=provider_message(channel, sender, text, message_id))
    assert answer.status_code == 200, answer.text
    stored = await eventually(lambda: interactions(n8n.clinic.company_id,
                                                   external_message_id=message_id))
    assert stored, f"nothing stored; n8n's log ends with:\n{n8n.n8n_log()}"
    return stored[0]


async def settled(n8n: Setup, interaction_id: str, status: str) -> dict:
    """The reply once its status is `status` (or as it is after a while)."""
    async def reached():
        rows = await interactions(n8n.clinic.company_id, id=interaction_id)
        return rows if rows[0]["status"] == status else None
    [row] = (await eventually(reached)
             or await interactions(n8n.clinic.company_id, id=interaction_id))
    return row


@pytest.mark.parametrize("channel", CHANNELS)
async def test_a_message_posted_to_the_inbound_workflow_is_stored_by_omni(real_n8n, channel):
    n8n, text = real_n8n, "Olá! Posso remarcar pra terça? 😀"
    stored = await through_inbound(n8n, channel, new_sender(channel), text)
    assert (stored["content"], stored["direction"]) == (text, "inbound")
    thread = await conversations.conversation(await n8n.clinic.user(),
                                              stored["conversation_id"])
    assert (thread["channel"], thread["last_message_preview"]) == (channel, text)  # the inbox


@pytest.mark.parametrize("channel", CHANNELS)
async def test_a_reply_goes_out_through_the_outbound_workflow_and_comes_back_sent(real_n8n,
                                                                                   channel):
    n8n, sender = real_n8n, new_sender(channel)
    received = await through_inbound(n8n, channel, sender, "Oi")
    reply = await outbound.send(await n8n.clinic.user(), received["conversation_id"],
                                "Olá, Rita! Terça às 10h ✓")
    before = len(n8n.provider.requests)
    await deliver_queued()
    sent = n8n.provider.wait_for(before + 1)[-1]
    assert sent.host == "provider.example" and sent.json["text"] == "Olá, Rita! Terça às 10h ✓"
    assert sent.json["to"] == ("+" + sender if channel == "whatsapp" else sender)
    assert sent.headers["idempotency-key"] == reply["id"]
    row = await settled(n8n, reply["id"], "sent")
    # The fake answers like WhatsApp's Cloud API on both channels: the Status node reads that
    # shape (its comment tells an Instagram user to adapt it to their provider's answer).
    assert (row["status"], row["external_message_id"]) == ("sent", sent.message_id), \
        n8n.n8n_log()
    # n8n's signed report to callback_url made it `sent` (before n8n answered the delivery)
    assert f"interaction={reply['id']} status=sent changed=True" in n8n.api_log.read_text()


async def test_a_reply_the_provider_refuses_comes_back_failed_with_its_error(real_n8n):
    n8n = real_n8n
    received = await through_inbound(n8n, "whatsapp", new_sender("whatsapp"), "Oi")
    reply = await outbound.send(await n8n.clinic.user(), received["conversation_id"],
                                "Olá de novo")
    n8n.provider.answer_next(400, {"error": {"message": "(#131047) Re-engagement message",
                                             "code": 131047}})
    await deliver_queued()
    row = await settled(n8n, reply["id"], "failed")
    assert (row["status"], row["external_message_id"]) == ("failed", None), n8n.n8n_log()
    assert "131047" in row["error"]
    assert f"interaction={reply['id']} status=failed changed=True" in n8n.api_log.read_text()


async def test_the_outbound_workflow_refuses_what_omni_did_not_sign(real_n8n):
    n8n, secret = real_n8n, real_n8n.secrets["whatsapp"]
    body = json.dumps({"interaction_id": str(uuid.uuid4()), "text": "Pague aqui: http://x",
                       "to": {"phone": "+5511955550044"},
                       "callback_url": f"{n8n.api}/webhooks/status"}).encode()
    signed = sign_headers(secret, body)
    before = len(n8n.provider.requests)
    attempts = {"changed body": (body.replace(b"aqui", b"AQUI"), signed),
                "another secret": (body, sign_headers("not-the-clinics-secret", body)),
                "other channel's secret": (body, sign_headers(n8n.secrets["instagram"], body)),
                "stale": (body, sign_headers(secret, body, time.time() - 301)),
                "unsigned": (body, {})}
    url = n8n.webhook("whatsapp", "outbound")
    async with httpx.AsyncClient() as http:
        answers = {what: await http.post(url, content=content,
                                         headers={**headers, "content-type": "application/json"})
                   for what, (content, headers) in attempts.items()}
        good = await http.post(url, content=body,
                               headers={**signed, "content-type": "application/json"})
    assert {what: a.status_code for what, a in answers.items()} == dict.fromkeys(attempts, 401)
    assert all(a.json() == {"error": "invalid signature"} for a in answers.values())
    # the same request signed by Omni passes: the provider gets it once, Omni hears its id
    assert len(n8n.provider.requests) == before + 1
    assert (good.status_code, good.json()) == \
        (200, {"external_message_id": n8n.provider.requests[-1].message_id})
