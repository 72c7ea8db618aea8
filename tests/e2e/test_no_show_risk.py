"""Issue 13, item 5 in Chromium: home lists tomorrow's visit of a client at high no-show risk
(with the reasons in words), never another clinic's, and "Enviar confirmação" queues the
clinic's confirmation template for it (checked in the database) and says so next to the row;
the board's card and the agenda's entry carry the badge; several templates are chosen from in
a dialog; axe-core finds nothing serious on any of it."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from harness.clinics import service_role
from tests.e2e.test_agenda import agenda_clinic
from tests.e2e.test_accessibility import problems
from tests.e2e.test_home_dashboard import DESK, open_home

ZONE = ZoneInfo("America/Sao_Paulo")
BODY = "Olá {{1}}! Podemos confirmar sua {{5}} de {{2}} às {{3}} com {{4}}?"


@dataclass
class RiskyClinic:
    company: str
    login: tuple[str, str]
    professional: str
    tomorrow: str
    clients: dict[str, str]          # name -> id
    visits: dict[str, str]           # name -> tomorrow's appointment id


def risky_clinic(app_lb, label: str = "Risco", template: bool = True) -> RiskyClinic:
    """An admin professional's clinic where, tomorrow, Joana (high risk), a long-named client
    (high) and Caio (medium) are booked; with an approved confirmation template."""
    names = ("Joana Prado", "Maria José da Conceição Gonçalves de Albuquerque", "Caio Reis")
    made = agenda_clinic(app_lb, names=("Dra. Helena Prado", "Dr. Bruno Reis"), clients=names,
                         role="admin")
    service = service_role(app_lb)
    clients = {row["full_name"]: row["id"] for row in service.table("clients").select(
        "id,full_name").eq("company_id", made.company).execute().data}
    [svc] = service.table("services").select("id").eq("company_id", made.company).execute().data
    risks = {names[0]: ("high", ["prior_no_shows:2", "unanswered_confirmation"]),
             names[1]: ("high", ["prior_no_shows:3", "late_cancellations:1",
                                 "Disse que talvez viaje na semana da consulta"]),
             names[2]: ("medium", ["prior_no_shows:1"])}
    for name, (level, reasons) in risks.items():
        service.table("clients").update({"phone": f"+55119{random.randrange(10**7, 10**8)}"}) \
            .eq("id", clients[name]).execute()
        service.table("ai_context_snapshots").insert({
            "company_id": made.company, "client_id": clients[name], "summary": "—",
            "trigger": "manual", "model": "rules",
            "important_flags": {"no_show_risk": {"level": level, "reasons": reasons}}}).execute()
    tomorrow = datetime.now(ZONE).date() + timedelta(days=1)
    visits = {}
    for hour, name in zip((10, 11, 9), names):
        starts = datetime.combine(tomorrow, time(hour), ZONE)
        [row] = service.table("appointments").insert({
            "company_id": made.company, "client_id": clients[name], "service_id": svc["id"],
            "professional_id": made.first, "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(minutes=30 if hour != 11 else 60)).isoformat(),
            "status": "scheduled"}).execute().data
        visits[name] = row["id"]
    if template:
        service.table("message_templates").insert({
            "company_id": made.company, "name": "confirmacao_consulta", "language": "pt_BR",
            "body": BODY, "status": "approved"}).execute()
    return RiskyClinic(made.company, made.login, made.first, tomorrow.isoformat(), clients,
                       visits)


def open_risky_home(page: Page, login: tuple[str, str]) -> None:
    open_home(page, login)
    expect(page.locator("#risk-appointments")).to_be_visible()


def test_home_lists_a_high_risk_visit_and_sends_its_confirmation(new_context, app_lb):
    made = risky_clinic(app_lb)
    joana = made.visits["Joana Prado"]
    stranger = risky_clinic(app_lb, "Vizinha", template=False)
    page = new_context(viewport=DESK).new_page()
    open_risky_home(page, made.login)
    row = page.locator(f"#risk-{joana}")
    expect(row).to_contain_text("Joana Prado")
    expect(row).to_contain_text("10:00")
    expect(page.locator(f"#risk-reasons-{joana}")).to_have_text(
        "Motivos: 2 faltas anteriores · Não respondeu à confirmação")
    # high risk only (Caio is medium), this clinic only
    expect(page.locator(f"#risk-{made.visits['Caio Reis']}")).to_have_count(0)
    expect(page.locator("#risk-list > *")).to_have_count(2)
    for visit in stranger.visits.values():
        expect(page.locator(f"#risk-{visit}")).to_have_count(0)

    page.get_by_role("button", name="Enviar confirmação para Joana Prado").click()
    expect(page.locator(f"#risk-message-{joana}")).to_have_text(
        "Confirmação para Joana Prado na fila de envio pelo WhatsApp.")
    # the clinic has no n8n address: the app's worker may have tried and failed already
    expect(page.locator(f"#risk-sent-{joana}")).to_have_text(
        re.compile(r"^Confirmação (na fila|não enviada \(falhou\)) · "))
    expect(page.locator(f"#risk-send-{joana}")).to_have_text("Enviar de novo")

    service = service_role(app_lb)
    sent = service.table("interactions").select("content,status,metadata").eq(
        "company_id", made.company).eq("direction", "outbound").execute().data
    assert len(sent) == 1
    [message] = sent
    assert message["metadata"]["confirms_appointment"] == joana
    assert message["metadata"]["template"]["name"] == "confirmacao_consulta"
    assert message["status"] in ("queued", "failed")
    assert re.match(r"Olá Joana! Podemos confirmar sua Avaliação de .+ às 10:00 com "
                    r"Dra\. Helena Prado\?$", message["content"])

    # The other clinic has no confirmation template: said in words, with the way to add one.
    other = new_context(viewport=DESK).new_page()
    open_risky_home(other, stranger.login)
    theirs = stranger.visits["Joana Prado"]
    other.click(f"#risk-send-{theirs}")
    expect(other.locator(f"#risk-error-{theirs}")).to_contain_text(
        "não tem um modelo aprovado de confirmação")
    expect(other.locator("#risk-templates-link")).to_have_attribute("href", "/settings/templates")
    assert service.table("interactions").select("id").eq("company_id", stranger.company).eq(
        "direction", "outbound").execute().data == []


def test_the_board_and_the_agenda_carry_the_badge(new_context, app_lb):
    made = risky_clinic(app_lb)
    joana, caio = made.clients["Joana Prado"], made.clients["Caio Reis"]
    page = new_context(viewport=DESK).new_page()
    open_risky_home(page, made.login)
    page.goto("/pipeline")
    expect(page.locator(f"#card-risk-{joana}")).to_contain_text("Risco alto")
    expect(page.locator(f"#card-risk-{joana}")).to_have_attribute("title", "Risco de falta: alto")
    expect(page.locator(f"#card-risk-{caio}")).to_contain_text("Risco médio")

    page.goto("/agenda")
    expect(page.locator("#agenda-grid")).to_be_visible()
    page.fill("#agenda-date", made.tomorrow)
    visit = made.visits["Joana Prado"]
    expect(page.locator(f"#agenda-risk-{visit}")).to_be_visible()
    expect(page.locator(f"#appointment-{visit}")).to_have_attribute(
        "aria-label", re.compile("Risco de falta: alto — 2 faltas anteriores · Não respondeu"))
    page.click(f"#appointment-{visit}")
    expect(page.locator("#detail-risk")).to_contain_text("Risco alto")
    expect(page.locator("#detail-risk-reasons")).to_have_text(
        "2 faltas anteriores · Não respondeu à confirmação")


def test_several_templates_are_chosen_from_and_every_view_passes_axe(new_context, app_lb):
    made = risky_clinic(app_lb)
    service = service_role(app_lb)
    service.table("message_templates").insert({
        "company_id": made.company, "name": "confirmacao_curta", "language": "pt_BR",
        "body": "{{1}}, confirma {{2}} às {{3}}?", "status": "approved"}).execute()
    joana = made.visits["Joana Prado"]
    page = new_context(viewport=DESK).new_page()
    open_risky_home(page, made.login)
    found = problems(page, "/ (risk list)")
    page.click(f"#risk-send-{joana}")
    dialog = page.locator("#risk-choose-dialog")
    expect(dialog).to_contain_text("confirmacao_consulta (pt_BR)")
    expect(dialog).to_contain_text("Joana, confirma ")
    found += problems(page, "/ (choose a template)")
    dialog.get_by_text("confirmacao_curta (pt_BR)").click()
    page.click("#risk-choose-send")
    expect(page.locator(f"#risk-message-{joana}")).to_be_visible()
    [message] = service.table("interactions").select("metadata").eq(
        "company_id", made.company).eq("direction", "outbound").execute().data
    assert message["metadata"]["template"]["name"] == "confirmacao_curta"
    assert message["metadata"]["confirms_appointment"] == joana

    page.goto("/pipeline")
    expect(page.locator(f"#card-risk-{made.clients['Joana Prado']}")).to_be_visible()
    found += problems(page, "/pipeline (badges)")
    page.goto("/agenda")
    page.fill("#agenda-date", made.tomorrow)
    expect(page.locator(f"#agenda-day-{made.tomorrow}")).to_be_visible()
    expect(page.locator(f"#agenda-risk-{joana}")).to_be_visible()
    found += problems(page, "/agenda (marks)")
    page.click(f"#appointment-{joana}")
    expect(page.locator("#detail-risk")).to_be_visible()
    found += problems(page, "/agenda (details)")
    assert found == [], "\n".join(found)
