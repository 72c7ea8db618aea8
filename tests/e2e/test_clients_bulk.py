"""Bulk actions and owners on /clients in Chromium at desk and phone widths: two clients ticked,
tagged and moved to another stage at once (each move in the stage history); an owner chosen in
the dialog, shown in the row, and the list filtered by them."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.clinics import new_member, service_role
from tests.e2e.test_clients import DESK, PHONE, clinic_with_clients, names, open_clients

PEOPLE = [("João Gonçalves", "+5511987654321", []), ("Maria Figueiredo", "+5521999990000", []),
          ("Zé", "+5541988887777", ["vip"])]


def row(page: Page, name: str):
    return page.locator("#client-list > div").filter(has=page.get_by_text(name, exact=True))


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1280", "390"])
def test_tag_and_move_two_clients_then_own_and_filter(new_context, app_lb, viewport):
    company, login = clinic_with_clients(app_lb, PEOPLE)
    service = service_role(app_lb)
    new_member(service, company, label="Dona", full_name="Bruna Carvalho")
    page = new_context(viewport=viewport).new_page()
    open_clients(page, login)
    expect(names(page)).to_have_count(3)
    expect(page.locator("#bulk-bar")).to_have_count(0)

    for name in ("João Gonçalves", "Maria Figueiredo"):
        row(page, name).locator("[id^=client-select-]").click()
    expect(page.locator("#bulk-count")).to_have_text("2 selecionados")
    page.fill("#bulk-tag", "campanha")
    page.click("#bulk-tag-add")
    expect(page.locator("#clients-message")).to_have_text(
        "Etiqueta campanha adicionada a 2 clientes.")
    expect(page.locator("#bulk-bar")).to_have_count(0)           # selection cleared
    for name in ("João Gonçalves", "Maria Figueiredo"):
        expect(row(page, name)).to_contain_text("campanha")
    expect(row(page, "Zé")).not_to_contain_text("campanha")

    for name in ("João Gonçalves", "Maria Figueiredo"):
        row(page, name).locator("[id^=client-select-]").click()
    page.click("#bulk-stage")
    page.get_by_role("option", name="Qualificado").click()
    expect(page.locator("#clients-message")).to_have_text("2 clientes movidos para Qualificado.")
    for name in ("João Gonçalves", "Maria Figueiredo"):
        expect(row(page, name)).to_contain_text("Qualificado")
    expect(row(page, "Zé")).to_contain_text("Novo lead")
    moved = service.table("pipeline_stage_changes").select("client_id").eq(
        "company_id", company).eq("to_stage", "qualified").execute().data
    assert len({change["client_id"] for change in moved}) == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    row(page, "Zé").locator("[id^=client-edit-]").click()
    page.click("#client-owner")
    page.get_by_role("option", name="Bruna Carvalho").click()
    page.click("#client-save")
    expect(page.locator("#clients-message")).to_have_text("Alterações de Zé salvas.")
    expect(row(page, "Zé").locator("[id^=client-owner-]")).to_have_text("Bruna C.")

    page.click("#clients-owner")
    page.get_by_role("option", name="Bruna Carvalho").click()
    expect(names(page)).to_have_count(1)
    expect(names(page).first).to_have_text("Zé")
    page.click("#clients-owner")
    page.get_by_role("option", name="Sem responsável").click()
    expect(names(page)).to_have_count(2)

    page.click("#clients-owner")
    page.get_by_role("option", name="Qualquer responsável").click()
    expect(names(page)).to_have_count(3)

    # The profile's header shows the owner and changes it at once, saying so.
    row(page, "Zé").locator("[id^=client-name-]").click()
    expect(page.locator("#profile-owner")).to_have_text("Bruna Carvalho")
    page.click("#profile-owner")
    page.get_by_role("option", name="Ninguém").click()
    expect(page.locator("#profile-message")).to_have_text(
        "Este cliente está sem responsável agora.")
    expect(page.locator("#profile-owner")).to_have_text("Ninguém")
