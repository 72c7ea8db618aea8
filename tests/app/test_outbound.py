"""Replies out, against a real localbase and a fake n8n on loopback that checks every signature."""
from __future__ import annotations

import itertools
import logging
import socket
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from postgrest.exceptions import APIError

from dataclasses import replace

from omni_app import services
from omni_app.channels import registry
from omni_app.domain import conversations, outbound, signing
from omni_app.domain.refusals import Refused
from tests.app.conftest import deliver_queued, service_client
from tests.app.clinics import connect, inbound, new_clinic
from tests.fakes.n8n import FakeN8n

FAST = outbound.Policy(attempts=4, first_wait=0.01, max_wait=0.05, timeout=0.5)


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch, app_env):
    current = services.current()
    monkeypatch.setattr(current, "delivery", replace(current.delivery, rules=FAST))


@pytest.fixture
def announced(monkeypatch, app_env):
    """The company ids `Services.changed` published."""
    seen: list[str] = []

    async def publisher(company_id: str) -> None:
        seen.append(company_id)

    monkeypatch.setattr(services.current(), "publisher", publisher)
    return seen


@pytest.fixture
def n8n():
    with FakeN8n() as fake:
        yield fake


async def connected_clinic(n8n: FakeN8n, url: str | None = None):
    clinic = await new_clinic()
    n8n.secret = await connect(clinic, url or n8n.url)
    message = await inbound(clinic.company_id, "Oi, quero marcar", phone="+5511955550001",
                            name="Rita Paciente")
    return clinic, message["conversation_id"]


async def stored(company_id: str, interaction_id: str) -> dict:
    service = await service_client()
    return (await service.table("interactions").select("status,error,external_message_id,sent_by")
            .eq("company_id", company_id).eq("id", interaction_id).execute()).data[0]


async def send(clinic, conversation_id: str, text: str = "Olá, Rita! Temos terça às 10h.") -> dict:
    return await outbound.send(await clinic.user(), conversation_id, text)


async def test_reply_is_queued_at_once_then_sent_signed_to_the_clinic_url(n8n, announced, app_env):
    clinic, conversation_id = await connected_clinic(n8n)

    row = await send(clinic, conversation_id)

    assert (row["status"], row["direction"], row["sent_by"]) == ("queued", "outbound", clinic.user_id)
    user = await clinic.user()
    page = await conversations.messages(user, conversation_id)
    assert page.rows[0]["id"] == row["id"] and page.rows[0]["status"] == "queued"
    thread = await conversations.conversation(user, conversation_id)
    assert (thread["last_message_preview"], thread["last_message_direction"]) == \
        ("Olá, Rita! Temos terça às 10h.", "outbound")

    await deliver_queued()

    [request] = n8n.requests
    assert request.signature_ok and n8n.bad_signatures == 0
    body = request.json
    public_key = parse_qs(urlsplit(body.pop("callback_url")).query)["integration"][0]
    assert body == {"interaction_id": row["id"], "company_id": clinic.company_id,
                    "channel": "whatsapp", "to": {"phone": "+5511955550001", "name": "Rita Paciente"},
                    "text": "Olá, Rita! Temos terça às 10h."}
    assert len(public_key) >= 24 and request.headers["idempotency-key"] == row["id"]
    after = await stored(clinic.company_id, row["id"])
    assert after["status"] == "sent" and after["external_message_id"].startswith("wamid.")
    assert announced.count(clinic.company_id) == 1  # (the worker also runs other tests' jobs)


async def test_instagram_replies_go_to_the_instagram_id(n8n, app_env):
    clinic = await new_clinic()
    n8n.secret = await connect(clinic, n8n.url, channel="instagram")
    conversation_id = (await inbound(clinic.company_id, "oi!", instagram_id="17841400000000001",
                                     name="joana.ig"))["conversation_id"]

    row = await send(clinic, conversation_id, "Oi, Joana!")
    await deliver_queued()

    [request] = n8n.requests
    assert request.signature_ok and request.json["channel"] == "instagram"
    assert request.json["to"] == {"instagram_id": "17841400000000001", "name": "joana.ig"}
    assert (await stored(clinic.company_id, row["id"]))["status"] == "sent"
    with pytest.raises(Refused) as refused:  # Instagram's cap is 1000 characters
        await send(clinic, conversation_id, "x" * 1001)
    assert refused.value.reason == "too_long"


@pytest.mark.parametrize("channel", registry.NAMES)
async def test_the_registrys_reply_limit_is_the_databases(channel, n8n, app_env):
    """The composer caps replies at the registry's limit; queue_outbound_message must agree."""
    clinic = await new_clinic()
    n8n.secret = await connect(clinic, n8n.url, channel=channel)
    sender = {"instagram_id": "17841400000000077"} if channel == "instagram" else {}
    conversation_id = (await inbound(clinic.company_id, "oi", **sender))["conversation_id"]
    limit = registry.CHANNELS[channel].reply_limit
    assert (await send(clinic, conversation_id, "x" * limit))["status"] == "queued"
    with pytest.raises(Refused) as refused:
        await send(clinic, conversation_id, "x" * (limit + 1))
    assert refused.value.reason == "too_long"
    await deliver_queued()


async def test_timeouts_and_5xx_are_retried_until_n8n_answers(n8n, monkeypatch, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    n8n.fail_next(2, status=502)
    n8n.stall_next(1, seconds=FAST.timeout + 0.5)
    # The retries come within a second; a clock a second further at each signing tells a
    # request signed afresh from headers signed once and sent again.
    seconds = itertools.count(int(time.time()))
    monkeypatch.setattr(outbound, "sign_headers",
                        lambda secret, body: signing.sign_headers(secret, body, now=next(seconds)))

    row = await send(clinic, conversation_id)
    await deliver_queued()

    assert len(n8n.requests) == 4
    assert all(request.signature_ok for request in n8n.requests)  # each by its own timestamp
    stamps = [int(request.headers["x-omni-timestamp"]) for request in n8n.requests]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert (await stored(clinic.company_id, row["id"]))["status"] == "sent"


async def test_failure_after_bounded_retries_then_retry_requeues_and_sends(
        n8n, announced, app_env, caplog):
    caplog.set_level(logging.DEBUG)
    clinic, conversation_id = await connected_clinic(n8n)
    n8n.reject_all(503)

    row = await send(clinic, conversation_id)
    await deliver_queued()
    assert n8n.secret not in caplog.text

    assert len(n8n.requests) == FAST.attempts
    failed = await stored(clinic.company_id, row["id"])
    assert failed["status"] == "failed"
    assert "503" in failed["error"] and f"after {FAST.attempts} attempts" in failed["error"]

    n8n.recover()
    requeued = await outbound.retry(await clinic.user(), row["id"])
    assert requeued["status"] == "queued"
    await deliver_queued()
    assert (await stored(clinic.company_id, row["id"]))["status"] == "sent"
    assert announced.count(clinic.company_id) == 2

    with pytest.raises(Refused) as refused:  # only a failed reply is retried
        await outbound.retry(await clinic.user(), row["id"])
    assert refused.value.reason == "not_failed"


async def test_a_4xx_answer_fails_at_once(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    n8n.fail_next(1, status=422)

    row = await send(clinic, conversation_id)
    await deliver_queued()

    assert len(n8n.requests) == 1
    failed = await stored(clinic.company_id, row["id"])
    assert failed["status"] == "failed" and failed["error"] == "n8n answered HTTP 422"


async def test_an_unreachable_n8n_fails_after_the_retries(n8n, app_env):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}/webhook"
    clinic, conversation_id = await connected_clinic(n8n, url=closed_url)

    row = await send(clinic, conversation_id)
    await deliver_queued()

    failed = await stored(clinic.company_id, row["id"])
    assert failed["status"] == "failed" and "n8n unreachable" in failed["error"]


async def test_without_an_active_integration_the_reply_fails_with_the_reason(app_env):
    clinic = await new_clinic()
    conversation_id = (await inbound(clinic.company_id, "Oi"))["conversation_id"]

    row = await send(clinic, conversation_id)
    await deliver_queued()

    failed = await stored(clinic.company_id, row["id"])
    assert (failed["status"], failed["error"]) == ("failed", "no active whatsapp integration")


async def test_refusals_empty_too_long_closed(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    for text, reason in (("   ", "empty"), ("x" * 4097, "too_long")):
        with pytest.raises(Refused) as refused:
            await send(clinic, conversation_id, text)
        assert refused.value.reason == reason
    await conversations.close(await clinic.user(), conversation_id)
    with pytest.raises(Refused) as refused:
        await send(clinic, conversation_id)
    assert refused.value.reason == "closed"
    assert n8n.requests == []


async def test_a_clinic_cannot_send_into_another_clinics_conversation(n8n, app_env):
    victim, conversation_id = await connected_clinic(n8n)
    intruder = await new_clinic("Clínica Intrusa")

    with pytest.raises(Refused) as refused:
        await send(intruder, conversation_id)
    assert refused.value.reason == "not_found"
    # Even naming the other company outright: RLS refuses the row.
    thread = (await (await service_client()).table("conversation_threads").select("client_id")
              .eq("id", conversation_id).execute()).data[0]
    with pytest.raises(APIError):
        await (await intruder.user()).table("interactions").insert({
            "company_id": victim.company_id, "conversation_id": conversation_id,
            "client_id": thread["client_id"], "channel": "whatsapp", "direction": "outbound",
            "content": "spam", "status": "queued"}).execute()
    page = await conversations.messages(await victim.user(), conversation_id)
    assert [row["direction"] for row in page.rows] == ["inbound"]
