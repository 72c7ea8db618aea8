"""Message templates photographed for a person to look at (test-artifacts/screens/): the
profile's dialog when the clinic has no approved template yet (an admin gets the link); the
admin page with templates in each status, a long name and the live preview of a body being
written; and the dialog with a variable filled in. Each checked for content wider than the
screen."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.browser import sign_in, wait_for_backend
from tests.e2e.test_message_templates import BODY, add_template, clinic_with_a_quiet_client
from tests.e2e.test_screenshots import VIEWS, shoot

LONG = "confirmacao_de_consulta_com_orientacoes_de_preparo_para_exames_de_imagem_e_jejum"


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_templates_page_and_dialog(new_context, app_lb, width, scheme):
    service, company, admin, _, client, _ = clinic_with_a_quiet_client(app_lb, "Fotos")
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, admin.email, admin.password, start=f"/login?next=/clients/{client}")
    page.wait_for_url(re.compile(rf"/clients/{client}/?$"))
    wait_for_backend(page)
    page.click("#profile-send")
    expect(page.locator("#template-send-none")).to_be_visible()
    expect(page.locator("#template-send-admin-link")).to_have_attribute(
        "href", "/settings/templates")
    shoot(page, "template-dialog-none", width, scheme)
    page.keyboard.press("Escape")

    service.table("message_templates").insert([
        {"company_id": company, "name": "lembrete_limpeza", "language": "pt_BR",
         "body": BODY, "status": "approved"},
        {"company_id": company, "name": LONG, "language": "pt_BR", "status": "pending",
         "body": "Olá {{1}}, sua consulta de {{2}} está confirmada para {{3}}. Venha em jejum "
                 "de 8 horas e traga seus exames anteriores."},
        {"company_id": company, "name": "promocao", "language": "es", "status": "rejected",
         "body": "¡Hola {{1}}! Este mes la limpieza tiene 20% de descuento."}]).execute()
    page.goto("/settings/templates")
    page.wait_for_url(re.compile(r"/settings/templates/?$"))
    wait_for_backend(page)
    expect(page.locator("#templates > div")).to_have_count(3)
    add_template(page, "aviso_retorno", "pt_BR", "Oi {{1}}, já faz {{2}} meses da sua última "
                                                 "consulta. Vamos agendar o retorno?")
    expect(page.locator("#template-preview")).to_contain_text("exemplo 2")
    shoot(page, "templates", width, scheme)

    page.goto(f"/clients/{client}")
    page.wait_for_url(re.compile(rf"/clients/{client}/?$"))
    wait_for_backend(page)
    page.click("#profile-send")
    expect(page.locator("#template-dialog")).to_be_visible()
    page.fill("#template-variable-1", "Rita")
    expect(page.locator("#template-rendered")).to_contain_text("Olá Rita!")
    shoot(page, "template-dialog", width, scheme)
