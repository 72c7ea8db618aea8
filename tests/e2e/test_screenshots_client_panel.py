"""The inbox's client panel photographed for a person to look at (test-artifacts/screens/): a
client with a long name, tags, an owner, the next appointment, three pinned notes and the
analyst's snapshot beside the conversation (on phones: the header's button and the sheet, top
and bottom), a stage just changed, the tags being edited; and a client with nothing yet. Each
checked for content wider than the screen."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from harness.browser import wait_for_backend
from harness.clinics import patient_message, service_role
from tests.e2e.test_analyst_card import insert_snapshot
from tests.e2e.test_inbox_client_panel import clinic_with_patient, open_conversation
from tests.e2e.test_inbox_day import open_inbox
from tests.e2e.test_screenshots import VIEWS, shoot

LONG_NAME = "Maria José da Conceição Gonçalves de Albuquerque Figueiredo"
NOTES = ["Alergia a dipirona — avisar a dentista antes de qualquer procedimento.",
         "Prefere horários de manhã, antes das 10h; trabalha à tarde e não consegue sair do "
         "escritório depois do almoço, mesmo para retornos rápidos.",
         "Paga no Pix."]


def rich_client(app_lb) -> tuple[tuple[str, str], str, str]:
    """(login, conversation id of the rich client, conversation id of a bare one)."""
    company, login, talk = clinic_with_patient(app_lb)
    service = service_role(app_lb)
    client_id = talk["client_id"]
    member_id = service.table("users").select("id").eq("company_id", company).execute() \
        .data[0]["id"]
    service.table("clients").update({
        "full_name": LONG_NAME, "instagram_id": "maria.jose.sorriso", "owner_id": member_id,
        "tags": ["clareamento", "vip", "retorno-6-meses", "indicação da Dra. Helena"]}
    ).eq("id", client_id).execute()
    svc = service.table("services").insert({
        "company_id": company, "name": "Clareamento a laser (sessão de manutenção)",
        "price": 400, "duration_minutes": 60}).execute().data[0]["id"]
    start = (datetime.now(timezone.utc) + timedelta(days=3)).replace(hour=13, minute=30,
                                                                    second=0, microsecond=0)
    service.table("appointments").insert({
        "company_id": company, "client_id": client_id, "service_id": svc,
        "professional_id": member_id, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(), "status": "confirmed"}).execute()
    service.table("client_notes").insert([
        {"company_id": company, "client_id": client_id, "author_id": member_id, "body": body,
         "pinned": True} for body in NOTES]).execute()
    insert_snapshot(service, company, client_id)
    bare = service.rpc("ingest_inbound_message", patient_message(
        company, "Oi", name="Zé", phone="+5511912340000")).execute().data
    return login, talk["conversation_id"], bare["conversation_id"]


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_client_panel(new_context, app_lb, width, scheme):
    login, talk, bare = rich_client(app_lb)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_inbox(page, login)
    open_conversation(page, talk)
    desk = width >= 1280
    if desk:
        panel = page.locator("#client-panel")
    else:
        expect(page.locator("#client-panel-open")).to_be_visible()
        shoot(page, "client-panel-header", width, scheme)
        page.click("#client-panel-open")
        panel = page.locator("#client-panel-sheet")
    expect(panel.locator("#panel-snapshot-risk")).to_have_text("Risco de falta: Alto")
    expect(panel.locator("[data-pinned-note]")).to_have_count(3)
    shoot(page, "client-panel", width, scheme)

    panel.locator("#panel-stage").click()
    page.get_by_role("option", name="Agendado").click()
    expect(panel.locator("#panel-stage-saved")).to_be_visible()
    panel.locator("#panel-tags-edit").click()
    expect(panel.locator("#panel-tags-input")).to_be_focused()
    shoot(page, "client-panel-editing", width, scheme)
    if not desk:
        panel.evaluate("sheet => sheet.scrollTo(0, sheet.scrollHeight)")
        shoot(page, "client-panel-bottom", width, scheme)
        page.keyboard.press("Escape")
        expect(panel).to_have_count(0)

    if desk:
        open_conversation(page, bare)
    else:
        page.goto(f"/inbox/{bare}")
        wait_for_backend(page)
        page.click("#client-panel-open")
    expect(panel.locator("#panel-name")).to_have_text("Zé")
    expect(panel.locator("#panel-snapshot-empty")).to_be_visible()
    shoot(page, "client-panel-empty", width, scheme)
