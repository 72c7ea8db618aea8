"""Settings → Integrations in Chromium: the admin generates a secret (shown once), staff are
sent away. Instagram, so the inbox tests' WhatsApp delivery setup is left alone."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend


def test_admin_generates_a_secret_and_enables_instagram(page: Page):
    sign_in(page, "admin@demo.clinic", "omni-demo-admin", "/settings/integrations")
    page.wait_for_url("**/settings/integrations**")
    wait_for_backend(page)
    page.click("#integration-instagram-rotate")
    secret = page.locator("#integration-instagram-secret")
    expect(secret).to_be_visible()
    value = secret.inner_text().strip()
    page.locator("#integration-instagram").get_by_text("Receita para o n8n").click()
    expect(page.locator("#integration-instagram-recipe-http")).to_be_visible()
    assert len(value) >= 43
    expect(page.locator("#integration-instagram-webhook-url")).to_contain_text(
        "/webhooks/instagram?integration=")
    page.click("#integration-instagram-status")
    expect(page.locator("#integration-instagram-status")).to_have_attribute("data-state", "checked")
    expect(page.locator("#integration-instagram-secret")).to_have_count(0)
    expect(page.locator("#integration-instagram")).to_contain_text("••••" + value[-4:])
    # The cloud metadata address is no place to send patients' messages (SSRF).
    page.fill("#integration-instagram-outbound-url", "http://169.254.169.254/latest/meta-data")
    page.click("#integration-instagram-outbound-save")
    expect(page.locator("#integrations-error")).to_contain_text("endereço interno ou privado")
    page.fill("#integration-instagram-outbound-url", "http://localhost:5678/webhook/abc")
    page.click("#integration-instagram-outbound-save")
    expect(page.locator("#integrations-message")).to_be_visible()
    expect(page.locator("#integrations-error")).to_have_count(0)
    page.reload()
    wait_for_backend(page)
    expect(page.locator("#integration-instagram-outbound-url")).to_have_value(
        "http://localhost:5678/webhook/abc")
    assert value not in page.content()


def test_staff_cannot_open_integrations(page: Page):
    sign_in(page, "staff@demo.clinic", "omni-demo-staff", "/settings/integrations")
    expect(page.locator("#whoami-role")).to_be_visible()
    page.wait_for_url(lambda url: "/settings" not in url and "/login" not in url)
    expect(page.locator("#integration-instagram")).to_have_count(0)
