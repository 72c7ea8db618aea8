"""Payments with real RLS and a real PostgreSQL: a staff member records them from the client's
profile (amount typed as their language writes it) and marks them paid or refunded, and the
profile's totals follow; `record_payment` refuses an appointment of another client and another
clinic's client or appointment, changes nothing else, and each payment is audited. The API
records and lists them, answering 404 across clinics and 422 for bad input."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from omni_app.domain import payments
from omni_app.domain.refusals import Refused
from omni_app.state.payments import NO_APPOINTMENT, PaymentsState
from tests.app.clinics import new_clinic
from tests.app.conftest import joined_member, service_client, tab
from tests.app.test_api_clients import key_of
from tests.app.test_api_v1 import bearer

NBSP = "\xa0"


async def client_with_appointment(company_id: str, name: str = "Rita Nogueira",
                                  days: int = -1, status: str = "scheduled") -> tuple[str, str]:
    """(client id, appointment id): by default an appointment yesterday still `scheduled`."""
    service = await service_client()
    client = (await service.table("clients").insert({
        "company_id": company_id, "full_name": name}).execute()).data[0]["id"]
    start = datetime.now(timezone.utc) + timedelta(days=days)
    appointment = (await service.table("appointments").insert({
        "company_id": company_id, "client_id": client, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=30)).isoformat(), "status": status})
        .execute()).data[0]["id"]
    return client, appointment


def pay(amount: str, status: str = "paid", method: str = "pix",
        appointment: str = NO_APPOINTMENT, paid_at: str = "") -> dict:
    return {"amount": amount, "method": method, "status": status, "appointment": appointment,
            "paid_at": paid_at}


async def test_staff_record_payments_on_the_profile_and_the_totals_follow(app_env):
    clinic = await new_clinic()
    client, appointment = await client_with_appointment(clinic.company_id)
    other_client, others = await client_with_appointment(clinic.company_id, "Outro Cliente")
    _, cookie = await joined_member(await clinic.user())
    page = tab(PaymentsState, cookie, f"/clients/{client}")
    assert await page.open_profile() is None and page.found
    assert (page.paid_total, page.pending_total) == (f"R${NBSP}0,00", f"R${NBSP}0,00")
    assert [c.id for c in page.appointment_choices] == [appointment]
    page.open_payment()
    assert page.pay_open and page.pay_status == "paid" and len(page.pay_now) == 16

    await page.record(pay("250,00", appointment=appointment, paid_at="2026-11-30T14:30"))
    assert page.pay_error == "" and not page.pay_open
    assert page.message == f"Pagamento de R${NBSP}250,00 registrado."
    await page.record(pay("1.234,5", status="pending", method="credit_card"))
    assert (page.paid_total, page.pending_total) == (f"R${NBSP}250,00", f"R${NBSP}1.234,50")
    paid, pending = sorted(page.payments, key=lambda p: p.status)
    assert (paid.amount, paid.method_label, paid.when) == (f"R${NBSP}250,00", "Pix",
                                                          "30/11/2026 14:30")
    assert (pending.status_label, pending.method_label) == ("Pendente", "Cartão de crédito")

    said = {}
    for case, values in {"zero": pay("0"), "words": pay("duzentos"),
                         "thousands": pay("2.50"), "decimals": pay("10,005"),
                         "method": pay("10", method="boleto"),
                         "another_client": pay("10", appointment=others),
                         "date": pay("10", paid_at="30/11/2026")}.items():
        await page.record(values)
        said[case] = page.pay_error
    assert said == {
        "zero": "Digite um valor maior que zero, como 250,00.",
        "words": "Digite um valor maior que zero, como 250,00.",
        "thousands": "Digite um valor maior que zero, como 250,00.",
        "decimals": "Digite um valor maior que zero, como 250,00.",
        "method": "Escolha uma forma de pagamento.",
        "another_client": "Esse agendamento é de outro cliente.",
        "date": "Data do pagamento inválida."}
    assert len(page.payments) == 2

    await page.mark(pending.id, "paid")
    assert page.message == f"Pagamento de R${NBSP}1.234,50: Pago."
    assert (page.paid_total, page.pending_total) == (f"R${NBSP}1.484,50", f"R${NBSP}0,00")
    await page.mark(paid.id, "refunded")
    assert (page.paid_total, page.pending_total) == (f"R${NBSP}1.234,50", f"R${NBSP}0,00")

    service = await service_client()
    # a paid appointment in the past stays as it was: recording a payment changes nothing else
    assert (await service.table("appointments").select("status").eq("id", appointment)
            .execute()).data[0]["status"] == "scheduled"
    stored = (await service.table("payments").select("appointment_id,paid_at,status")
              .eq("client_id", client).order("created_at").execute()).data
    assert stored[0]["appointment_id"] == appointment
    assert stored[0]["paid_at"].startswith("2026-11-30T17:30")     # 14:30 in São Paulo
    assert stored[1]["paid_at"] is not None                         # marked paid: now
    audit = (await service.table("audit_log").select("action,details")
             .eq("company_id", clinic.company_id).like("action", "payment.%").order("at")
             .execute()).data
    assert [row["action"] for row in audit] == ["payment.recorded", "payment.recorded",
                                                "payment.status_changed",
                                                "payment.status_changed"]
    assert audit[-1]["details"]["from_status"] == "paid"
    assert other_client


async def test_record_payment_keeps_each_clinic_to_itself(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    client, appointment = await client_with_appointment(clinic.company_id)
    theirs_client, theirs_appointment = await client_with_appointment(other.company_id)
    user = await clinic.user()
    for payment, reason in (
            (payments.Payment(theirs_client, Decimal("10"), "pix"), "client_not_found"),
            (payments.Payment(client, Decimal("10"), "pix", appointment_id=theirs_appointment),
             "appointment_not_found"),
            (payments.Payment(client, Decimal("-1"), "pix"), "amount"),
            (payments.Payment(client, Decimal("1.001"), "pix"), "amount"),
            (payments.Payment(client, Decimal("10"), "cheque"), "method"),
            (payments.Payment(client, Decimal("10"), "pix", "overdue"), "status")):
        with pytest.raises(Refused) as refused:
            await payments.record(user, payment)
        assert refused.value.reason == reason
    # the database says the same to a caller that skips the domain's checks
    for params, hint in (({"p_client_id": theirs_client}, "client_not_found"),
                         ({"p_appointment_id": theirs_appointment}, "appointment_not_found"),
                         ({"p_amount": "0"}, "amount"), ({"p_method": "cheque"}, "method")):
        with pytest.raises(Exception) as refused:
            await user.rpc("record_payment", {
                "p_client_id": client, "p_amount": "10", "p_method": "pix",
                "p_status": "paid", **params}).execute()
        assert getattr(refused.value, "hint", None) == hint
    mine = await payments.record(user, payments.Payment(client, Decimal("10"), "pix", "pending",
                                                        appointment))
    assert mine["paid_at"] is None and mine["appointment_id"] == appointment
    with pytest.raises(Refused) as refused:
        await payments.set_status(await other.user(), mine["id"], "paid")
    assert refused.value.reason == "not_found"
    assert await payments.listed(await other.user(), client_id=client) == []


async def test_the_api_records_and_lists_payments(http):
    clinic, other = await new_clinic(), await new_clinic()
    client, appointment = await client_with_appointment(clinic.company_id)
    second, seconds = await client_with_appointment(clinic.company_id, "Segunda")
    theirs_client, theirs_appointment = await client_with_appointment(other.company_id)
    key = await key_of(clinic)

    made = await http.post("/api/v1/payments", headers=bearer(key), json={
        "client_id": client, "appointment_id": appointment, "amount": 250.00, "method": "pix",
        "status": "paid", "paid_at": "2026-11-30T14:30:00-03:00"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["amount"], body["currency"], body["status"], body["appointment_id"]) == (
        "250.00", "BRL", "paid", appointment)
    assert body["paid_at"].startswith("2026-11-30T17:30")
    pending = await http.post("/api/v1/payments", headers=bearer(key), json={
        "client_id": client, "amount": "99.90", "method": "cash", "status": "pending"})
    assert pending.status_code == 201 and pending.json()["paid_at"] is None

    for payload, status, field in (
            ({"amount": 0}, 422, "amount"), ({"amount": "1.001"}, 422, "amount"),
            ({"amount": "dez"}, 422, "amount"), ({"method": "cheque"}, 422, "method"),
            ({"status": "overdue"}, 422, "status"), ({"extra": 1}, 422, "extra"),
            ({"paid_at": "2026-11-30T14:30:00"}, 422, "paid_at"),
            ({"appointment_id": seconds}, 422, "appointment_id"),
            ({"client_id": theirs_client}, 404, None),
            ({"appointment_id": theirs_appointment}, 404, None)):
        answer = await http.post("/api/v1/payments", headers=bearer(key), json={
            "client_id": client, "amount": "10.00", "method": "pix", "status": "paid",
            **payload})
        assert answer.status_code == status, (payload, answer.text)
        if field:
            assert field in str(answer.json()["details"]), answer.text
    missing = await http.post("/api/v1/payments", headers=bearer(key), json={
        "amount": "10.00", "method": "pix", "status": "paid"})
    assert missing.status_code == 422

    listed = await http.get("/api/v1/payments", headers=bearer(key),
                            params={"client_id": client})
    assert listed.status_code == 200
    assert [(p["amount"], p["status"]) for p in listed.json()["payments"]] == [
        ("99.90", "pending"), ("250.00", "paid")]
    by_appointment = await http.get("/api/v1/payments", headers=bearer(key),
                                    params={"appointment_id": appointment})
    assert [p["id"] for p in by_appointment.json()["payments"]] == [body["id"]]
    everything = await http.get("/api/v1/payments", headers=bearer(key))
    assert len(everything.json()["payments"]) == 2 and second
    for params in ({"client_id": theirs_client}, {"appointment_id": theirs_appointment},
                   {"client_id": "not-a-uuid"}):
        assert (await http.get("/api/v1/payments", headers=bearer(key),
                               params=params)).status_code == 404
    their_list = await http.get("/api/v1/payments", headers=bearer(await key_of(other)))
    assert their_list.json()["payments"] == []


async def test_the_api_lists_the_clinics_services(http):
    clinic, other = await new_clinic(), await new_clinic()
    service = await service_client()
    archived = datetime.now(timezone.utc).isoformat()
    await service.table("services").insert([
        {"company_id": company, "name": name, "price": price, "duration_minutes": minutes,
         "active": active, "archived_at": archived_at}
        for company, name, price, minutes, active, archived_at in (
            (clinic.company_id, "Limpeza", "180.00", 40, True, None),
            (clinic.company_id, "Clareamento", "800", 90, False, None),
            (clinic.company_id, "Antigo", "50", 30, False, archived),
            (other.company_id, "Da outra", "1", 10, True, None))]).execute()
    key = await key_of(clinic)
    answer = await http.get("/api/v1/services", headers=bearer(key))
    assert answer.status_code == 200
    assert [(s["name"], s["price"], s["currency"], s["duration_minutes"], s["active"],
             s["archived"]) for s in answer.json()["services"]] == [
        ("Clareamento", "800.00", "BRL", 90, False, False),
        ("Limpeza", "180.00", "BRL", 40, True, False)]
    everything = await http.get("/api/v1/services", headers=bearer(key),
                                params={"include_archived": "true"})
    assert [s["name"] for s in everything.json()["services"]] == ["Antigo", "Clareamento",
                                                                  "Limpeza"]
    assert (await http.get("/api/v1/services")).status_code == 401


async def test_the_document_lists_services_and_payments(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    assert {"get"} <= document["paths"]["/api/v1/services"].keys()
    assert {"get", "post"} <= document["paths"]["/api/v1/payments"].keys()
    body = document["paths"]["/api/v1/payments"]["post"]["requestBody"]["content"]
    assert "amount" in body["application/json"]["schema"]["properties"]
