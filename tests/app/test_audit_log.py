"""/settings/audit with a real PostgreSQL: an admin pages through the clinic's audit log newest
first (keyset: no entry twice, none skipped), filters it by member, action and days in the
clinic's time zone, and reads each entry in words; staff and other clinics read nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import audit_log
from omni_app.domain.refusals import Refused
from omni_app.state.audit_log import AuditLogState
from omni_app.state.clinic_settings import ClinicSettingsState
from tests.app.clinics import new_clinic
from tests.app.conftest import joined_member, service_client, tab
from tests.app.test_clinic_settings import FORM, staff_of
from tests.app.test_states import redirect_target

PAGE = "/settings/audit"
START = datetime(2026, 3, 10, 2, 30, tzinfo=timezone.utc)   # 9 March, 23:30 in São Paulo


async def member_id(company_id: str, email: str) -> str:
    return (await (await service_client()).table("users").select("id")
            .eq("company_id", company_id).eq("email", email).execute()).data[0]["id"]


async def planted(company_id: str, actor: str | None, action: str, at: datetime,
                  count: int = 1, entity: str = "message_template") -> None:
    """`count` entries an hour apart, going back from `at`."""
    await (await service_client()).table("audit_log").insert([
        {"company_id": company_id, "actor_user_id": actor, "action": action, "entity": entity,
         "at": (at - timedelta(hours=n)).isoformat(),
         "details": {"name": f"modelo_{n}", "language": "pt_BR"}}
        for n in range(count)]).execute()


async def opened(cookie: str) -> AuditLogState:
    page = tab(AuditLogState, cookie, PAGE)
    assert await page.open_audit() is None and page.error == ""
    return page


async def test_admins_page_through_the_log_newest_first_and_filter_it(app_env):
    mine, other = await new_clinic(), await new_clinic()
    email, _ = await joined_member(await mine.user(), full_name="Bia Recepção")
    staff = await member_id(mine.company_id, email)
    await planted(mine.company_id, mine.user_id, "template.created", START, count=30)
    await planted(mine.company_id, staff, "conversation.assign", START + timedelta(minutes=30),
                  count=2, entity="conversation")
    await planted(other.company_id, other.user_id, "template.created", START, count=3)

    page = await opened(mine.cookie)
    # the invitation and its acceptance came first in time, the planted entries are older
    everything = []
    while True:
        everything += page.rows
        assert len(page.rows) <= audit_log.PAGE_SIZE
        if not page.has_older:
            break
        await page.older()
    ids = [row.id for row in everything]
    assert len(ids) == len(set(ids)) == 34     # 30 + 2 + the invitation sent and accepted
    assert page.page == 2 and page.page_label == "Página 2"
    await page.newer()
    assert page.page == 1 and [row.id for row in page.rows] == ids[:audit_log.PAGE_SIZE]
    assert {c.label for c in page.members} >= {"Bia Recepção"}
    assert "clinic.settings_saved" in {c.value for c in page.actions}

    await page.apply_filters({"actor": staff, "action": "all", "since": "", "until": ""})
    assert [(row.who, row.action, row.entity) for row in page.rows] == [
        ("Bia Recepção", "Convite aceito", "Convite")] + [
        ("Bia Recepção", "Conversa atribuída", "Conversa")] * 2
    await page.apply_filters({"actor": "all", "action": "conversation.assign"})
    assert len(page.rows) == 2 and not page.has_older
    # days are the clinic's: 02:30 UTC on 10 March is still 9 March in São Paulo
    await page.apply_filters({"actor": mine.user_id, "action": "template.created",
                              "since": "2026-03-09", "until": "2026-03-09"})
    assert len(page.rows) == 24 and not page.has_older
    assert page.rows[0].when == "09/03/2026 23:30"
    assert page.rows[0].details == ["nome: modelo_0", "idioma: pt_BR"]
    await page.apply_filters({"actor": "all", "action": "template.created",
                              "since": "2026-03-10", "until": ""})
    assert len(page.rows) == 0
    await page.apply_filters({"since": "2026-03-10", "until": "2026-03-01"})
    assert page.error == "A data inicial precisa ser antes da final."
    await page.clear_filters()
    assert page.error == "" and len(page.rows) == audit_log.PAGE_SIZE and page.actor == "all"


async def test_entries_read_in_words(app_env):
    mine = await new_clinic("Clínica Antiga")
    settings = tab(ClinicSettingsState, mine.cookie, "/settings/clinic")
    await settings.open_settings()
    settings.add_slot(0)
    await settings.save({**FORM, "locale": "pt-BR", "logo_url": "", "address": ""})
    page = await opened(mine.cookie)
    saved = page.rows[0]
    assert (saved.action, saved.entity) == ("Configurações da clínica salvas", "Clínica")
    assert saved.details == [
        "nome: Clínica Antiga → Clínica Aurora Centro",
        "moeda: BRL → USD",
        "e-mail de contato: — → contato@aurora.com.br",
        "telefone de contato: — → +5541988887777",
        "horário de funcionamento: — → Segunda: 08:00–12:00",
    ]
    # an action the page does not know yet reads as its key
    row = page._row({"id": "x", "at": "2026-03-10T12:00:00+00:00", "actor_name": None,
                     "action": "agenda.something_new", "entity": "appointment",
                     "details": {"flag": True, "ids": ["a", "b"]}})
    assert (row.who, row.action, row.entity, row.details) == (
        "Sistema", "agenda.something_new", "appointment", ["flag: ✓", "ids: a, b"])


async def test_staff_and_other_clinics_read_nothing(app_env):
    mine, other = await new_clinic(), await new_clinic()
    await planted(mine.company_id, mine.user_id, "template.created", START, count=3)
    staff, cookie = await staff_of(mine)
    assert redirect_target(await tab(AuditLogState, cookie, PAGE).open_audit()) == \
        "/?notice=admin_only"
    for attempt in (audit_log.entries(staff, audit_log.Filters()), audit_log.actions(staff)):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason == "forbidden"
    assert (await staff.table("audit_log").select("id").execute()).data == []
    theirs = await other.user()
    assert await audit_log.entries(theirs, audit_log.Filters(actor_id=mine.user_id)) == []
    with pytest.raises(Refused) as refused:
        await audit_log.entries(theirs, audit_log.Filters(actor_id="not-an-id"))
    assert refused.value.reason == "actor"
