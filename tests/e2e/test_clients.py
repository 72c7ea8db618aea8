"""The clients page in Chromium at desk and phone widths: a client found by a fragment of the
phone, created (after a refused CPF), edited and tagged; the page never wider than the screen;
another clinic's clients never shown."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
PEOPLE = [("João Gonçalves", "+5511987654321", ["implante"]),
          ("Maria José da Conceição Gonçalves de Albuquerque Figueiredo", "+5521999990000",
           ["retorno", "vip"]),
          ("Zé", "+5541988887777", []), ("Ana Lima", None, ["vip"])]


def clinic_with_clients(app_lb, people=PEOPLE, extra: int = 0) -> tuple[str, tuple[str, str]]:
    service = service_role(app_lb)
    company = new_company(service, "Clientes")
    member = new_member(service, company, role="staff", label="Clientes")
    rows = [{"company_id": company, "full_name": name, "phone": phone, "tags": tags,
             "source_channel": "whatsapp", "email": None} for name, phone, tags in people]
    rows += [{"company_id": company, "full_name": f"Paciente {i:03d}",
              "phone": f"+55119{i:08d}", "tags": [], "source_channel": "instagram",
              "email": f"paciente{i}@exemplo.com"} for i in range(extra)]
    if rows:
        service.table("clients").insert(rows).execute()
    return company, (member.email, member.password)


def open_clients(page: Page, login: tuple[str, str]) -> None:
    sign_in(page, *login, start="/login?next=/clients")
    page.wait_for_url(re.compile(r"/clients"))
    wait_for_backend(page)


def names(page: Page):
    return page.locator("#client-list [id^=client-name-]")


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1280", "390"])
def test_find_create_edit_and_tag_a_client(new_context, app_lb, viewport):
    clinic_with_clients(app_lb)                      # another clinic, never shown
    _, login = clinic_with_clients(app_lb, extra=60)
    page = new_context(viewport=viewport).new_page()
    open_clients(page, login)
    expect(page.locator("#clients-total")).to_have_text("64 clientes")
    expect(names(page)).to_have_count(50)
    page.locator("#clients-more").scroll_into_view_if_needed()     # loads by itself
    expect(names(page)).to_have_count(64)

    page.fill("#clients-search", "8765-43")          # a fragment of the phone
    expect(names(page)).to_have_count(1)
    expect(names(page).first).to_have_text("João Gonçalves")
    expect(page.locator("#client-list")).to_contain_text("(11) 98765-4321")
    page.fill("#clients-search", "goncalves")        # without the cedilla
    expect(names(page)).to_have_count(2)
    page.fill("#clients-search", "")
    expect(names(page)).to_have_count(50)

    page.click("#client-new")
    page.fill("#client-name", "Beatriz Nogueira")
    page.fill("#client-phone", "+55 11 9 1234 5678")
    page.fill("#client-cpf", "123.456.789-00")
    page.fill("#client-tags", "clareamento")
    page.click("#client-source")
    page.get_by_role("option", name="Indicação").click()
    page.click("#client-save")
    expect(page.locator("#client-error")).to_contain_text("CPF inválido")
    expect(page.locator("#client-name")).to_have_value("Beatriz Nogueira")   # kept
    page.fill("#client-cpf", "529.982.247-25")
    page.click("#client-save")
    expect(page.locator("#client-dialog")).to_have_count(0)
    expect(page.locator("#clients-message")).to_have_text("Beatriz Nogueira foi cadastrado(a).")
    expect(page.locator("#clients-total")).to_have_text("65 clientes")
    page.fill("#clients-search", "1234-5678")
    expect(names(page)).to_have_count(1)
    row = page.locator("#client-list > div").first
    expect(row).to_contain_text("(11) 91234-5678")
    expect(row).to_contain_text("clareamento")
    expect(row).to_contain_text("Indicação")
    expect(row).not_to_contain_text("529")                      # the CPF is never listed

    row.locator("[id^=client-edit-]").click()
    expect(page.locator("#client-name")).to_have_value("Beatriz Nogueira")
    expect(page.locator("#client-dialog")).to_contain_text("***.***.***-25")
    page.fill("#client-tags", "clareamento, vip")
    page.click("#client-save")
    expect(page.locator("#clients-message")).to_have_text("Alterações de Beatriz Nogueira salvas.")
    expect(row).to_contain_text("vip")
    expect(row).to_contain_text("Indicação")                   # untouched fields are kept
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_clients_is_in_every_members_navigation(new_context, app_lb):
    _, login = clinic_with_clients(app_lb, people=[])
    page = new_context(viewport=DESK).new_page()
    sign_in(page, *login, start="/login?next=/")
    wait_for_backend(page)
    page.click("#side-nav-clients")
    page.wait_for_url(re.compile(r"/clients$"))
    expect(page.locator("#clients-empty")).to_be_visible()
