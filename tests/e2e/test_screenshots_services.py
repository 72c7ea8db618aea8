"""Services and the payment dialog photographed for a person to look at
(test-artifacts/screens/): /settings/services as an admin sees it (a long name, an inactive and
an archived service, a refusal) and as staff see it, and the profile's "Record payment" dialog
with an amount typed and an appointment picked. Each checked for content wider than the
screen."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from harness.browser import sign_in, wait_for_backend
from tests.e2e.test_screenshots import VIEWS, shoot
from tests.e2e.test_services_payments import add_service, clinic_with_a_client, pick

LONG = "Tratamento ortodôntico completo com aparelho autoligado e manutenção mensal incluída"


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_services_page_and_payment_dialog(new_context, app_lb, width, scheme):
    service, company, admin, staff, client = clinic_with_a_client(app_lb, "FotosServicos")
    archived = datetime.now(timezone.utc).isoformat()
    service.table("services").insert([
        {"company_id": company, "name": name, "price": price, "duration_minutes": minutes,
         "color": color, "active": active, "archived_at": archived_at}
        for name, price, minutes, color, active, archived_at in (
            (LONG, "12500", 60, "violet", True, None),
            ("Clareamento", "850.9", 90, "amber", False, None),
            ("Raspagem antiga", "120", 30, "gray", False, archived))]).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/settings/services")
    page.wait_for_url(re.compile(r"/settings/services/?$"))
    wait_for_backend(page)
    expect(page.locator("#services > div")).to_have_count(3)
    add_service(page, "Limpeza", "30", "2.50", "Azul")
    expect(page.locator("#services-error")).to_have_text("Digite o preço como 250,00.")
    shoot(page, "services", width, scheme)

    staff_page = new_context(viewport={"width": width, "height": 900},
                             color_scheme=scheme).new_page()
    sign_in(staff_page, staff.email, staff.password, start="/login?next=/settings/services")
    staff_page.wait_for_url(re.compile(r"/settings/services/?$"))
    expect(staff_page.locator("#services > div")).to_have_count(3)
    shoot(staff_page, "services-staff", width, scheme)

    staff_page.goto(f"/clients/{client}")
    staff_page.wait_for_url(re.compile(rf"/clients/{client}/?$"))
    wait_for_backend(staff_page)
    staff_page.click("#payment-add")
    expect(staff_page.locator("#payment-dialog")).to_be_visible()
    staff_page.fill("#payment-amount", "180,00")
    pick(staff_page, "#payment-appointment", re.compile("Limpeza"))
    shoot(staff_page, "payment-dialog", width, scheme)
    staff_page.keyboard.press("Escape")
    shoot(staff_page, "profile-payments", width, scheme)
