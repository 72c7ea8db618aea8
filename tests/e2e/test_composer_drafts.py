"""Unsent replies in Chromium: a member disabled while typing lands on the sign-in page told
why, and finds the reply still typed after signing in again; a sent reply's draft is gone; signing
out forgets this browser's drafts."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import against, clinic_with_integration, new_member, patient_message
from tests.e2e.test_team_protections import member_row

DISABLED_TEXT = "Sua conta foi desativada por um administrador."
DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('omni-draft:')).length"


def first_conversation(page: Page):
    return page.locator("#conversation-list [id^=conversation-]").first


def test_a_member_disabled_mid_reply_is_told_why_and_keeps_the_reply(page: Page, new_context,
                                                                    app_lb, app_server):
    service, keyring = against(app_lb, app_server.master_key)
    clinic = clinic_with_integration(service, keyring, label="Rascunho", with_admin=True)
    service.rpc("ingest_inbound_message",
                patient_message(clinic.company_id, "Bom dia!", name="Paciente Rascunho")
                ).execute()
    member = new_member(service, clinic.company_id, label="Rascunho",
                        full_name="Beatriz Recepção")
    sign_in(page, member.email, member.password, start="/login?next=/inbox")
    page.wait_for_url("**/inbox**")
    wait_for_backend(page)
    first_conversation(page).click()
    reply = "Olá! Posso confirmar sua consulta para amanhã às 9h?"
    page.fill("#composer", reply)

    admin = new_context().new_page()
    sign_in(admin, clinic.email, clinic.password, start="/login?next=/team")
    admin.wait_for_url("**/team**")
    wait_for_backend(admin)
    member_row(admin, member.email).locator(".member-disable").click()
    admin.click("#confirm-disable")
    expect(member_row(admin, member.email)).to_contain_text("Desativado")

    page.click("#send")
    page.wait_for_url(re.compile(r"/login\?.*reason=disabled"))
    expect(page.locator("#login-reason")).to_have_text(DISABLED_TEXT)

    member_row(admin, member.email).locator(".member-enable").click()
    expect(member_row(admin, member.email)).to_contain_text("Ativo")
    page.fill("#email", member.email)
    page.fill("#password", member.password)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/inbox(/[0-9a-f-]{36})?/?$"))   # back where they were
    wait_for_backend(page)
    first_conversation(page).click()
    expect(page.locator("#composer")).to_have_value(reply)

    page.click("#send")
    expect(page.locator("#message-area")).to_contain_text(reply)
    page.wait_for_function(f"() => {DRAFTS} === 0")
    page.reload()
    wait_for_backend(page)
    first_conversation(page).click()
    expect(page.locator("#composer")).to_have_value("")


def test_signing_out_forgets_the_drafts_of_this_browser(page: Page, app_lb, app_server):
    service, keyring = against(app_lb, app_server.master_key)
    clinic = clinic_with_integration(service, keyring, label="Esquece", with_admin=True)
    service.rpc("ingest_inbound_message",
                patient_message(clinic.company_id, "Oi", name="Paciente Esquece")).execute()
    sign_in(page, clinic.email, clinic.password, start="/login?next=/inbox")
    page.wait_for_url("**/inbox**")
    wait_for_backend(page)
    first_conversation(page).click()
    page.fill("#composer", "dados do paciente")
    assert page.evaluate(DRAFTS) == 1
    page.click("#logout")
    page.wait_for_url("**/login**")
    assert page.evaluate(DRAFTS) == 0
