"""/settings/professionals photographed for a person to look at (test-artifacts/screens/): a
professional with a long name and specialties, split hours, exceptions, the calendar link just
made (shown once), the national holidays and a closure; checked for content wider than the
screen."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from harness.browser import sign_in, wait_for_backend
from tests.e2e.test_professionals import clinic_with_a_future_professional
from tests.e2e.test_screenshots import VIEWS, shoot

LONG = "Dra. Maria Eduarda Figueiredo de Albuquerque Cavalcanti Bezerra"


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_professionals_page(new_context, app_lb, width, scheme):
    service, company, admin, _, staff_id, _ = clinic_with_a_future_professional(app_lb, "Fotop")
    service.table("users").update({
        "full_name": LONG, "is_professional": True,
        "specialties": ["Ortodontia", "Implantes", "Clínico geral"],
        "working_hours": {d: [{"start": "08:00", "end": "12:00"},
                              {"start": "13:00", "end": "18:00"}]
                          for d in ("mon", "tue", "wed", "thu", "fri")} | {
            "sat": [{"start": "08:00", "end": "12:00"}]}}).eq("id", staff_id).execute()
    soon = date.today() + timedelta(days=12)
    service.table("professional_exceptions").insert([
        {"company_id": company, "user_id": staff_id, "kind": "time_off", "starts_on":
         soon.isoformat(), "ends_on": (soon + timedelta(days=4)).isoformat(),
         "note": "Congresso Brasileiro de Ortodontia em São Paulo"},
        {"company_id": company, "user_id": staff_id, "kind": "extra_hours",
         "starts_on": (soon + timedelta(days=7)).isoformat(),
         "ends_on": (soon + timedelta(days=7)).isoformat(), "start_time": "18:00",
         "end_time": "20:00"}]).execute()
    service.table("clinic_closures").insert({
        "company_id": company, "on_date": (soon + timedelta(days=20)).isoformat(),
        "label": "Aniversário da cidade"}).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/settings/professionals")
    page.wait_for_url(re.compile(r"/settings/professionals/?$"))
    wait_for_backend(page)
    expect(page.locator("#editing-name")).to_have_text(LONG)
    page.click("#feed-create")
    expect(page.locator("#feed-url")).to_have_value(re.compile(r"/api/calendar/cal_.+\.ics$"))
    shoot(page, "professionals", width, scheme)
