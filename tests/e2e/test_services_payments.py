"""Services and payments in Chromium: an admin adds a service at /settings/services (price typed
as pt-BR writes it) and sees a refusal in words; a staff member finds the list under
"Serviços" with no way to change it, then records a payment on a client's profile and sees the
paid and pending totals change, and marks the pending one paid."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

DESK = {"width": 1280, "height": 900}
NBSP = "\xa0"


def clinic_with_a_client(app_lb, label: str = "Servicos"):
    """(service, company, admin, staff, client id): the client has an appointment tomorrow and
    a pending payment of R$ 180,00."""
    service = service_role(app_lb)
    company = new_company(service, label)
    admin = new_member(service, company, role="admin", label=label, full_name="Ana Admin")
    staff = new_member(service, company, role="staff", label=label, full_name="Bia Recepção")
    client = service.table("clients").insert({"company_id": company, "full_name": "Rita Lima"}) \
        .execute().data[0]["id"]
    svc = service.table("services").insert({"company_id": company, "name": "Limpeza",
                                            "price": "180", "duration_minutes": 40}) \
        .execute().data[0]["id"]
    start = datetime.now(timezone.utc) + timedelta(days=1)
    service.table("appointments").insert({
        "company_id": company, "client_id": client, "service_id": svc,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=40)).isoformat()}).execute()
    service.table("payments").insert({"company_id": company, "client_id": client,
                                      "amount": "180", "method": "cash",
                                      "status": "pending"}).execute()
    return service, company, admin, staff, client


def pick(page: Page, trigger: str, option: str) -> None:
    page.click(trigger)
    exact = {"exact": True} if isinstance(option, str) else {}
    page.get_by_role("option", name=option, **exact).click()


def add_service(page: Page, name: str, minutes: str, price: str, color: str = "Verde") -> None:
    page.fill("#service-name", name)
    page.fill("#service-duration", minutes)
    page.fill("#service-price", price)
    pick(page, "#service-color", color)
    page.click("#service-save")


def test_admin_adds_a_service_and_staff_only_read_the_list(new_context, app_lb):
    _, _, admin, staff, _ = clinic_with_a_client(app_lb)
    page = new_context(viewport=DESK).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/settings/services")
    page.wait_for_url(re.compile(r"/settings/services/?$"))
    wait_for_backend(page)
    expect(page.locator("#side-nav-settings-services")).to_have_text("Serviços")
    expect(page.locator("label[for=service-price]")).to_have_text("Preço (R$)")
    add_service(page, "Clareamento dental", "90", "1.250,00")
    expect(page.locator("#services-message")).to_have_text("Serviço Clareamento dental salvo.")
    line = page.locator("#services > div").filter(has_text="Clareamento dental")
    expect(line).to_contain_text("1 h 30 min")
    expect(line).to_contain_text(f"R${NBSP}1.250,00")
    add_service(page, "Limpeza", "40", "-5,00")
    expect(page.locator("#services-error")).to_have_text("O preço não pode ser negativo.")
    expect(page.locator("#services > div")).to_have_count(2)

    staff_page = new_context(viewport=DESK).new_page()
    sign_in(staff_page, staff.email, staff.password, start="/login?next=/settings/services")
    staff_page.wait_for_url(re.compile(r"/settings/services/?$"))
    wait_for_backend(staff_page)
    expect(staff_page.locator("#services > div")).to_have_count(2)
    expect(staff_page.locator("#services")).to_contain_text("Clareamento dental")
    expect(staff_page.locator("#service-form-title")).to_have_count(0)
    expect(staff_page.locator("#service-name")).to_have_count(0)
    expect(staff_page.locator("[id^=service-edit-]")).to_have_count(0)
    expect(staff_page.locator("[id^=service-remove-]")).to_have_count(0)
    expect(staff_page.locator("[id^=service-switch-]")).to_have_count(0)


def test_staff_record_a_payment_and_the_totals_change(new_context, app_lb):
    _, _, _, staff, client = clinic_with_a_client(app_lb, "Pagamentos")
    page = new_context(viewport=DESK).new_page()
    sign_in(page, staff.email, staff.password, start=f"/login?next=/clients/{client}")
    page.wait_for_url(re.compile(rf"/clients/{client}/?$"))
    wait_for_backend(page)
    expect(page.locator("#payments-paid")).to_have_text(f"Pago: R${NBSP}0,00")
    expect(page.locator("#payments-pending")).to_have_text(f"Pendente: R${NBSP}180,00")

    page.click("#payment-add")
    expect(page.locator("#payment-dialog")).to_be_visible()
    page.fill("#payment-amount", "0")
    page.click("#payment-save")
    expect(page.locator("#payment-error")).to_have_text(
        "Digite um valor maior que zero, como 250,00.")
    page.fill("#payment-amount", "1.250,50")
    pick(page, "#payment-method", "Cartão de crédito")
    pick(page, "#payment-appointment", re.compile("Limpeza"))
    page.click("#payment-save")
    expect(page.locator("#payment-dialog")).to_have_count(0)
    expect(page.locator("#payments-paid")).to_have_text(f"Pago: R${NBSP}1.250,50")
    expect(page.locator("#payments-pending")).to_have_text(f"Pendente: R${NBSP}180,00")

    page.locator("[id^=payment-pay-]").click()
    expect(page.locator("#payments-paid")).to_have_text(f"Pago: R${NBSP}1.430,50")
    expect(page.locator("#payments-pending")).to_have_text(f"Pendente: R${NBSP}0,00")
