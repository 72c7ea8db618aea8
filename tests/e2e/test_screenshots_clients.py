"""The clients page photographed for a person to look at (test-artifacts/screens/): the list
with long names, tags and stages, and the create dialog showing a refusal; each checked for
content wider than the screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.clinics import service_role
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
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_clients(page, login)
    expect(page.locator("#clients-total")).to_have_text("17 clientes")
    shoot(page, "clients-list", width, scheme)

    page.click("#client-new")
    page.fill("#client-name", "Beatriz Nogueira")
    page.fill("#client-phone", "(11) 98765-4321")         # João's number
    page.fill("#client-cpf", "529.982.247-25")
    page.fill("#client-tags", "clareamento")
    page.click("#client-save")
    expect(page.locator("#client-error")).to_have_text(
        "Este telefone já pertence a outro cliente: João Gonçalves.")
    shoot(page, "clients-create-refused", width, scheme)
