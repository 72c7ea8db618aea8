"""Finding 5 and the unknown-key flood: a signed webhook request is accepted once (the memory
is in the database: workers and restarts share it), a stale Meta body is refused, and an
address that keeps naming unknown integrations is turned away before each costs a lookup."""
from __future__ import annotations

import json
import time
import uuid

from omni_app.api import webhooks
from omni_app.domain import inbound
from omni_app.domain.signing import meta_signature, sign_headers
from tests.app.conftest import asgi_client, fresh_services, new_address, service_client
from tests.app.test_webhooks import (PAYLOADS, deliver, encode, fresh_limits, http, new_hook,
                                     omni_message, outbound_message, recent, rows, status_of)

__all__ = ["fresh_limits", "http"]  # fixtures used here


async def test_a_captured_failed_status_cannot_be_replayed_after_a_retry(http):
    hook = new_hook()
    reply = await outbound_message(hook, http)
    failed_body = encode({"interaction_id": reply, "status": "failed", "error": "timeout",
                          "timestamp": int(time.time())})
    captured = {"content-type": "application/json", **sign_headers(hook.secret, failed_body)}

    async def post(body: bytes, headers: dict):
        return await http.post("/webhooks/status", params={"integration": hook.public_key},
                               content=body, headers=headers)

    assert (await post(failed_body, captured)).status_code == 200
    # Staff retry; n8n reports the new attempt as sent.
    await (await service_client()).table("interactions").update(
        {"status": "queued", "error": None}).eq("id", reply).execute()
    sent_body = encode({"interaction_id": reply, "status": "sent", "timestamp": int(time.time())})
    assert (await post(sent_body, {"content-type": "application/json",
                                   **sign_headers(hook.secret, sent_body)})).status_code == 200
    fresh_services()  # as after a restart, or on another worker

    replayed = await post(failed_body, captured)

    assert replayed.status_code == 409 and "replayed" in replayed.json()["error"]
    assert await status_of(reply) == ("sent", None)


async def test_a_meta_signed_body_is_accepted_once(http):
    hook = new_hook(meta_app_secret="meta-app-secret-replay")
    body = recent((PAYLOADS / "wa_text.json").read_bytes())
    signature = {"x-hub-signature-256": meta_signature("meta-app-secret-replay", body)}

    first = await deliver(http, hook, body, signed=False, headers=signature)
    again = await deliver(http, hook, body, signed=False, headers=signature)

    assert first.status_code == 200 and again.status_code == 409
    assert len(await rows("interactions", hook.company_id)) == 1


async def test_a_meta_body_older_than_the_memory_is_refused(http):
    hook = new_hook(meta_app_secret="meta-app-secret-stale")
    body = (PAYLOADS / "wa_text.json").read_bytes()  # June 2025, correctly signed
    response = await deliver(http, hook, body, signed=False, headers={
        "x-hub-signature-256": meta_signature("meta-app-secret-stale", body)})
    assert response.status_code == 401 and "too old" in response.json()["error"]
    assert await rows("interactions", hook.company_id) == []


async def test_a_request_that_could_not_be_stored_may_be_sent_again(http, monkeypatch):
    hook = new_hook()
    body = encode(omni_message())
    headers = {"content-type": "application/json", **sign_headers(hook.secret, body)}
    real_ingest = inbound.ingest

    async def outage(*args, **kwargs):
        raise inbound.StorageUnavailable("database down")

    monkeypatch.setattr(inbound, "ingest", outage)
    down = await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                           content=body, headers=headers)
    monkeypatch.setattr(inbound, "ingest", real_ingest)
    retried = await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                              content=body, headers=headers)

    assert down.status_code == 503 and retried.status_code == 200
    assert len(await rows("interactions", hook.company_id)) == 1


async def test_unknown_keys_from_one_address_are_turned_away_before_any_lookup(app_env):
    flooder, bystander = new_address(), new_address()
    body = json.dumps({"x": 1}).encode()
    async with asgi_client(webhooks.routes, flooder) as http:
        answers = [await http.post("/webhooks/whatsapp", content=body,
                                   params={"integration": uuid.uuid4().hex * 2})
                   for _ in range(25)]
    codes = [answer.status_code for answer in answers]
    assert codes[:20] == [404] * 20 and set(codes[20:]) == {429}
    assert int(answers[-1].headers["retry-after"]) >= 1
    async with asgi_client(webhooks.routes, bystander) as http:
        other = await http.post("/webhooks/whatsapp", content=body,
                                params={"integration": uuid.uuid4().hex * 2})
    assert other.status_code == 404


async def test_statuses_relayed_by_n8n_are_accepted_once_and_messages_stay_idempotent(http):
    hook = new_hook()
    await outbound_message(hook, http, "wamid.OUT01")
    statuses = (PAYLOADS / "wa_statuses.json").read_bytes()
    signed = {"content-type": "application/json", **sign_headers(hook.secret, statuses)}
    first = await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                            content=statuses, headers=signed)
    again = await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                            content=statuses, headers=signed)
    assert (first.status_code, again.status_code) == (200, 409)

    message = encode(omni_message())
    headers = {"content-type": "application/json", **sign_headers(hook.secret, message)}
    answers = [await http.post("/webhooks/whatsapp", params={"integration": hook.public_key},
                               content=message, headers=headers) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert [a.json()["results"][0]["duplicate"] for a in answers] == [False, True]
