"""Finding 2 end to end: replies go only where the outbound policy allows, to the address that
was checked, never through a redirect, and what n8n answers is never stored or shown."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from dataclasses import replace

from omni_app import services
from omni_app.domain import integrations, outbound
from omni_app.domain.refusals import Refused
from omni_app.domain.outbound_policy import OutboundPolicy
from tests.app.conftest import deliver_queued, service_client
from tests.app.test_outbound import connected_clinic, fast_retries, n8n, send, stored

__all__ = ["fast_retries", "n8n"]  # fixtures used here


async def queued_reply(clinic, conversation_id: str) -> str:
    """A reply recorded `queued` (its job waits for a worker; the test delivers it itself)."""
    user = await clinic.user()
    return (await user.rpc("queue_outbound_message", {
        "p_conversation_id": conversation_id, "p_content": "Confirmado!"}).execute()).data["id"]


async def point_at(clinic, url: str) -> None:
    """An outbound URL stored as a database row (as one saved before the policy existed)."""
    await (await service_client()).table("integrations").update({"outbound_url": url}) \
        .eq("company_id", clinic.company_id).eq("channel", "whatsapp").execute()


async def test_an_internal_address_is_refused_when_saved(n8n, app_env, app_lb):
    clinic, _ = await connected_clinic(n8n)
    rest_api = urlsplit(app_lb.url)
    production = OutboundPolicy.create(production=True)
    for url, reason in ((f"https://127.0.0.1:{rest_api.port}/rest/v1/", "url_private"),
                        (f"http://127.0.0.1:{rest_api.port}/rest/v1/", "url_https"),
                        ("https://169.254.169.254/latest/meta-data/", "url_private")):
        with pytest.raises(Refused) as refused:
            await integrations.set_outbound_url(await clinic.user(), clinic.actor, "whatsapp",
                                                url, production)
        assert refused.value.reason == reason


async def test_an_internal_address_is_refused_again_when_sending(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    await point_at(clinic, "http://169.254.169.254/latest/meta-data/iam/")

    row = await send(clinic, conversation_id)
    await deliver_queued()

    failed = await stored(clinic.company_id, row["id"])
    assert failed["status"] == "failed"
    assert failed["error"] == "the n8n outbound URL is not allowed (url_private)"
    assert n8n.requests == []


async def test_what_n8n_answers_is_never_stored(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    n8n.answer_next(10, 500, {"leak": "postgres password hunter2"})

    row = await send(clinic, conversation_id)
    await deliver_queued()

    failed = await stored(clinic.company_id, row["id"])
    attempts = services.current().delivery.rules.attempts
    assert failed["error"] == f"n8n answered HTTP 500 (after {attempts} attempts)"
    assert "hunter2" not in str(failed)


async def test_redirects_are_not_followed(n8n, app_env, app_lb):
    clinic, conversation_id = await connected_clinic(n8n)
    n8n.answer_next(1, 302, {}, headers={"Location": f"{app_lb.url}/rest/v1/clients"})

    row = await send(clinic, conversation_id)
    await deliver_queued()

    assert (await stored(clinic.company_id, row["id"]))["error"] == "n8n answered HTTP 302"
    assert len(n8n.requests) == 1


async def test_the_connection_goes_to_the_address_that_was_checked(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    port = urlsplit(n8n.url).port
    await point_at(clinic, f"http://n8n.clinic.test:{port}/webhook/omni-outbound")
    answers = {"n8n.clinic.test": ["127.0.0.1"]}

    async def dns(host: str, port: int) -> list[str]:
        return answers[host]

    delivery = replace(services.current().delivery,
                       allowed=OutboundPolicy.create(production=False, resolver=dns))
    first = await queued_reply(clinic, conversation_id)
    assert await outbound.deliver(await service_client(), clinic.company_id, first,
                                  delivery) == "sent"
    [request] = n8n.requests
    assert request.headers["host"] == f"n8n.clinic.test:{port}" and request.signature_ok

    # The name now answers with an internal address (DNS rebinding): checked again, refused.
    answers["n8n.clinic.test"] = ["169.254.169.254"]
    second = await queued_reply(clinic, conversation_id)
    assert await outbound.deliver(await service_client(), clinic.company_id, second,
                                  delivery) == "failed"
    assert len(n8n.requests) == 1


async def test_local_mode_still_reaches_a_local_n8n(n8n, app_env):
    clinic, conversation_id = await connected_clinic(n8n)
    assert services.current().outbound_policy.allow_loopback
    row = await send(clinic, conversation_id)
    await deliver_queued()
    assert (await stored(clinic.company_id, row["id"]))["status"] == "sent"
