"""Issue 10, item 17 in Chromium: "Esqueci minha senha" from the sign-in page to the e-mailed
link (read from localbase's mailbox) and a new password; self sign-up to /onboarding; and the
pages photographed at 1280 and 390 px, light and dark (test-artifacts/screens/)."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_member, service_role
from harness.mailbox import latest_link
from harness.seed import DEMO_COMPANY
from tests.e2e.test_screenshots import VIEWS, shoot


def test_forgot_password_from_the_sign_in_page_to_a_new_password(page: Page, new_context,
                                                                app_lb):
    member = new_member(service_role(app_lb), DEMO_COMPANY, label="Esqueci")
    page.goto("/login")
    page.click("#login-forgot")
    page.wait_for_url("**/forgot**")
    page.fill("#forgot-email", member.email)
    page.click("#forgot-submit")
    expect(page.locator("#forgot-sent")).to_contain_text("Se houver uma conta")
    page.goto(latest_link(app_lb, member.email))
    page.wait_for_url("**/auth/set-password**")
    page.fill("#new-password", "lembrei-agora-1")
    page.fill("#confirm-password", "outra-coisa-1")
    page.click("#set-password-submit")
    expect(page.locator("#set-password-error")).to_have_text("As duas senhas não são iguais.")
    page.fill("#new-password", "lembrei-agora-1")
    page.fill("#confirm-password", "lembrei-agora-1")
    page.click("#set-password-submit")
    expect(page.locator("#home-notice")).to_contain_text("Senha salva")
    expect(page.locator("#whoami-name")).to_be_visible()

    other = new_context().new_page()   # the old password no longer works
    sign_in(other, member.email, member.password)
    expect(other.locator("#login-error")).to_be_visible()


def test_sign_up_in_spanish_leads_to_onboarding(page: Page):
    email = f"duena-{uuid.uuid4().hex[:8]}@nueva.clinic"
    page.goto("/login?lang=es")
    wait_for_backend(page)         # the link carries the language once the page has its state
    page.click("#login-signup")
    page.wait_for_url("**/signup?lang=es")
    expect(page.locator("#signup-submit")).to_have_text("Crear cuenta")
    page.fill("#signup-name", "Dra. Lucía Pérez")
    page.fill("#signup-email", email)
    page.fill("#signup-password", "clinica-propia-1")
    page.fill("#signup-confirm", "clinica-propia-1")
    page.click("#signup-submit")
    page.wait_for_url("**/onboarding**")
    expect(page.locator("#whoami-name")).to_have_text("Dra. Lucía Pérez")
    expect(page.locator("#create-clinic")).to_have_text("Crear clínica")


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_signed_out_account_pages(new_context, app_lb, width, scheme):
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    page.goto("/login")
    expect(page.locator("#login-forgot")).to_be_in_viewport()
    shoot(page, "login", width, scheme)
    page.goto("/signup?error=exists")
    expect(page.locator("#signup-error")).to_be_visible()
    expect(page.locator("#signup-submit")).to_be_in_viewport()
    shoot(page, "signup-refused", width, scheme)
    page.goto("/forgot")
    wait_for_backend(page)
    page.fill("#forgot-email", f"ninguem-{uuid.uuid4().hex[:6]}@foto.clinic")
    page.click("#forgot-submit")
    expect(page.locator("#forgot-sent")).to_be_visible()
    shoot(page, "forgot-sent", width, scheme)
    page.goto("/auth/set-password?token_hash=abc&type=recovery&error=too_short")
    expect(page.locator("#set-password-error")).to_be_visible()
    expect(page.locator("#set-password-submit")).to_be_in_viewport()
    shoot(page, "set-password", width, scheme)
