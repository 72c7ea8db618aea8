"""The client profile in Chromium at desk and phone widths: opened from the /clients list, a
note added and pinned, the stage changed (and in the history), "Enviar mensagem" landing in the
client's inbox conversation; another clinic's client is "not found"; never wider than the
screen."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect

from harness.clinics import new_company, new_member, patient_message, service_role
from tests.e2e.test_clients import open_clients

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
NAME = "Maria José da Conceição Gonçalves de Albuquerque Figueiredo"


def clinic_with_a_client(app_lb, name: str = NAME) -> tuple[str, str, str, tuple[str, str]]:
    """(company, client id, conversation id, login): a client who wrote on WhatsApp, with an
    appointment to come, one past, a paid and a pending payment."""
    service = service_role(app_lb)
    company = new_company(service, "Perfil")
    member = new_member(service, company, role="staff", label="Perfil", full_name="Bia Recepção")
    now = datetime.now(timezone.utc)
    for i, text in enumerate(["Oi, boa tarde!", "Queria marcar uma limpeza",
                              "Pode ser quinta de manhã?"]):
        wrote = service.rpc("ingest_inbound_message", patient_message(
            company, text, phone="+5521999990000", name=name,
            occurred_at=now - timedelta(hours=3 - i))).execute().data
    thread = wrote["conversation_id"]
    client = service.table("conversation_threads").select("client_id").eq("id", thread) \
        .execute().data[0]["client_id"]
    service.table("clients").update({"tags": ["ortodontia", "pagamento-pendente-parcela-3"]}) \
        .eq("id", client).execute()
    svc = service.table("services").insert({"company_id": company, "name": "Limpeza e profilaxia",
                                            "price": 180, "duration_minutes": 40}) \
        .execute().data[0]["id"]
    for days, status in [(2, "scheduled"), (-30, "completed"), (-60, "no_show")]:
        start = now + timedelta(days=days)
        service.table("appointments").insert({
            "company_id": company, "client_id": client, "service_id": svc,
            "starts_at": start.isoformat(), "ends_at": (start + timedelta(minutes=40)).isoformat(),
            "status": status}).execute()
    service.table("payments").insert([
        {"company_id": company, "client_id": client, "amount": "1234.50", "method": "pix",
         "status": "paid", "paid_at": (now - timedelta(days=30)).isoformat()},
        {"company_id": company, "client_id": client, "amount": "180", "method": "credit_card",
         "status": "pending"}]).execute()
    return company, client, thread, (member.email, member.password)


def open_profile_from_list(page: Page, login, client: str) -> None:
    open_clients(page, login)
    page.locator(f"#client-name-{client}").click()
    page.wait_for_url(re.compile(rf"/clients/{client}$"))
    expect(page.locator("#profile-name")).to_have_text(NAME)


def fits(page: Page, viewport) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1280", "390"])
def test_open_note_stage_and_send_message(new_context, app_lb, viewport):
    _, client, thread, login = clinic_with_a_client(app_lb)
    page = new_context(viewport=viewport).new_page()
    open_profile_from_list(page, login, client)
    expect(page.locator("#profile-phone")).to_have_text("(21) 99999-0000")
    expect(page.locator("#profile-tags")).to_contain_text("ortodontia")
    expect(page.locator("#profile-message-list > div")).to_have_count(3)
    expect(page.locator("#profile-threads")).to_contain_text("Aberta")
    expect(page.locator("#appointments-upcoming")).to_contain_text("Agendado")
    expect(page.locator("#appointments-past")).to_contain_text("Não compareceu")
    expect(page.locator("#payments-paid")).to_contain_text("R$\xa01.234,50")
    expect(page.locator("#payments-pending")).to_contain_text("R$\xa0180,00")
    expect(page.locator("#profile-ai")).to_contain_text("analista")
    fits(page, viewport)

    page.fill("#note-body", "Prefere horários de manhã")
    page.click("#note-add")
    expect(page.locator("#notes")).to_contain_text("Prefere horários de manhã")
    expect(page.locator("#notes")).to_contain_text("Bia Recepção")
    expect(page.locator("#note-body")).to_have_value("")
    page.locator("#notes [id^=note-pin-]").first.click()
    expect(page.locator("#notes")).to_contain_text("Fixada")

    page.click("#profile-stage")
    page.get_by_role("option", name="Qualificado").click()
    expect(page.locator("#profile-message")).to_have_text("Etapa alterada para Qualificado.")
    expect(page.locator("#stage-history")).to_contain_text("Novo lead → Qualificado")
    expect(page.locator("#stage-history")).to_contain_text("Bia Recepção")
    fits(page, viewport)

    page.click("#profile-send")
    page.wait_for_url(re.compile(rf"/inbox/{thread}$"))
    expect(page.locator("#message-area").get_by_text("Pode ser quinta de manhã?")).to_be_visible()


def test_another_clinics_client_is_not_found_inside_the_shell(new_context, app_lb):
    _, theirs, _, _ = clinic_with_a_client(app_lb)
    _, _, _, login = clinic_with_a_client(app_lb, name="Outra Paciente")
    page = new_context(viewport=PHONE).new_page()
    open_clients(page, login)
    for wrong in [theirs, "nao-existe"]:
        page.goto(f"/clients/{wrong}")
        expect(page.locator("#profile-not-found")).to_contain_text("Cliente não encontrado")
        expect(page.locator("#profile-name")).to_have_count(0)
