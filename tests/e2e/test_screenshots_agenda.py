"""The agenda photographed for a person to look at (test-artifacts/screens/): the week and the
day with long names and several statuses, the booking dialog, and a conflict; each checked for
content wider than the screen. On a phone the agenda is one professional's day."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from harness.clinics import service_role
from tests.e2e.test_agenda import agenda_clinic, open_agenda
from tests.e2e.test_screenshots import VIEWS, shoot

ZONE = ZoneInfo("America/Sao_Paulo")


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_agenda_views_booking_and_conflict(new_context, app_lb, width, scheme):
    made = agenda_clinic(app_lb, names=("Dra. Maria José da Conceição Gonçalves de Albuquerque",
                                        "Dr. Bruno Reis"),
                         clients=("Carla Dias", "João Gonçalves de Albuquerque Figueiredo",
                                  "Zé"))
    service = service_role(app_lb)
    [svc] = service.table("services").select("id").eq("company_id", made.company).execute().data
    extra = service.table("services").insert({
        "company_id": made.company, "name": "Limpeza de pele com extração profunda",
        "price": 250, "duration_minutes": 90, "color": "purple"}).execute().data[0]
    clients = {row["full_name"]: row["id"] for row in service.table("clients").select(
        "id,full_name").eq("company_id", made.company).execute().data}
    today = datetime.now(ZONE).date()
    split = [{"start": "08:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}]
    service.table("users").update({"working_hours": {day: split for day in (
        "mon", "tue", "wed", "thu", "fri", "sat", "sun")}}).eq("id", made.second).execute()

    def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(today + timedelta(days=day_offset), time(hour, minute), ZONE)

    rows = [(made.first, "Carla Dias", svc["id"], at(0, 9), 30, "confirmed"),
            (made.first, "João Gonçalves de Albuquerque Figueiredo", extra["id"], at(0, 10), 90,
             "scheduled"),
            (made.second, "Zé", svc["id"], at(0, 9, 30), 30, "completed"),
            (made.second, "Carla Dias", svc["id"], at(0, 14), 30, "no_show"),
            (made.first, "Zé", extra["id"], at(1, 15), 90, "scheduled")]
    service.table("appointments").insert([{
        "company_id": made.company, "professional_id": who, "client_id": clients[name],
        "service_id": what, "starts_at": when.isoformat(),
        "ends_at": (when + timedelta(minutes=length)).isoformat(), "status": status}
        for who, name, what, when, length, status in rows]).execute()

    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_agenda(page, made.login)
    # a phone shows the signed-in professional's day
    expect(page.locator('[data-picked="true"] [data-appointment-id]').first).to_be_visible()
    shoot(page, "agenda-week", width, scheme)
    if width > 600:
        page.click("#agenda-view-day")
    expect(page.locator(f'[data-agenda-col="{today.isoformat()}|{made.first}"]')).to_be_visible()
    shoot(page, "agenda-day", width, scheme)

    page.locator(f'[data-slot="{today.isoformat()}|{made.first}|09:30"]').click()
    expect(page.locator("#booking-dialog")).to_be_visible()
    page.fill("#booking-search", "Carla")
    page.locator("#booking-hits button").first.click()
    page.fill("#booking-minutes", "60")                 # to 10:30, over João's
    shoot(page, "agenda-booking", width, scheme)
    page.click("#booking-submit")
    expect(page.locator("#booking-error")).to_contain_text("Horário ocupado")
    shoot(page, "agenda-conflict", width, scheme)
