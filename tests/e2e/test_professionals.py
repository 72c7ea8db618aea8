"""Professionals in Chromium: an admin opens /settings/professionals, makes a staff member a
professional with specialties and Monday hours split by lunch, adds a closure; the API then
offers that member's free slots on a Monday (the lunch hour left out) and none on the closed
day; a staff member who types the address is sent home."""
from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import holidays
from playwright.sync_api import expect
from supabase import create_client

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

DESK = {"width": 1280, "height": 900}


def next_working_monday(after_days: int = 7) -> date:
    national = holidays.country_holidays("BR", years=range(date.today().year,
                                                           date.today().year + 2))
    day = date.today() + timedelta(days=after_days)
    day += timedelta(days=(7 - day.weekday()) % 7)
    while day in national or (day + timedelta(days=7)) in national:
        day += timedelta(days=7)
    return day


def clinic_with_a_future_professional(app_lb, label: str):
    """(service, company, admin, staff, staff's users.id, service id)."""
    service = service_role(app_lb)
    company = new_company(service, label)
    admin = new_member(service, company, role="admin", label=label, full_name="Ana Admin")
    staff = new_member(service, company, role="staff", label=label, full_name="Bia Dentista")
    staff_id = service.table("users").select("id").eq("auth_user_id", staff.user_id) \
        .execute().data[0]["id"]
    service_id = service.table("services").insert({
        "company_id": company, "name": "Avaliação", "price": 150, "duration_minutes": 60}) \
        .execute().data[0]["id"]
    return service, company, admin, staff, staff_id, service_id


def test_admin_makes_a_professional_and_the_api_offers_their_slots(new_context, app_lb,
                                                                     base_url):
    _, _, admin, staff, staff_id, service_id = clinic_with_a_future_professional(app_lb, "Prof")
    page = new_context(viewport=DESK).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/settings/professionals")
    page.wait_for_url(re.compile(r"/settings/professionals/?$"))
    wait_for_backend(page)
    expect(page.locator("#side-nav-settings-professionals")).to_be_visible()
    page.click(f"#member-{staff_id}")
    expect(page.locator("#editing-name")).to_have_text("Bia Dentista")
    page.click("#professional-flag")
    page.fill("#professional-specialties", "Ortodontia, Clínico geral")
    page.click("#hours-mon-add")
    page.fill("#hours-mon-0-end", "12:00")
    page.click("#hours-mon-add")
    expect(page.locator("#hours-mon-1-start")).to_have_value("12:00")
    page.fill("#hours-mon-1-start", "13:00")
    page.click("#professional-save")
    expect(page.locator("#professional-message")).to_have_text("Bia Dentista: salvo.")
    expect(page.locator(f"#member-{staff_id}")).to_contain_text("Profissional")

    monday = next_working_monday()
    closed = monday + timedelta(days=7)
    page.fill("#closure-date", closed.isoformat())
    page.fill("#closure-label", "Dedetização")
    page.click("#closure-add")
    expect(page.locator("#closure-message")).to_contain_text("Clínica fechada em")
    expect(page.locator("#closures")).to_contain_text("Dedetização")

    token = create_client(app_lb.url, app_lb.anon_key).auth.sign_in_with_password(
        {"email": admin.email, "password": admin.password}).session.access_token
    url = f"{base_url}/api/v1/professionals/{staff_id}/free-slots"
    auth = {"Authorization": f"Bearer {token}"}
    open_day = httpx.get(url, headers=auth, params={"date": monday.isoformat(),
                                                    "service_id": service_id}).json()
    starts = [slot[11:16] for slot in open_day["slots"]]
    assert starts[0] == "08:00" and starts[-1] == "17:00", starts
    assert "11:00" in starts and "11:15" not in starts and "12:00" not in starts
    assert "13:00" in starts and all(slot.endswith("-03:00") for slot in open_day["slots"])
    closed_day = httpx.get(url, headers=auth, params={"date": closed.isoformat(),
                                                      "service_id": service_id}).json()
    assert closed_day["slots"] == [] and closed_day["closed"] == {"reason": "closure",
                                                                  "name": "Dedetização"}
    listed = httpx.get(f"{base_url}/api/v1/professionals", headers=auth).json()
    assert listed["professionals"][0]["specialties"] == ["Ortodontia", "Clínico geral"]

    other = new_context(viewport=DESK).new_page()
    sign_in(other, staff.email, staff.password, start="/login?next=/settings/professionals")
    other.wait_for_url(re.compile(r"/\?notice=admin_only"))
    expect(other.locator("#side-nav-settings-professionals")).to_have_count(0)
