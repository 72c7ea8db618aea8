"""Clinic settings and the audit log in Chromium: an admin changes the clinic's name, contact,
time zone and Monday's hours at /settings/clinic (a problem in the hours said in words first);
a staff member sees the same settings read-only; the admin filters the audit log by action and
reads the change in words."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

DESK = {"width": 1280, "height": 900}


def clinic_with_a_team(app_lb, label: str = "Ajustes"):
    """(service, company, admin, staff)."""
    service = service_role(app_lb)
    company = new_company(service, label)
    admin = new_member(service, company, role="admin", label=label, full_name="Ana Admin")
    staff = new_member(service, company, role="staff", label=label, full_name="Bia Recepção")
    return service, company, admin, staff


def open_page(page: Page, member, path: str) -> None:
    sign_in(page, member.email, member.password, start=f"/login?next={path}")
    page.wait_for_url(re.compile(rf"{path}/?$"))
    wait_for_backend(page)


def fill_settings(page: Page) -> None:
    page.fill("#settings-name", "Clínica Aurora Centro")
    page.fill("#settings-contact-email", "contato@aurora.com.br")
    page.fill("#settings-contact-phone", "(41) 98888-7777")
    page.fill("#settings-address", "Rua das Flores, 10\nCuritiba - PR, 80000-000")
    page.fill("#settings-timezone-search", "Manaus")
    expect(page.locator("#settings-timezone option[value='America/Manaus']")).to_have_count(1)
    page.select_option("#settings-timezone", "America/Manaus")
    page.click("#hours-mon-add")
    expect(page.locator("#hours-mon-0-start")).to_have_value("08:00")
    page.click("#hours-mon-add")
    page.fill("#hours-mon-1-start", "11:00")
    page.fill("#hours-mon-1-end", "18:00")


def test_an_admin_saves_the_settings_and_staff_see_them_read_only(new_context, app_lb):
    _, _, admin, staff = clinic_with_a_team(app_lb)
    page = new_context(viewport=DESK).new_page()
    open_page(page, admin, "/settings/clinic")
    expect(page.locator("#side-nav-settings-clinic")).to_be_visible()
    expect(page.locator("#side-nav-settings-audit")).to_be_visible()
    fill_settings(page)
    page.fill("#settings-logo-url", "http://exemplo.com/logo.png")
    expect(page.locator("#settings-logo-note")).to_have_text(
        "O logo precisa ser um endereço que comece com https://.")
    page.fill("#settings-logo-url", "https://127.0.0.1:9/logo.png")   # nothing answers there
    expect(page.locator("#settings-logo-note")).to_have_text(
        "Não foi possível carregar a imagem desse endereço.")
    page.fill("#settings-logo-url", "")
    expect(page.locator("#settings-logo-note")).to_have_text("Sem logo")
    expect(page.locator("#hours-problems")).to_have_text(
        "Segunda: 11:00–18:00 se sobrepõe a 08:00–12:00.")
    page.click("#settings-save")
    expect(page.locator("#settings-error")).to_have_text(
        "No horário de funcionamento, os intervalos de um dia não podem se sobrepor.")
    page.fill("#hours-mon-1-start", "14:00")
    expect(page.locator("#hours-problems")).to_have_count(0)
    page.click("#settings-save")
    expect(page.locator("#settings-message")).to_have_text("Configurações salvas.")
    expect(page.locator("#whoami-clinic")).to_have_text("Clínica Aurora Centro")
    expect(page.locator("#settings-contact-phone")).to_have_value("+5541988887777")

    other = new_context(viewport=DESK).new_page()
    open_page(other, staff, "/settings/clinic")
    expect(other.locator("#side-nav-settings-clinic")).to_be_visible()
    expect(other.locator("#side-nav-settings-audit")).to_have_count(0)
    expect(other.locator("#settings-read-only")).to_be_visible()
    expect(other.locator("#settings-save")).to_have_count(0)
    expect(other.locator("#settings-name")).to_have_value("Clínica Aurora Centro")
    expect(other.locator("#settings-name")).to_have_attribute("readonly", "")
    expect(other.locator("#settings-contact-email")).to_have_value("contato@aurora.com.br")
    expect(other.locator("#settings-timezone-read")).to_have_value(re.compile("Manaus"))
    expect(other.locator("#hours-read-mon")).to_contain_text("08:00–12:00, 14:00–18:00")
    expect(other.locator("#hours-read-tue")).to_contain_text("Fechado")
    expect(other.locator("#hours-mon-add")).to_have_count(0)
    other.goto("/settings/audit")
    other.wait_for_url(re.compile(r"/\?notice=admin_only$"))


def test_an_admin_filters_the_audit_log(new_context, app_lb):
    service, company, admin, _ = clinic_with_a_team(app_lb, "Registro")
    service.table("message_templates").insert(
        {"company_id": company, "name": "lembrete", "language": "pt_BR", "body": "Oi {{1}}",
         "status": "approved"}).execute()
    page = new_context(viewport=DESK).new_page()
    open_page(page, admin, "/settings/clinic")
    expect(page.locator("#settings-templates")).to_contain_text("lembrete")
    page.fill("#settings-name", "Clínica Registrada")
    page.click("#settings-save")
    expect(page.locator("#settings-message")).to_have_text("Configurações salvas.")

    page.click("#side-nav-settings-audit")
    page.wait_for_url(re.compile(r"/settings/audit/?$"))
    entries = page.locator("[data-entry]")
    expect(entries).to_have_count(2)      # the template, then the settings
    expect(entries.first).to_contain_text("Configurações da clínica salvas")
    expect(entries.first).to_contain_text("nome: Clínica Registro")
    expect(entries.first).to_contain_text("→ Clínica Registrada")
    expect(entries.first).to_contain_text("Ana Admin")
    page.click("#audit-action")
    page.get_by_role("option", name="Modelo de mensagem criado").click()
    page.click("#audit-apply")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Modelo de mensagem criado")
    expect(entries.first).to_contain_text("nome: lembrete")
    expect(entries.first).to_contain_text("Sistema")
    page.fill("#audit-since", "2020-01-01")
    page.fill("#audit-until", "2020-01-31")
    page.click("#audit-apply")
    expect(page.locator("#audit-empty")).to_be_visible()
    page.click("#audit-clear")
    expect(entries).to_have_count(2)
    expect(page.locator("#audit-older")).to_be_disabled()
