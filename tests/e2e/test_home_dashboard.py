"""Issue 12, item 6 in Chromium: today's appointments confirmed and marked no-show from the home
page, each change seen by a second tab without a reload (and never by another clinic), the
"New client" shortcut opening the clients page's form; and the dashboard photographed with
data and empty at 1280 and 390 px, light and dark (charts never wider than the screen)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, patient_message, service_role
from omni_app.demo_data.generator import Plan, load
from tests.e2e.test_screenshots import VIEWS, shoot

DESK = {"width": 1280, "height": 900}


def clinic(app_lb, label: str = "Painel") -> tuple[str, tuple[str, str]]:
    service = service_role(app_lb)
    company = new_company(service, label)
    admin = new_member(service, company, role="admin", label=label, full_name="Dra. Helena Prado")
    return company, (admin.email, admin.password)


def today_appointments(app_lb, company: str, names: list[str]) -> list[str]:
    """One scheduled appointment per name, minutes apart from now (today on the clinic's clock,
    São Paulo's, unless the suite runs in the minutes before its midnight)."""
    service = service_role(app_lb)
    clients = service.table("clients").insert(
        [{"company_id": company, "full_name": name} for name in names]).execute().data
    start = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    rows = [{"company_id": company, "client_id": client["id"], "status": "scheduled",
             "starts_at": (start + timedelta(minutes=index)).isoformat(),
             "ends_at": (start + timedelta(minutes=index + 30)).isoformat()}
            for index, client in enumerate(clients)]
    return [row["id"] for row in service.table("appointments").insert(rows).execute().data]


def open_home(page: Page, login: tuple[str, str]) -> None:
    sign_in(page, *login, start="/login?next=/")
    page.wait_for_url(re.compile(r"/$"))
    wait_for_backend(page)
    expect(page.locator("#today-appointments")).to_be_visible()


def test_confirm_and_no_show_from_home_show_live_in_another_tab(new_context, app_lb):
    company, login = clinic(app_lb)
    first_id, second_id = today_appointments(app_lb, company, ["Joana Prado", "Caio Mendes"])
    stranger_company, stranger_login = clinic(app_lb, "Vizinha")
    [stranger_id] = today_appointments(app_lb, stranger_company, ["Outra Pessoa"])
    first, second, stranger = (new_context(viewport=DESK).new_page() for _ in range(3))
    for page, who in ((first, login), (second, login), (stranger, stranger_login)):
        open_home(page, who)
    expect(first.locator("#counter-appointments_today")).to_have_text("2")
    expect(stranger.locator(f"#today-{first_id}")).to_have_count(0)
    expect(first.locator(f"#today-{stranger_id}")).to_have_count(0)

    first.get_by_role("button", name="Confirmar o agendamento de Joana Prado").click()
    expect(first.locator(f"#today-status-{first_id}")).to_have_text("Confirmado")
    expect(first.locator("#today-message")).to_have_text("Joana Prado: agendamento confirmado.")
    expect(first.locator(f"#today-confirm-{first_id}")).to_have_count(0)
    expect(second.locator(f"#today-status-{first_id}")).to_have_text("Confirmado")

    second.click(f"#today-no-show-{second_id}")
    expect(second.locator(f"#today-status-{second_id}")).to_have_text("Não compareceu")
    expect(first.locator(f"#today-status-{second_id}")).to_have_text("Não compareceu")
    expect(first.locator("#counter-appointments_today")).to_have_text("1")
    expect(stranger.locator(f"#today-status-{stranger_id}")).to_have_text("Agendado")

    changes = service_role(app_lb).table("appointment_status_changes").select(
        "appointment_id,to_status,changed_by").in_(
        "appointment_id", [first_id, second_id]).neq("to_status", "scheduled").execute().data
    assert sorted((c["appointment_id"], c["to_status"]) for c in changes) == sorted(
        [(first_id, "confirmed"), (second_id, "no_show")])
    assert all(c["changed_by"] for c in changes)

    first.click(f"#today-client-{first_id}")
    first.wait_for_url(re.compile(r"/clients/[0-9a-f-]{36}$"))
    first.go_back()
    first.wait_for_url(re.compile(r"/$"))
    first.click("#quick-new-client")
    first.wait_for_url(re.compile(r"/clients\?new=1"))
    expect(first.locator("#client-name")).to_be_visible()


def busy_clinic(app_lb) -> tuple[str, tuple[str, str]]:
    """A clinic with months of generated activity, leads spread over the weeks, and a day's
    agenda in every status."""
    company, login = clinic(app_lb, "Foto")
    with psycopg.connect(app_lb.admin_dsn, autocommit=True) as conn:
        load(conn, company, Plan(120, seed=7))
        conn.execute("update public.clients set created_at = now() - random() * interval '84 days'"
                     " where company_id = %s", (company,))
    service = service_role(app_lb)
    for days in range(0, 30, 3):
        service.rpc("ingest_inbound_message", patient_message(
            company, "Oi", occurred_at=datetime.now(timezone.utc) - timedelta(days=days),
            instagram_id=f"1784{days:04d}")).execute()
    ids = today_appointments(app_lb, company, [
        "Maria Conceição de Albuquerque Cavalcanti", "Rui Lima", "Ana Sá", "Paulo Tavares"])
    for appointment, status in zip(ids[1:], ("confirmed", "completed", "no_show")):
        service.table("appointments").update({"status": status}).eq("id", appointment).execute()
    return company, login


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_dashboard_with_data_and_empty(new_context, app_lb, width, scheme):
    _, login = busy_clinic(app_lb)
    page = new_context(viewport={"width": width, "height": 900},
                       color_scheme=scheme).new_page()
    open_home(page, login)
    for chart in ("messages", "leads", "funnel", "no-shows", "revenue"):
        expect(page.locator(f"#chart-{chart} .recharts-wrapper")).to_be_visible()
    page.click("#chart-no-shows-table summary")
    expect(page.locator("#chart-no-shows-table caption")).to_be_visible()
    shoot(page, "home-dashboard", width, scheme)

    _, empty_login = clinic(app_lb, "Vazia")
    page = new_context(viewport={"width": width, "height": 900},
                       color_scheme=scheme).new_page()
    open_home(page, empty_login)
    expect(page.locator("#today-empty")).to_be_visible()
    for chart in ("messages", "leads", "funnel", "no-shows", "revenue"):
        expect(page.locator(f"#chart-{chart}-empty")).to_be_visible()
    shoot(page, "home-dashboard-empty", width, scheme)
