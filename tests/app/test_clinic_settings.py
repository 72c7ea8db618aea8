"""Clinic settings with a real PostgreSQL and real RLS: an admin saves every setting from
/settings/clinic in one database function (companies + settings, audited field by field); each
bad input is refused in words and stores nothing, in the app and in the database itself; staff
read the page but cannot save; another clinic can neither read nor change them."""
from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from omni_app.domain import clinic_settings as clinic
from omni_app.domain.refusals import Refused
from omni_app.state.clinic_settings import ClinicSettingsState
from omni_app.state.inbox_live import InboxLive
from tests.app.clinics import new_clinic
from tests.app.conftest import as_user, joined_member, service_client, services, tab
from tests.app.test_states import redirect_target

PAGE = "/settings/clinic"
FORM = {"name": "Clínica Aurora Centro", "logo_url": "https://cdn.example.com/aurora.png",
        "contact_email": "Contato@Aurora.com.br", "contact_phone": "(41) 98888-7777",
        "address": "Rua das Flores, 10\nCuritiba - PR, 80000-000", "locale": "es",
        "currency": "USD"}
RPC_ARGS = {"p_name": "Clínica", "p_logo_url": None, "p_contact_email": None,
            "p_contact_phone": None, "p_address": None, "p_timezone": "America/Sao_Paulo",
            "p_locale": "pt-BR", "p_currency": "BRL", "p_working_hours": {}}


async def stored(company_id: str) -> dict:
    service = await service_client()
    company = (await service.table("companies").select("name,timezone,locale,currency")
               .eq("id", company_id).execute()).data[0]
    extra = (await service.table("settings")
             .select("logo_url,contact_email,contact_phone,address,working_hours")
             .eq("company_id", company_id).execute()).data[0]
    return {**company, **extra}


async def settings_audit(company_id: str) -> list[dict]:
    return (await (await service_client()).table("audit_log")
            .select("actor_user_id,entity,entity_id,details")
            .eq("company_id", company_id).eq("action", "clinic.settings_saved")
            .order("at").execute()).data


async def opened(cookie: str):
    page = tab(ClinicSettingsState, cookie, PAGE)
    assert await page.open_settings() is None and page.error == ""
    return page


async def staff_of(clinic_):
    _, cookie = await joined_member(await clinic_.user())
    active = await (await services.current().session_store()).resolve(cookie)
    return await as_user(active.access_token), cookie


async def test_an_admin_saves_every_setting_and_the_change_is_audited(app_env):
    mine = await new_clinic("Clínica Aurora")
    page = await opened(mine.cookie)
    assert page.values.name == "Clínica Aurora" and page.values.currency == "BRL"
    assert [day.key for day in page.days] == list(clinic.DAYS)
    assert all(day.slots == [] for day in page.days)

    page.add_slot(0)                              # Monday: the morning, then the afternoon
    page.add_slot(0)
    page.set_slot(0, 1, "start", "14:00")
    page.set_slot(0, 1, "end", "18:00")
    page.add_slot(5)                              # Saturday morning
    page.set_slot(5, 0, "end", "11:30")
    assert page.days[0].summary == "08:00–12:00, 14:00–18:00" and page.hours_messages == []
    page.pick_timezone("America/Manaus")
    page.set_logo(FORM["logo_url"])
    assert page.logo_preview == FORM["logo_url"]
    seen = (await page.get_state(InboxLive)).version
    await page.save(FORM)
    assert page.error == "" and page.message == "Configurações salvas."
    assert (await page.get_state(InboxLive)).version == seen + 1   # other tabs re-read
    assert (page.clinic_name, page.timezone, page.currency) == (
        "Clínica Aurora Centro", "America/Manaus", "USD")

    hours = {"mon": [{"start": "08:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}],
             "sat": [{"start": "08:00", "end": "11:30"}]}
    assert await stored(mine.company_id) == {
        "name": "Clínica Aurora Centro", "timezone": "America/Manaus", "locale": "es",
        "currency": "USD", "logo_url": "https://cdn.example.com/aurora.png",
        "contact_email": "contato@aurora.com.br", "contact_phone": "+5541988887777",
        "address": "Rua das Flores, 10\nCuritiba - PR, 80000-000", "working_hours": hours}
    [entry] = await settings_audit(mine.company_id)
    assert (entry["actor_user_id"], entry["entity"], entry["entity_id"]) == (
        mine.user_id, "company", mine.company_id)
    assert entry["details"] == {
        "name": {"old": "Clínica Aurora", "new": "Clínica Aurora Centro"},
        "timezone": {"old": "America/Sao_Paulo", "new": "America/Manaus"},
        "locale": {"old": "pt-BR", "new": "es"}, "currency": {"old": "BRL", "new": "USD"},
        "logo_url": {"old": None, "new": "https://cdn.example.com/aurora.png"},
        "contact_email": {"old": None, "new": "contato@aurora.com.br"},
        "contact_phone": {"old": None, "new": "+5541988887777"},
        "address": {"old": None, "new": "Rua das Flores, 10\nCuritiba - PR, 80000-000"},
        "working_hours": {"old": {}, "new": hours}}

    # what was saved is what the page shows afresh; saving it again changes (and audits) nothing
    again = await opened(mine.cookie)
    assert again.values.contact_phone == "+5541988887777" and again.chosen_timezone == \
        "America/Manaus"
    assert again.days[0].summary == "08:00–12:00, 14:00–18:00"
    await again.save({**FORM, "contact_phone": "+5541988887777"})
    assert again.error == "" and again.message in {"Nada mudou.", "Nothing changed.",
                                                   "Nada cambió."}
    assert len(await settings_audit(mine.company_id)) == 1
    # one field: one change in the log
    await again.save({**FORM, "contact_phone": "", "locale": "es"})
    assert (await settings_audit(mine.company_id))[-1]["details"] == {
        "contact_phone": {"old": "+5541988887777", "new": None}}


async def test_each_bad_input_is_refused_in_words_and_stores_nothing(app_env):
    mine = await new_clinic("Clínica Sol")
    page = await opened(mine.cookie)
    before = await stored(mine.company_id)
    refusals = {
        "name": {"name": "   "},
        "http logo": {"logo_url": "http://cdn.example.com/logo.png"},
        "not a URL": {"logo_url": "logo da clínica"},
        "e-mail": {"contact_email": "ana@clinica"},
        "phone": {"contact_phone": "12345"},
    }
    said = {}
    for case, change in refusals.items():
        await page.save({**FORM, **change})
        said[case] = page.error
    assert said == {
        "name": "Dê um nome à clínica.",
        "http logo": "O logo precisa ser um endereço que comece com https://.",
        "not a URL": "O logo precisa ser um endereço que comece com https://.",
        "e-mail": "Esse e-mail de contato não é válido.",
        "phone": "Esse telefone de contato não é válido."}
    assert page.message == ""

    page.add_slot(0)
    page.set_slot(0, 0, "start", "12:00")
    page.set_slot(0, 0, "end", "08:00")
    assert page.hours_messages == ["Segunda: 12:00–08:00 — o início precisa ser antes do fim."]
    await page.save(FORM)
    assert page.error == ("No horário de funcionamento, o início de cada intervalo precisa ser "
                          "antes do fim.")
    page.set_slot(0, 0, "start", "08:00")
    page.set_slot(0, 0, "end", "12:00")
    page.add_slot(0)
    page.set_slot(0, 1, "start", "11:00")
    page.set_slot(0, 1, "end", "13:00")
    assert page.hours_messages == ["Segunda: 11:00–13:00 se sobrepõe a 08:00–12:00."]
    await page.save(FORM)
    assert page.error == ("No horário de funcionamento, os intervalos de um dia não podem se "
                          "sobrepor.")
    page.pick_timezone("Mars/Olympus_Mons")          # not on offer: the choice stays
    assert page.chosen_timezone == "America/Sao_Paulo"
    with pytest.raises(Refused) as refused:
        await clinic.save(await mine.user(), clinic.ClinicSettings(
            "Clínica Sol", timezone="Mars/Olympus_Mons"))
    assert refused.value.reason == "timezone"

    # the database refuses the same, whoever calls it (and names the problem)
    user = await mine.user()
    database = {
        "timezone": {"p_timezone": "Mars/Olympus_Mons"},
        "working_hours": {"p_working_hours": {"mon": [{"start": "12:00", "end": "08:00"}]}},
        "hours_overlap": {"p_working_hours": {"tue": [{"start": "08:00", "end": "12:00"},
                                                      {"start": "11:00", "end": "13:00"}]}},
        "contact_email": {"p_contact_email": "ana@clinica"},
        "logo_url": {"p_logo_url": "http://cdn.example.com/logo.png"},
        "contact_phone": {"p_contact_phone": "41 98888-7777"},
        "currency": {"p_currency": "XYZ"},
        "locale": {"p_locale": "fr"},
        "name_required": {"p_name": " "},
    }
    hints = {}
    for reason, change in database.items():
        with pytest.raises(APIError) as error:
            await user.rpc("save_clinic_settings", {**RPC_ARGS, **change}).execute()
        hints[reason] = error.value.hint
    assert hints == {reason: reason for reason in database}
    assert await stored(mine.company_id) == before
    assert await settings_audit(mine.company_id) == []


async def test_staff_read_the_settings_but_only_the_clinics_admins_change_them(app_env):
    mine, other = await new_clinic("Clínica Lua"), await new_clinic("Clínica Vizinha")
    admin_page = await opened(mine.cookie)
    admin_page.add_slot(2)
    await admin_page.save({**FORM, "name": "Clínica Lua", "locale": "pt-BR"})
    assert admin_page.message == "Configurações salvas."
    before = await stored(mine.company_id)

    staff, cookie = await staff_of(mine)
    staff_page = await opened(cookie)
    assert not staff_page.is_admin
    assert staff_page.values.name == "Clínica Lua" and staff_page.days[2].summary == \
        "08:00–12:00"
    assert [t.name for t in staff_page.templates] == []
    assert redirect_target(await staff_page.save(FORM)) == "/?notice=admin_only"
    with pytest.raises(Refused) as refused:
        await clinic.save(staff, clinic.ClinicSettings("Tomada pela recepção"))
    assert refused.value.reason == "forbidden"

    # another clinic's admin neither reads ours nor reaches it: their save is their own clinic's
    theirs = await other.user()
    with pytest.raises(Refused) as refused:
        await clinic.load(theirs, mine.company_id)
    assert refused.value.reason == "not_found"
    await clinic.save(theirs, clinic.ClinicSettings("Clínica Vizinha Nova"))
    assert (await stored(other.company_id))["name"] == "Clínica Vizinha Nova"
    assert await stored(mine.company_id) == before
    assert len(await settings_audit(mine.company_id)) == 1
    rows = (await theirs.table("settings").update({"contact_email": "x@y.com"})
            .eq("company_id", mine.company_id).execute()).data
    assert rows == [] and await stored(mine.company_id) == before


async def test_the_templates_section_lists_the_clinics_templates(app_env):
    mine, other = await new_clinic(), await new_clinic()
    service = await service_client()
    await service.table("message_templates").insert([
        {"company_id": mine.company_id, "name": "lembrete", "language": "pt_BR", "body": "Oi",
         "status": "approved"},
        {"company_id": mine.company_id, "name": "aviso", "language": "es", "body": "Hola",
         "status": "pending"},
        {"company_id": other.company_id, "name": "deles", "language": "pt_BR", "body": "Oi",
         "status": "pending"},
    ]).execute()
    page = await opened(mine.cookie)
    assert [(t.name, t.language, t.status) for t in page.templates] == [
        ("aviso", "es", "pending"), ("lembrete", "pt_BR", "approved")]
