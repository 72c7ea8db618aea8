"""The inbound webhooks and the status callback over HTTP (ASGI) against a real localbase.

Each test makes its own clinic and integration with the service role, sealed the way the
integrations domain seals them, so tests never share rows.
"""
from __future__ import annotations

import json
import re
import secrets
import time
import uuid
from pathlib import Path

import httpx
import pytest
from supabase import AClientOptions, acreate_client

from harness.clinics import ClinicWithIntegration as Hook
from harness.clinics import clinic_with_integration, new_company
from localbase.testing import free_port
from omni_app import services
from omni_app.api import integration_directory, rate_limit, webhooks
from omni_app.domain import integration_secrets as vault
from omni_app.domain.signing import meta_signature, sign_headers
from tests.app.conftest import asgi_client, fresh_services, service_client, sync_service_client

PAYLOADS = Path(__file__).resolve().parent.parent / "unit" / "payloads"


def new_hook(channel: str = "whatsapp", **options) -> Hook:
    """A new clinic with an integration on `channel`, sealed with the app's keyring."""
    return clinic_with_integration(sync_service_client(), services.current().keyring,
                                   label="Webhook", channel=channel, **options)


def omni_message(external_id: str | None = None, phone: str = "+5511987650001",
                 text: str = "Olá, quero marcar uma consulta", **extra) -> dict:
    return {"channel": "whatsapp", "external_message_id": external_id or f"wamid.{uuid.uuid4().hex}",
            "from": {"phone": phone, "name": "Maria Souza"}, "text": text,
            "timestamp": int(time.time()), **extra}


def encode(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


FIXTURE_EPOCH = 1749416383  # the fixtures' first timestamp (June 2025)


def recent(body: bytes) -> bytes:
    """A payload fixture moved to the present, byte for byte otherwise (Meta signs the exact
    bytes): its epoch seconds and milliseconds shifted by the same amount."""
    delta = int(time.time()) - FIXTURE_EPOCH

    def shift(match: re.Match) -> bytes:
        value = int(match.group(0))
        return str(value + (delta * 1000 if value > 10**12 else delta)).encode()
    return re.sub(rb"(?<![0-9])17494[0-9]{5}(?:[0-9]{3})?(?![0-9])", shift, body)


async def deliver(http: httpx.AsyncClient, hook: Hook, body: bytes, *, channel: str | None = None,
                  secret: str | None = None, now: float | None = None, signed: bool = True,
                  headers: dict | None = None, path: str | None = None) -> httpx.Response:
    sent = {"content-type": "application/json", **(headers or {})}
    if signed:
        sent.update(sign_headers(secret or hook.secret, body, now))
    url = path or f"/webhooks/{channel or hook.channel}"
    return await http.post(url, params={"integration": hook.public_key}, content=body,
                           headers=sent)


async def rows(table: str, company_id: str, **filters) -> list[dict]:
    query = (await service_client()).table(table).select("*").eq("company_id", company_id)
    for column, value in filters.items():
        query = query.eq(column, value)
    return (await query.execute()).data


@pytest.fixture(autouse=True)
def fresh_limits(app_env):
    """Each test starts as a new process would: nothing kept, every bucket full."""
    fresh_services()


@pytest.fixture
async def http(app_env):
    async with asgi_client(webhooks.routes) as client:
        yield client


async def test_a_signed_message_is_stored_once_on_a_new_lead_and_an_open_thread(http):
    hook = new_hook()
    body = encode(omni_message("wamid.FIRST", phone="+55 11 98765-0001"))

    first = await deliver(http, hook, body)
    again = await deliver(http, hook, body, now=time.time() + 1)  # a redelivery, signed again

    assert first.status_code == 200, first.text
    result = first.json()["results"][0]
    assert result["duplicate"] is False and first.json()["skipped"] == []
    assert again.status_code == 200 and again.json()["results"][0] == {**result, "duplicate": True}
    stored = await rows("interactions", hook.company_id)
    assert len(stored) == 1 and stored[0]["id"] == result["interaction_id"]
    assert stored[0]["direction"] == "inbound" and stored[0]["metadata"]["kind"] == "text"
    client = (await rows("clients", hook.company_id))[0]
    assert client["id"] == result["client_id"] and client["is_lead"] is True
    assert client["phone"] == "+5511987650001" and client["full_name"] == "Maria Souza"
    thread = (await rows("conversation_threads", hook.company_id))[0]
    assert thread["id"] == result["conversation_id"] and thread["status"] == "active"
    assert thread["unread_count"] == 1
    integration = (await (await service_client()).table("integrations").select("last_used_at")
                   .eq("id", hook.integration_id).execute()).data[0]
    assert integration["last_used_at"] is not None


async def test_a_batch_answers_every_message_in_order(http):
    hook = new_hook()
    batch = {"messages": [omni_message("wamid.B1"), omni_message("wamid.B2", text="Segunda")]}
    response = await deliver(http, hook, encode(batch))
    assert response.status_code == 200
    assert [r["duplicate"] for r in response.json()["results"]] == [False, False]
    assert len(await rows("interactions", hook.company_id)) == 2


async def test_the_payload_cannot_choose_the_company(http):
    victim = new_company(sync_service_client())
    hook = new_hook()
    payload = omni_message(company_id=victim, metadata={"company_id": victim})

    response = await deliver(http, hook, encode({**payload, "company": victim}),
                             headers={"x-omni-company": victim})

    assert response.status_code == 200
    assert await rows("interactions", victim) == [] and await rows("clients", victim) == []
    assert len(await rows("interactions", hook.company_id)) == 1


async def test_one_clinics_key_does_not_open_with_another_clinics_secret(http):
    mine, theirs = new_hook(), new_hook()
    response = await deliver(http, mine, encode(omni_message()), secret=theirs.secret)
    assert response.status_code == 401
    assert await rows("interactions", mine.company_id) == []
    assert await rows("interactions", theirs.company_id) == []


@pytest.mark.parametrize("case", ["wrong secret", "missing", "stale", "future", "respaced body",
                                  "garbage header"])
async def test_bad_signatures_are_refused_and_nothing_is_stored(http, case):
    hook = new_hook()
    payload = omni_message()
    body = encode(payload)
    if case == "wrong secret":
        response = await deliver(http, hook, body, secret="not-the-secret")
    elif case == "missing":
        response = await deliver(http, hook, body, signed=False)
    elif case == "stale":
        response = await deliver(http, hook, body, now=time.time() - 301)
    elif case == "future":
        # Well past the window: the request itself may take a moment on a cold start.
        response = await deliver(http, hook, body, now=time.time() + 400)
    elif case == "respaced body":
        headers = sign_headers(hook.secret, body)
        response = await deliver(http, hook, json.dumps(payload, indent=1).encode(),
                                 signed=False, headers=headers)
    else:
        response = await deliver(http, hook, body, signed=False, headers={
            "x-omni-timestamp": "yesterday", "x-omni-signature": "md5=abc"})
    assert response.status_code == 401
    assert "signature" in response.json()["error"]
    assert await rows("interactions", hook.company_id) == []


async def test_unknown_inactive_and_other_channel_keys_all_look_the_same(http):
    inactive = new_hook(status="inactive")
    instagram = new_hook("instagram")
    unknown = Hook(inactive.company_id, "", secrets.token_hex(18), inactive.secret, "whatsapp")
    body = encode(omni_message())
    answers = [await deliver(http, inactive, body), await deliver(http, unknown, body),
               await deliver(http, instagram, body, channel="whatsapp"),
               await http.post("/webhooks/whatsapp", content=body)]  # no key, no legacy
    assert [a.status_code for a in answers] == [404] * 4
    assert all(a.json() == {"error": "not found"} for a in answers)


async def set_secrets(hook: Hook, **values) -> None:
    sealed = vault.seal(vault.IntegrationSecrets(**values), services.current().keyring, hook.company_id,
                        hook.channel)
    await (await service_client()).table("integrations").update({"secrets_sealed": sealed}) \
        .eq("id", hook.integration_id).execute()


async def test_a_rotated_secret_works_at_once_and_a_deactivation_soon(http, monkeypatch):
    hook = new_hook()
    assert (await deliver(http, hook, encode(omni_message()))).status_code == 200  # now kept
    await set_secrets(hook, signing_secret="rotated-secret-0123456789")

    rotated = await deliver(http, hook, encode(omni_message()), secret="rotated-secret-0123456789")
    await (await service_client()).table("integrations").update({"status": "inactive"}) \
        .eq("id", hook.integration_id).execute()
    monkeypatch.setattr(integration_directory, "RESOLVE_TTL_S", 0.0)
    deactivated = await deliver(http, hook, encode(omni_message()), secret="rotated-secret-0123456789")

    assert rotated.status_code == 200 and deactivated.status_code == 404


async def test_the_key_may_come_in_a_header(http):
    hook = new_hook()
    body = encode(omni_message())
    response = await http.post("/webhooks/whatsapp", content=body, headers={
        "x-omni-integration": hook.public_key, **sign_headers(hook.secret, body)})
    assert response.status_code == 200, response.text


async def test_bodies_over_one_megabyte_are_refused_declared_or_streamed(http):
    hook = new_hook()
    big = encode(omni_message(text="x" * 1_000_001))
    declared = await deliver(http, hook, big)

    async def chunks():
        for start in range(0, len(big), 64_000):
            yield big[start:start + 64_000]

    streamed = await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                               content=chunks(), headers=sign_headers(hook.secret, big))
    assert declared.status_code == 413 and streamed.status_code == 413
    assert await rows("interactions", hook.company_id) == []


@pytest.mark.parametrize("body, expected", [
    (b'{"external_message_id": "x",', "malformed JSON"),
    (b"\xff\xfe\x00garbage", "malformed JSON"),
    (b'["not", "an object"]', "expected a JSON object"),
    (encode({"external_message_id": "x", "from": {}, "timestamp": 1}), "invalid Omni message"),
    (encode({"hello": "world"}), "unrecognized body"),
])
async def test_bad_bodies_get_a_400_that_says_what_is_wrong(http, body, expected):
    hook = new_hook()
    response = await deliver(http, hook, body)
    assert response.status_code == 400
    assert expected in response.json()["error"]


async def test_a_raw_meta_body_signed_by_meta_is_accepted(http):
    hook = new_hook(meta_app_secret="meta-app-secret-123")
    body = recent((PAYLOADS / "wa_text.json").read_bytes())  # Meta's escaped bytes, as signed
    signature = {"x-hub-signature-256": meta_signature("meta-app-secret-123", body)}

    accepted = await deliver(http, hook, body, signed=False, headers=signature)
    forged = await deliver(http, hook, body, signed=False, headers={
        "x-hub-signature-256": meta_signature("someone-else", body)})
    omni_body = encode(omni_message())
    not_meta = await deliver(http, hook, omni_body, signed=False, headers={
        "x-hub-signature-256": meta_signature("meta-app-secret-123", omni_body)})

    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["results"][0]["duplicate"] is False
    assert forged.status_code == 401 and not_meta.status_code == 401
    client = (await rows("clients", hook.company_id))[0]
    assert client["phone"] == "+5541988887777" and client["whatsapp_id"] == "554188887777"
    assert len(await rows("interactions", hook.company_id)) == 1


async def test_the_n8n_trigger_item_shape_is_accepted(http):
    hook = new_hook()
    response = await deliver(http, hook, (PAYLOADS / "wa_n8n_item.json").read_bytes())
    assert response.status_code == 200, response.text
    stored = await rows("interactions", hook.company_id, external_message_id="wamid.N8N01")
    assert stored[0]["content"] == "Mensagem via n8n"


async def test_instagram_echoes_and_deletions_are_skipped_not_failed(http):
    hook = new_hook("instagram")
    response = await deliver(http, hook, (PAYLOADS / "ig_echo_deleted.json").read_bytes())
    assert response.status_code == 200, response.text
    assert response.json()["results"] == [] and len(response.json()["skipped"]) == 2


async def test_meta_verification_handshake(http):
    hook = new_hook(meta_verify_token="verify-me-please")
    query = {"integration": hook.public_key, "hub.mode": "subscribe",
             "hub.verify_token": "verify-me-please", "hub.challenge": "1158201444"}
    ok = await http.get("/webhooks/whatsapp", params=query)
    wrong = await http.get("/webhooks/whatsapp", params={**query, "hub.verify_token": "nope"})
    bad_mode = await http.get("/webhooks/whatsapp", params={**query, "hub.mode": "unsubscribe"})
    unknown = await http.get("/webhooks/whatsapp",
                             params={**query, "integration": secrets.token_hex(18)})
    assert ok.status_code == 200 and ok.text == "1158201444"
    assert ok.headers["content-type"].startswith("text/plain")
    assert (wrong.status_code, bad_mode.status_code, unknown.status_code) == (403, 403, 404)


async def test_legacy_fallback_only_when_both_variables_are_set(http, monkeypatch):
    company = new_company(sync_service_client())
    body = encode(omni_message())
    headers = {"content-type": "application/json", **sign_headers("legacy-secret", body)}
    fresh_services(webhook_secret="legacy-secret", webhook_default_company_id=None)
    half = await http.post("/webhooks/whatsapp", content=body, headers=headers)
    fresh_services(webhook_secret="legacy-secret", webhook_default_company_id=company)
    wrong = await http.post("/webhooks/whatsapp", content=body,
                            headers={**headers, **sign_headers("other", body)})
    full = await http.post("/webhooks/whatsapp", content=body, headers=headers)
    assert (half.status_code, wrong.status_code, full.status_code) == (404, 401, 200)
    assert len(await rows("interactions", company)) == 1


async def test_rate_limit_answers_429_with_retry_after(http, monkeypatch):
    monkeypatch.setattr(services.current().webhook_limiter, "burst", 3)
    monkeypatch.setattr(services.current().webhook_limiter, "rate", 0.5)
    hook, other = new_hook(), new_hook()
    codes = [(await deliver(http, hook, encode(omni_message()))).status_code for _ in range(4)]
    limited = await deliver(http, hook, encode(omni_message()))
    assert codes == [200, 200, 200, 429]
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert (await deliver(http, other, encode(omni_message()))).status_code == 200  # per key
    assert len(await rows("interactions", hook.company_id)) == 3


async def test_a_database_outage_answers_503_so_the_sender_retries(http, monkeypatch):
    hook = new_hook()
    assert (await deliver(http, hook, encode(omni_message()))).status_code == 200  # key kept
    current = services.current()
    dead = await acreate_client(f"http://127.0.0.1:{free_port()}",
                                current.settings.supabase_service_role_key.get_secret_value(),
                                AClientOptions(auto_refresh_token=False, persist_session=False))
    monkeypatch.setattr(current, "_service", dead)
    response = await deliver(http, hook, encode(omni_message()))
    assert response.status_code == 503 and response.headers["retry-after"]
    assert response.json() == {"error": "temporarily unavailable, retry later"}


# --- status updates -----------------------------------------------------------------------

async def outbound_message(hook: Hook, http, external_id: str | None = None) -> str:
    """An outbound reply (queued) in a thread of a client who wrote first."""
    first = (await deliver(http, hook, encode(omni_message()))).json()["results"][0]
    row = (await (await service_client()).table("interactions").insert({
        "company_id": hook.company_id, "conversation_id": first["conversation_id"],
        "client_id": first["client_id"], "channel": hook.channel, "direction": "outbound",
        "content": "Claro! Amanhã às 9h?", "status": "queued",
        "external_message_id": external_id}).execute()).data[0]
    return row["id"]


async def status_of(interaction_id: str) -> tuple[str, str | None]:
    row = (await (await service_client()).table("interactions").select("status,error")
           .eq("id", interaction_id).execute()).data[0]
    return row["status"], row["error"]


async def test_status_callbacks_only_move_forward(http):
    hook = new_hook()
    reply = await outbound_message(hook, http)

    async def report(**fields):
        payload = {"interaction_id": reply, "timestamp": int(time.time()), **fields}
        return await deliver(http, hook, encode(payload), path="/webhooks/status")

    sent = await report(status="sent", external_message_id="wamid.REPLY1")
    read = await report(status="read")
    late = await report(status="delivered")
    failed_late = await report(status="failed", error={"code": 131047})

    assert sent.status_code == 200 and sent.json()["changed"] is True
    assert read.json() == {"interaction_id": reply, "status": "read", "changed": True}
    assert late.json()["changed"] is False and failed_late.json()["changed"] is False
    assert await status_of(reply) == ("read", None)
    # The provider id recorded with `sent` lets Meta's own statuses find the message.
    stored = await rows("interactions", hook.company_id, external_message_id="wamid.REPLY1")
    assert [row["id"] for row in stored] == [reply]


async def test_status_callback_refusals(http):
    hook, other = new_hook(), new_hook()
    reply = await outbound_message(hook, http)
    good = {"interaction_id": reply, "status": "delivered", "timestamp": int(time.time())}

    unknown = await deliver(http, hook, encode({**good, "interaction_id": str(uuid.uuid4())}),
                            path="/webhooks/status")
    elsewhere = await deliver(http, other, encode(good), path="/webhooks/status")
    bad_status = await deliver(http, hook, encode({**good, "status": "teleported"}),
                               path="/webhooks/status")
    no_id = await deliver(http, hook, encode({"status": "read"}), path="/webhooks/status")
    unsigned = await deliver(http, hook, encode(good), signed=False, path="/webhooks/status")

    assert unknown.status_code == 404 and elsewhere.status_code == 404  # scoped by company
    assert bad_status.status_code == 400 and no_id.status_code == 400
    assert "interaction_id or external_message_id" in no_id.json()["error"]
    assert unsigned.status_code == 401
    assert await status_of(reply) == ("queued", None)


async def test_whatsapp_statuses_out_of_order_keep_the_furthest(http):
    hook = new_hook()
    out1 = await outbound_message(hook, http, "wamid.OUT01")
    out2 = await outbound_message(hook, http, "wamid.OUT02")
    # sent, read for OUT01; failed then delivered for OUT02; a status for an unknown message.
    response = await deliver(http, hook, (PAYLOADS / "wa_statuses.json").read_bytes())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["results"] == [] and body["statuses"] == 4
    assert await status_of(out1) == ("read", None)
    # Failed is left only by a retry: a later report does not hide it (finding 5).
    assert (await status_of(out2))[0] == "failed"


async def test_logs_carry_ids_and_outcomes_never_secrets_or_bodies(http, caplog):
    caplog.set_level("DEBUG")
    hook = new_hook(meta_app_secret="meta-app-secret-456")
    text = "Meu CPF é 123.456.789-00"
    await deliver(http, hook, encode(omni_message(text=text)))
    await deliver(http, hook, encode(omni_message(text=text)), secret="wrong-secret")
    await deliver(http, hook, b'{"broken": ')
    logged = caplog.text
    assert hook.integration_id in logged
    for secret in (hook.secret, "meta-app-secret-456", "wrong-secret", text, "broken"):
        assert secret not in logged


async def test_an_instagram_message_lands_on_an_instagram_lead(http):
    hook = new_hook("instagram", meta_app_secret="ig-app-secret-789")
    body = recent((PAYLOADS / "ig_text.json").read_bytes())
    response = await deliver(http, hook, body, signed=False, headers={
        "x-hub-signature-256": meta_signature("ig-app-secret-789", body)})
    assert response.status_code == 200, response.text
    client = (await rows("clients", hook.company_id))[0]
    assert client["instagram_id"] and client["source_channel"] == "instagram"
    assert (await rows("conversation_threads", hook.company_id))[0]["channel"] == "instagram"


def test_token_bucket_refills_at_its_rate_per_key():
    now = [0.0]
    bucket = rate_limit.TokenBucketLimiter(rate=2.0, burst=2, clock=lambda: now[0])
    assert [bucket.take("a"), bucket.take("a")] == [0.0, 0.0]
    assert bucket.take("a") == pytest.approx(0.5) and bucket.take("b") == 0.0
    now[0] = 0.5
    assert bucket.take("a") == 0.0
    assert rate_limit.retry_after_header(0.01) == "1" and rate_limit.retry_after_header(1.2) == "2"
