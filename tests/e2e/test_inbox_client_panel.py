"""The inbox's client panel in Chromium: at a desk the open conversation's client is beside it;
the receptionist changes the stage (and is told so), sees a change made on the profile in
another tab without reloading, hides the panel (still hidden after a
reload of the tab), and follows "Ver perfil" to the profile, which shows the new stage. On a
phone the panel opens over the conversation from the header, fits the screen, and closes with
Esc or its button."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from harness.browser import wait_for_backend
from harness.clinics import new_company, new_member, patient_message, service_role
from tests.e2e.test_inbox_day import DESK, PHONE, open_inbox


def clinic_with_patient(app_lb) -> tuple[str, tuple[str, str], dict]:
    service = service_role(app_lb)
    company = new_company(service, "Painel")
    member = new_member(service, company, role="staff", label="Painel", full_name="Rita Recepção")
    wrote = service.rpc("ingest_inbound_message", patient_message(
        company, "Oi! Posso remarcar minha avaliação?", name="Joana Albuquerque",
        phone="+5511987651234")).execute().data
    client_id = service.table("conversation_threads").select("client_id").eq(
        "id", wrote["conversation_id"]).execute().data[0]["client_id"]
    return company, (member.email, member.password), {**wrote, "client_id": client_id}


def open_conversation(page, conversation_id: str) -> None:
    page.click(f"#conversation-{conversation_id}")
    page.wait_for_url(f"**/inbox/{conversation_id}")
    wait_for_backend(page)


def test_the_panel_beside_the_conversation_changes_the_stage_and_leads_to_the_profile(
        new_context, app_lb):
    _, login, talk = clinic_with_patient(app_lb)
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login)
    open_conversation(page, talk["conversation_id"])
    panel = page.locator("#client-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#panel-name")).to_have_text("Joana Albuquerque")
    expect(panel.locator("#panel-phone")).to_have_text("(11) 98765-1234")
    expect(panel.locator("#panel-kind")).to_have_text("Lead")
    expect(panel.locator("#panel-appointment")).to_contain_text("Nenhum agendamento")
    expect(panel.locator("#panel-snapshot-empty")).to_be_visible()

    page.click("#panel-stage")
    page.get_by_role("option", name="Qualificado").click()
    expect(page.locator("#panel-stage-saved")).to_have_text("Etapa alterada para Qualificado.")
    expect(page.locator("#panel-stage")).to_contain_text("Qualificado")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESK["width"]

    # Another tab moves the client on the profile: the panel follows without a reload.
    profile = page.context.new_page()
    profile.goto(f"/clients/{talk['client_id']}")
    wait_for_backend(profile)
    profile.click("#profile-stage")
    profile.get_by_role("option", name="Agendado").click()
    expect(profile.locator("#profile-message")).to_be_visible()
    expect(page.locator("#panel-stage")).to_contain_text("Agendado")
    profile.close()

    page.click("#client-panel-toggle")                  # hidden, and remembered for the tab
    expect(panel).to_have_count(0)
    expect(page.locator("#client-panel-toggle")).to_have_attribute("aria-expanded", "false")
    page.reload()
    wait_for_backend(page)
    expect(page.locator("#pane-client")).to_have_text("Joana Albuquerque")
    expect(panel).to_have_count(0)
    page.click("#client-panel-toggle")
    expect(panel).to_be_visible()

    page.click("#panel-profile")
    page.wait_for_url(f"**/clients/{talk['client_id']}")
    expect(page.locator("#profile-name")).to_have_text("Joana Albuquerque")
    expect(page.locator("#profile-stage-badge")).to_have_text("Agendado")


def test_on_a_phone_the_panel_opens_over_the_conversation_and_closes(new_context, app_lb):
    _, login, talk = clinic_with_patient(app_lb)
    page = new_context(viewport=PHONE).new_page()
    open_inbox(page, login)
    open_conversation(page, talk["conversation_id"])
    expect(page.locator("#client-panel")).to_be_hidden()
    expect(page.locator("#client-panel-toggle")).to_be_hidden()

    page.click("#client-panel-open")
    sheet = page.locator("#client-panel-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.locator("#panel-name")).to_have_text("Joana Albuquerque")
    box = sheet.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
    for element in ("#panel-stage", "#panel-owner", "#panel-profile"):
        found = sheet.locator(element).bounding_box()
        assert found["x"] >= 0 and found["x"] + found["width"] <= PHONE["width"], element
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.keyboard.press("Escape")
    expect(sheet).to_have_count(0)
    expect(page).to_have_url(re.compile(f"/inbox/{talk['conversation_id']}$"))  # Esc: the sheet only
    expect(page.locator("#composer")).to_be_visible()

    page.click("#client-panel-open")
    sheet.locator("#panel-owner").click()
    page.get_by_role("option", name="Rita Recepção").click()
    expect(sheet.locator("#panel-owner-saved")).to_have_text("Responsável: Rita Recepção.")
    page.click("#client-panel-close")
    expect(sheet).to_have_count(0)
    expect(page).to_have_url(re.compile(f"/inbox/{talk['conversation_id']}$"))
