"""The clients page photographed for a person to look at (test-artifacts/screens/): the list
with long names, tags, stages and owners, the bulk bar over two ticked clients, the edit dialog
with its owner, and the create dialog showing a refusal that links the other client; each
checked for content wider than the screen."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.clinics import new_member, service_role
from tests.e2e.test_clients import clinic_with_clients, open_clients
from tests.e2e.test_screenshots import VIEWS, shoot

PEOPLE = [("João Gonçalves", "+5511987654321", ["implante", "retorno"]),
          ("Maria José da Conceição Gonçalves de Albuquerque Figueiredo", "+5521999990000",
           ["ortodontia", "vip", "pagamento-pendente-parcela-3"]),
          ("Zé", "+5541988887777", []), ("@jújú.estética", None, ["instagram"]),
          ("Ana Lima", "+16502530000", ["vip"])]
STAGES = ["new", "contacted", "qualified", "scheduled", "won"]


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_clients_list_and_create_dialog(new_context, app_lb, width, scheme):
    company, login = clinic_with_clients(app_lb, PEOPLE, extra=12)
    service = service_role(app_lb)
    for index, (name, _, _) in enumerate(PEOPLE):
        service.table("clients").update({
            "pipeline_stage": STAGES[index], "is_lead": STAGES[index] != "won",
            "email": "maria.jose.figueiredo@exemplo-clinica.com.br" if index == 1 else None,
            "last_interaction_at": "2026-11-30T13:00:00+00:00" if index % 2 else None,
        }).eq("company_id", company).eq("full_name", name).execute()
    owner = new_member(service, company, label="Dona", full_name="Bruna Carvalho de Andrade")
    owner_id = service.table("users").select("id").eq("auth_user_id", owner.user_id) \
        .execute().data[0]["id"]
    service.table("clients").update({"owner_id": owner_id}).eq("company_id", company) \
        .in_("full_name", [PEOPLE[0][0], PEOPLE[1][0]]).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_clients(page, login)
    expect(page.locator("#clients-total")).to_have_text("17 clientes")
    shoot(page, "clients-list", width, scheme)

    page.locator("[id^=client-select-]").nth(0).click()
    page.locator("[id^=client-select-]").nth(1).click()
    expect(page.locator("#bulk-count")).to_have_text("2 selecionados")
    page.fill("#bulk-tag", "campanha-novembro")
    expect(page.locator("#bulk-tag-add")).to_be_enabled()
    shoot(page, "clients-bulk", width, scheme)
    page.click("#bulk-clear")
    expect(page.locator("#bulk-bar")).to_have_count(0)

    page.locator("#client-list > div").filter(has_text=PEOPLE[1][0]) \
        .locator("[id^=client-edit-]").click()
    expect(page.locator("#client-owner")).to_have_text("Bruna Carvalho de Andrade")
    shoot(page, "clients-dialog-owner", width, scheme)
    page.keyboard.press("Escape")
    expect(page.locator("#client-dialog")).to_have_count(0)

    page.click("#client-new")
    page.fill("#client-name", "Beatriz Nogueira")
    page.fill("#client-phone", "(11) 98765-4321")         # João's number
    page.fill("#client-cpf", "529.982.247-25")
    page.fill("#client-tags", "clareamento")
    page.click("#client-save")
    expect(page.locator("#client-error-text")).to_have_text(
        "Este telefone já pertence a outro cliente: João Gonçalves.")
    expect(page.locator("#client-taken-link")).to_have_text("Abrir o perfil de João Gonçalves")
    expect(page.locator("#client-taken-link")).to_have_attribute(
        "href", re.compile(r"^/clients/[0-9a-f-]{36}$"))
    shoot(page, "clients-create-refused", width, scheme)
