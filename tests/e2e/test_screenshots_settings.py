"""Clinic settings and the audit log photographed for a person to look at
(test-artifacts/screens/): the admin's settings with two intervals on Monday, a problem in the
hours said in words, a logo address that is not https, and the templates summary; the same page
read-only for staff; the audit log with entries. Each checked for content wider than the
screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_clinic_settings import clinic_with_a_team, fill_settings, open_page
from tests.e2e.test_screenshots import VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_settings_and_audit_pages(new_context, app_lb, width, scheme):
    service, company, admin, staff = clinic_with_a_team(app_lb, "Fotos")
    service.table("message_templates").insert([
        {"company_id": company, "name": "lembrete_consulta", "language": "pt_BR",
         "body": "Oi {{1}}", "status": "approved"},
        {"company_id": company, "name": "confirmacao_de_consulta_com_orientacoes_de_preparo",
         "language": "es", "body": "Hola {{1}}", "status": "pending"}]).execute()
    context = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    open_page(page, admin, "/settings/clinic")
    fill_settings(page)
    page.fill("#settings-logo-url", "http://exemplo.com/logo.png")
    expect(page.locator("#settings-logo-note")).to_contain_text("https://")
    expect(page.locator("#hours-problems")).to_be_visible()
    shoot(page, "clinic-settings-admin", width, scheme)
    page.fill("#settings-logo-url", "")
    page.fill("#hours-mon-1-start", "14:00")
    page.click("#settings-save")
    expect(page.locator("#settings-message")).to_be_visible()

    page.goto("/settings/audit")
    expect(page.locator("[data-entry]")).to_have_count(3)
    shoot(page, "audit-log", width, scheme)

    other = new_context(viewport={"width": width, "height": 900},
                        color_scheme=scheme).new_page()
    open_page(other, staff, "/settings/clinic")
    expect(other.locator("#hours-read-mon")).to_contain_text("14:00–18:00")
    shoot(other, "clinic-settings-staff", width, scheme)
