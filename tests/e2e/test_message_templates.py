"""Message templates in Chromium: an admin adds one at /settings/templates (with the live
preview) and approves it; on a client whose last WhatsApp message is 30 hours old, a staff member
clicks "Enviar mensagem" on the profile, gets the template dialog instead of the conversation,
fills the variable and sends: the inbox opens on the conversation with the template's text."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, patient_message, service_role

DESK = {"width": 1280, "height": 900}
BODY = "Olá {{1}}! Sua limpeza está marcada. Responda SIM para confirmar."


def clinic_with_a_quiet_client(app_lb, label: str = "Modelos"):
    """(service, company, admin, staff, client id, conversation id): the client last wrote 30
    hours ago, so WhatsApp's window is closed."""
    service = service_role(app_lb)
    company = new_company(service, label)
    admin = new_member(service, company, role="admin", label=label, full_name="Ana Admin")
    staff = new_member(service, company, role="staff", label=label, full_name="Bia Recepção")
    wrote = service.rpc("ingest_inbound_message", patient_message(
        company, "Posso remarcar?", phone="+5521988887777", name="Rita Lima",
        occurred_at=datetime.now(timezone.utc) - timedelta(hours=30))).execute().data
    client = service.table("conversation_threads").select("client_id") \
        .eq("id", wrote["conversation_id"]).execute().data[0]["client_id"]
    return service, company, admin, staff, client, wrote["conversation_id"]


def add_template(page: Page, name: str, language: str, body: str) -> None:
    page.fill("#template-name", name)
    page.fill("#template-language", language)
    page.fill("#template-body", body)


def test_admin_adds_a_template_and_staff_send_it_from_the_profile(new_context, app_lb):
    _, _, admin, staff, client, thread = clinic_with_a_quiet_client(app_lb)
    page = new_context(viewport=DESK).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/settings/templates")
    page.wait_for_url(re.compile(r"/settings/templates/?$"))
    wait_for_backend(page)
    expect(page.locator("#side-nav-settings-templates")).to_be_visible()
    expect(page.locator("#templates-empty")).to_be_visible()
    add_template(page, "Lembrete Limpeza", "pt-BR", BODY)
    expect(page.locator("#template-preview")).to_have_text(
        "Olá exemplo 1! Sua limpeza está marcada. Responda SIM para confirmar.")
    expect(page.locator("#template-preview-note")).to_have_text("1 variável(is)")
    page.click("#template-save")
    expect(page.locator("#templates-message")).to_have_text(
        "Modelo lembrete_limpeza (pt_BR) salvo.")
    expect(page.locator("#template-lembrete_limpeza-pt_BR")).to_have_text("lembrete_limpeza")
    page.click("#status-lembrete_limpeza-pt_BR")
    page.get_by_role("option", name="Aprovado").click()
    expect(page.locator("#templates-message")).to_have_text(
        "Status de lembrete_limpeza (pt_BR): Aprovado.")
    add_template(page, "lembrete_limpeza", "pt_BR", "Outro texto")
    page.click("#template-save")
    expect(page.locator("#templates-error")).to_have_text(
        "Já existe um modelo com esse nome nesse idioma.")

    staff_page = new_context(viewport=DESK).new_page()
    sign_in(staff_page, staff.email, staff.password, start=f"/login?next=/clients/{client}")
    staff_page.wait_for_url(re.compile(rf"/clients/{client}/?$"))
    wait_for_backend(staff_page)
    expect(staff_page.locator("#profile-name")).to_have_text("Rita Lima")
    expect(staff_page.locator("#side-nav-settings-templates")).to_have_count(0)
    staff_page.click("#profile-send")
    dialog = staff_page.locator("#template-dialog")
    expect(dialog).to_be_visible()
    expect(staff_page.locator("#template-choice")).to_contain_text("lembrete_limpeza (pt_BR)")
    staff_page.fill("#template-variable-1", "Rita")
    rendered = "Olá Rita! Sua limpeza está marcada. Responda SIM para confirmar."
    expect(staff_page.locator("#template-rendered")).to_have_text(rendered)
    staff_page.click("#template-send")
    staff_page.wait_for_url(re.compile(rf"/inbox/{thread}/?$"))
    expect(staff_page.locator("#message-area")).to_contain_text(rendered)
    expect(staff_page.locator("#message-area")).to_contain_text("Posso remarcar?")

    staff_page.goto("/settings/templates")            # staff are sent home
    staff_page.wait_for_url(re.compile(r"/\?notice=admin_only"))
