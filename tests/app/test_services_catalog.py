"""Services with real RLS and a real PostgreSQL: admins write them from /settings/services
(prices typed as their language writes money; audited), staff only read them, clinics never see
each other's; a booked service is archived instead of deleted and can be restored; every
refusal is said in the reader's language."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from omni_app.domain import services_catalog as catalog
from omni_app.domain.refusals import Refused
from omni_app.state.services import ServicesState
from tests.app.clinics import new_clinic
from tests.app.conftest import as_user, joined_member, service_client, services, tab
from tests.app.test_states import redirect_target

PAGE = "/settings/services"
NBSP = "\xa0"


def form(name="Limpeza", duration="40", price="1.234,50", color="teal", active=True) -> dict:
    return {"name": name, "duration": duration, "price": price, "color": color,
            **({"active": "on"} if active else {})}


async def staff_of(clinic):
    _, cookie = await joined_member(await clinic.user())
    active = await (await services.current().session_store()).resolve(cookie)
    return await as_user(active.access_token), cookie


async def audit_actions(company_id: str) -> list[str]:
    rows = (await (await service_client()).table("audit_log").select("action")
            .eq("company_id", company_id).like("action", "service.%").order("at")
            .execute()).data
    return [row["action"] for row in rows]


async def book(company_id: str, service_id: str) -> None:
    service = await service_client()
    client = (await service.table("clients").insert({
        "company_id": company_id, "full_name": "Rita"}).execute()).data[0]["id"]
    start = datetime.now(timezone.utc) + timedelta(days=1)
    await service.table("appointments").insert({
        "company_id": company_id, "client_id": client, "service_id": service_id,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=40)).isoformat()}).execute()


async def test_admins_write_services_with_prices_in_their_language(app_env):
    clinic = await new_clinic("Clínica Sorriso")
    page = tab(ServicesState, clinic.cookie, PAGE)
    assert await page.load() is None and page.rows == []
    assert page.price_field == "Preço (R$)" and page.price_placeholder == "Ex.: 250,00"
    await page.save(form())
    assert page.error == "" and page.message == "Serviço Limpeza salvo."
    [row] = page.rows
    assert (row.name, row.duration_label, row.price_label, row.price_text, row.color,
            row.active) == ("Limpeza", "40 min", f"R${NBSP}1.234,50", "1.234,50", "teal", True)
    stored = (await (await clinic.user()).table("services").select("price")
              .eq("id", row.id).execute()).data[0]
    assert str(stored["price"]) in {"1234.5", "1234.50"}

    refusals = {
        "negative": form("Clareamento", price="-10,00"),
        "zero": form("Clareamento", duration="0"),
        "day": form("Clareamento", duration="1441"),
        "words": form("Clareamento", duration="meia hora"),
        "format": form("Clareamento", price="2.50"),
        "duplicate": form("  LIMPEZA "),
        "empty": form("   "),
    }
    said = {}
    for case, values in refusals.items():
        await page.save(values)
        said[case] = page.error
    assert said == {
        "negative": "O preço não pode ser negativo.",
        "zero": "A duração precisa ser um número inteiro de minutos, maior que zero.",
        "day": "A duração pode ser de no máximo 24 horas (1440 minutos).",
        "words": "A duração precisa ser um número inteiro de minutos, maior que zero.",
        "format": "Digite o preço como 250,00.",
        "duplicate": "Já existe um serviço com esse nome (talvez entre os arquivados).",
        "empty": "Dê um nome ao serviço.",
    }
    assert [r.name for r in page.rows] == ["Limpeza"]

    await page.save(form("Clareamento", duration="90", price="R$ 800", active=False))
    assert [(r.name, r.duration_label, r.active) for r in page.rows] == [
        ("Clareamento", "1 h 30 min", False), ("Limpeza", "40 min", True)]
    page.edit(row.id)
    assert page.editing.price_text == "1.234,50"
    await page.save({**form("Limpeza e profilaxia", duration="120", price="180"), "id": row.id})
    assert page.editing_id == "" and page.message == "Serviço Limpeza e profilaxia salvo."
    await page.set_active(row.id, False)
    assert page.message == "Limpeza e profilaxia está inativo."

    assert await audit_actions(clinic.company_id) == [
        "service.created", "service.created", "service.updated", "service.updated"]


async def test_a_booked_service_is_archived_not_deleted_and_can_be_restored(app_env):
    clinic = await new_clinic()
    page = tab(ServicesState, clinic.cookie, PAGE)
    await page.load()
    await page.save(form("Avulso"))
    await page.save(form("Canal"))
    booked, spare = page.rows[1], page.rows[0]
    assert (booked.name, spare.name) == ("Canal", "Avulso")
    await book(clinic.company_id, booked.id)

    await page.remove(spare.id)
    assert page.message == "Serviço Avulso excluído."
    await page.remove(booked.id)
    assert page.message == "Canal tem agendamentos: foi arquivado."
    assert page.rows == [] and [(r.name, r.archived, r.active)
                                for r in page.archived_rows] == [("Canal", True, False)]
    service = await service_client()
    assert len((await service.table("services").select("id").eq("id", booked.id)
                .execute()).data) == 1
    # the appointment keeps its service
    assert (await service.table("appointments").select("service_id")
            .eq("service_id", booked.id).execute()).data
    await page.save(form("canal"))          # an archived name is still taken
    assert page.error.startswith("Já existe um serviço")
    await page.restore(booked.id)
    assert page.message == "Canal restaurado (inativo até ser ativado)."
    assert [(r.name, r.active, r.archived) for r in page.rows] == [("Canal", False, False)]
    assert page.archived_rows == []
    assert await audit_actions(clinic.company_id) == [
        "service.created", "service.created", "service.deleted", "service.archived",
        "service.restored"]


async def test_staff_read_but_never_write_and_clinics_stay_apart(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    admin = await clinic.user()
    mine = await catalog.save(admin, clinic.company_id, catalog.Draft("Limpeza", 30,
                                                                      Decimal("150")))
    staff, cookie = await staff_of(clinic)
    assert [row["id"] for row in await catalog.listed(staff)] == [mine["id"]]
    for attempt in (catalog.save(staff, clinic.company_id,
                                 catalog.Draft("Nova", 30, Decimal("1"))),
                    catalog.save(staff, clinic.company_id,
                                 catalog.Draft("Nova", 30, Decimal("1")), mine["id"]),
                    catalog.set_active(staff, mine["id"], False),
                    catalog.remove(staff, mine["id"]),
                    catalog.restore(staff, mine["id"])):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason in {"forbidden", "not_found"}
    staff_page = tab(ServicesState, cookie, PAGE)
    assert await staff_page.load() is None                  # staff read the page
    assert [r.name for r in staff_page.rows] == ["Limpeza"]
    assert redirect_target(await staff_page.save(form("Nova"))) == "/?notice=admin_only"
    assert [r.name for r in staff_page.rows] == ["Limpeza"]

    theirs = await other.user()
    assert await catalog.listed(theirs) == []
    for attempt in (catalog.set_active(theirs, mine["id"], False),
                    catalog.remove(theirs, mine["id"]),
                    catalog.save(theirs, other.company_id,
                                 catalog.Draft("X", 30, Decimal("1")), mine["id"])):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason == "not_found"
    # the same name in another clinic is another service
    await catalog.save(theirs, other.company_id, catalog.Draft("Limpeza", 30,
                                                               Decimal("99")))
    assert [r["name"] for r in await catalog.listed(admin)] == ["Limpeza"]
