"""The live inbox in Chromium: webhook messages appear without reload, replies go out through a
fake n8n and their ticks follow its status callbacks; another clinic never sees any of it.

Each test makes its own clinics (companies + an admin + an active WhatsApp integration whose
outbound URL is the fake n8n), so the seed clinics stay as they are.
"""
from __future__ import annotations

import json
import re
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import ClinicWithIntegration, against, clinic_with_integration
from omni_app.domain.signing import sign_headers
from tests.fakes.n8n import FakeN8n

ROOT = Path(__file__).resolve().parents[2]
LIVE_WITHIN_MS = 2000


def make_clinic(app_lb, app_server, n8n: FakeN8n) -> ClinicWithIntegration:
    """A clinic whose replies go to `n8n` (which then checks this clinic's signing secret)."""
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="E2E",
                                     outbound_url=n8n.url, with_admin=True)
    n8n.secret = clinic.secret
    return clinic


def post_signed(url: str, secret: str, payload: dict) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    return httpx.post(url, content=body, timeout=10.0,
                      headers={"Content-Type": "application/json", **sign_headers(secret, body)})


def deliver_message(app_url: str, clinic: ClinicWithIntegration, text: str, phone: str) -> dict:
    response = post_signed(f"{app_url}/webhooks/whatsapp?integration={clinic.public_key}",
                           clinic.secret, {
                               "external_message_id": f"wamid.e2e.{uuid.uuid4().hex}",
                               "from": {"phone": phone, "name": "Paciente Ao Vivo"},
                               "text": text,
                               "timestamp": datetime.now(timezone.utc).isoformat()})
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


def open_inbox(page: Page, clinic: ClinicWithIntegration, query: str = "") -> None:
    sign_in(page, clinic.email, clinic.password, start=f"/login?next=/inbox{query}")
    page.wait_for_url(re.compile(r"/inbox"))
    wait_for_backend(page)
    expect(page.locator("#inbox-search")).to_be_visible()


@pytest.fixture
def n8n():
    with FakeN8n() as fake:
        yield fake


def test_a_webhook_message_reaches_open_inboxes_of_its_clinic_only(
        page: Page, new_context, app_server, app_lb, n8n):
    clinic = make_clinic(app_lb, app_server, n8n)
    other = make_clinic(app_lb, app_server, n8n)
    colleague = new_context().new_page()
    neighbour = new_context().new_page()
    open_inbox(page, clinic)
    open_inbox(colleague, clinic)
    open_inbox(neighbour, other)
    expect(page.locator("#inbox-empty")).to_be_visible()

    posted = time.monotonic()
    result = deliver_message(app_server.url, clinic, "Oi! Posso remarcar?", "+5511987650001")
    row = f"#conversation-{result['conversation_id']}"

    for tab in (page, colleague):
        expect(tab.locator(row)).to_be_visible(timeout=LIVE_WITHIN_MS)
        expect(tab.locator(row)).to_contain_text("Oi! Posso remarcar?")
    sys.stderr.write(f"\n[e2e] webhook-to-screen (both tabs): "
                     f"{time.monotonic() - posted:.2f} s\n")
    expect(page.locator(f"#unread-{result['conversation_id']}")).to_have_text("1")

    # Opening it on one tab marks it read, and the other tab follows.
    page.click(row)
    expect(page.locator(f"#message-{result['interaction_id']}")).to_contain_text("Posso remarcar")
    expect(colleague.locator(f"#unread-{result['conversation_id']}")).to_have_count(0)

    neighbour.wait_for_timeout(500)  # time for a misdirected push to land, if there were one
    expect(neighbour.locator(row)).to_have_count(0)
    expect(neighbour.locator("#inbox-empty")).to_be_visible()
    assert "Posso remarcar" not in neighbour.content()


def test_a_reply_is_queued_at_once_then_follows_n8n_to_delivered(
        page: Page, app_server, app_lb, n8n):
    clinic = make_clinic(app_lb, app_server, n8n)
    first = deliver_message(app_server.url, clinic, "Bom dia, tem horário?", "+5511987650002")
    open_inbox(page, clinic, f"?c={first['conversation_id']}")
    expect(page.locator(f"#message-{first['interaction_id']}")).to_be_visible()
    expect(page.locator("#window-warning")).to_have_count(0)

    composer = page.locator("#composer")
    composer.fill("Bom dia!")
    composer.press("Shift+Enter")
    composer.type("Temos às 10h.")
    assert n8n.requests == []
    n8n.stall_next(1, seconds=1.5)  # n8n takes its time: the reply must show queued meanwhile
    composer.press("Enter")

    queued = page.locator('#message-area [data-status="queued"]')
    expect(queued).to_have_count(1, timeout=1000)
    expect(composer).to_have_value("")
    [request] = n8n.wait_for(1)
    assert request.signature_ok
    sent = request.json
    assert sent["text"] == "Bom dia!\nTemos às 10h."
    assert sent["to"] == {"phone": "+5511987650002", "name": "Paciente Ao Vivo"}
    status = page.locator(f"#message-status-{sent['interaction_id']}")
    expect(page.locator(f"#message-{sent['interaction_id']}")).to_contain_text("Temos às 10h.")
    expect(status).to_have_attribute("data-status", "sent", timeout=5000)

    callback = post_signed(sent["callback_url"], clinic.secret, {
        "interaction_id": sent["interaction_id"], "status": "delivered",
        "timestamp": datetime.now(timezone.utc).isoformat()})
    assert callback.status_code == 200, callback.text
    expect(status).to_have_attribute("data-status", "delivered", timeout=LIVE_WITHIN_MS)
    expect(status).to_have_text("✓✓")


def test_a_failed_reply_shows_the_error_and_retries(page: Page, app_server, app_lb, n8n):
    clinic = make_clinic(app_lb, app_server, n8n)
    first = deliver_message(app_server.url, clinic, "Olá", "+5511987650003")
    open_inbox(page, clinic, f"?c={first['conversation_id']}")
    n8n.fail_next(1, status=400)  # a refusal, not an outage: fails at once

    page.fill("#composer", "Confirmado para amanhã")
    page.click("#send")

    [request] = n8n.wait_for(1)
    interaction_id = request.json["interaction_id"]
    status = page.locator(f"#message-status-{interaction_id}")
    expect(status).to_have_attribute("data-status", "failed", timeout=5000)
    expect(page.locator(f"#message-error-{interaction_id}")).to_have_text("O n8n recusou (400).")
    detail = page.locator(f"#message-error-detail-{interaction_id}")
    expect(detail).not_to_contain_text("n8n answered", use_inner_text=True)   # folded away
    detail.locator("summary").click()
    expect(detail).to_contain_text("n8n answered HTTP 400", use_inner_text=True)
    failed_marker = page.locator(f"#failed-{first['conversation_id']}")
    expect(failed_marker).to_be_visible()
    page.click(f"#retry-{interaction_id}")
    expect(status).to_have_attribute("data-status", "sent", timeout=5000)
    expect(failed_marker).to_have_count(0)
    assert len(n8n.wait_for(2)) == 2 and n8n.bad_signatures == 0

