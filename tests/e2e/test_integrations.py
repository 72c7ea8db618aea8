"""Settings → Integrations in Chromium: the admin generates a secret (on show until dismissed,
whatever else is saved), each save answers beside its form, the n8n workflows download; staff
are sent away. Instagram, so the inbox tests' WhatsApp delivery setup is left alone."""
from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend


def open_as_admin(page: Page) -> None:
    sign_in(page, "admin@demo.clinic", "omni-demo-admin", "/settings/integrations")
    page.wait_for_url("**/settings/integrations**")
    wait_for_backend(page)


def test_admin_generates_a_secret_and_enables_instagram(page: Page):
    open_as_admin(page)
    page.click("#integration-instagram-rotate")
    secret = page.locator("#integration-instagram-secret")
    expect(secret).to_be_visible()
    value = secret.inner_text().strip()
    assert len(value) >= 43
    expect(page.locator("#integration-instagram-webhook-url")).to_contain_text(
        "/webhooks/instagram?integration=")
    page.click("#integration-instagram-status")
    expect(page.locator("#integration-instagram-status")).to_have_attribute("data-state", "checked")
    expect(page.locator("#integration-instagram-status-saved")).to_be_visible()
    # The cloud metadata address is no place to send patients' messages (SSRF).
    page.fill("#integration-instagram-outbound-url", "http://169.254.169.254/latest/meta-data")
    page.click("#integration-instagram-outbound-save")
    refused = page.locator("#integration-instagram-outbound-error")
    expect(refused).to_contain_text("endereço interno ou privado")
    expect(refused).to_be_in_viewport()
    page.fill("#integration-instagram-outbound-url", "http://localhost:5678/webhook/abc")
    page.click("#integration-instagram-outbound-save")
    expect(page.locator("#integration-instagram-outbound-saved")).to_be_in_viewport()
    expect(page.locator("#integration-instagram-outbound-error")).to_have_count(0)
    expect(page.locator("#integration-instagram-status-saved")).to_have_count(0)
    # Everything saved meanwhile left the new secret on show, until the admin dismisses it.
    expect(secret).to_have_text(value)
    expect(page.locator("#integration-instagram-secret-copy")).to_have_attribute(
        "aria-label", "Copiar")
    page.click("#integration-instagram-secret-hide")
    expect(secret).to_have_count(0)
    expect(page.locator("#integration-instagram")).to_contain_text("••••" + value[-4:])
    page.reload()
    wait_for_backend(page)
    expect(page.locator("#integration-instagram-outbound-url")).to_have_value(
        "http://localhost:5678/webhook/abc")
    assert value not in page.content()


def test_a_secret_survives_a_save_in_another_card_and_the_workflows_download(page: Page):
    open_as_admin(page)
    page.click("#integration-instagram-rotate")
    value = page.locator("#integration-instagram-secret").inner_text().strip()
    page.fill("#integration-whatsapp-credential-name", "e2e_token")
    page.fill("#integration-whatsapp-credential-value", "e2e-token-value-1234")
    page.click("#integration-whatsapp-credential-save")
    expect(page.locator("#integration-whatsapp-credentials-saved")).to_be_in_viewport()
    expect(page.locator("#integration-instagram-secret")).to_have_text(value)

    page.locator("#integration-instagram").get_by_text("Receita para o n8n").click()
    expect(page.locator("#integration-instagram-recipe-verify")).to_contain_text(
        "Confere que o pedido veio do Omni")
    expect(page.locator("#integration-instagram-recipe-reply")).to_contain_text(
        "Idempotency-Key")
    files = {}
    for direction, first_node in (("inbound", "Provider message"),
                                  ("outbound", "Reply from Omni")):
        with page.expect_download() as started:
            page.click(f"#integration-instagram-workflow-{direction}")
        download = started.value
        assert download.suggested_filename == f"omni-instagram-{direction}.n8n.json"
        text = files[direction] = open(download.path(), encoding="utf-8").read()
        flow = json.loads(text)
        assert first_node in {node["name"] for node in flow["nodes"]}
        assert value not in text and "OMNI_INSTAGRAM_SIGNING_SECRET" in text
    webhook_url = page.locator("#integration-instagram-webhook-url").inner_text().strip()
    assert json.dumps(webhook_url) in files["inbound"]
    page.click("#integration-instagram-secret-hide")


def test_staff_cannot_open_integrations(page: Page):
    sign_in(page, "staff@demo.clinic", "omni-demo-staff", "/settings/integrations")
    expect(page.locator("#whoami-role")).to_be_visible()
    page.wait_for_url(lambda url: "/settings" not in url and "/login" not in url)
    expect(page.locator("#integration-instagram")).to_have_count(0)
