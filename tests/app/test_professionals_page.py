"""/settings/professionals as an admin's tab holds it, against real RLS: the team to pick from,
a member made a professional with specialties and split hours, each problem with the hours
named by its day (and nothing stored), exceptions and closures added and removed with their
refusals translated, the calendar link shown once; a staff member's tab is sent home and the
clinic's other tabs are told (live counter)."""
from __future__ import annotations

from datetime import date, timedelta

from omni_app.domain import clock, professionals
from omni_app.state.inbox_live import InboxLive
from omni_app.state.professionals import ProfessionalsState
from tests.app.clinics import new_clinic
from tests.app.conftest import joined_member, tab
from tests.app.test_states import redirect_target

PAGE = "/settings/professionals"


def day(page, key):
    return next(d for d in page.days if d.key == key)


async def test_an_admin_makes_a_member_a_professional_with_hours(app_env):
    clinic = await new_clinic("Clínica Sorriso")
    _, staff_cookie = await joined_member(await clinic.user(), full_name="Dra. Paula Reis")
    page = tab(ProfessionalsState, clinic.cookie, PAGE)
    assert await page.open_professionals() is None
    assert page.notice == ""
    names = [m.name for m in page.members]
    assert "Dra. Paula Reis" in names and len(names) == 2
    paula = next(m for m in page.members if m.name == "Dra. Paula Reis")
    await page.select_member(paula.id)
    assert page.selected_name == "Dra. Paula Reis" and not page.is_professional
    assert [d.label for d in page.days][:2] == ["Segunda-feira", "Terça-feira"]
    assert page.country == "Brasil" and page.holidays     # national holidays ahead

    page.set_is_professional(True)
    page.set_specialties("Ortodontia, implantes,ortodontia")
    page.add_interval("mon")
    page.set_interval("mon", 0, False, "08:00")
    page.set_interval("mon", 0, True, "12:00")
    page.add_interval("mon")
    assert (day(page, "mon").intervals[1].start, day(page, "mon").intervals[1].end) == (
        "12:00", "18:00")
    page.set_interval("mon", 1, False, "11:00")
    before = (await page.get_state(InboxLive)).version
    await page.save_member()
    assert page.notice == "Segunda-feira: dois intervalos se sobrepõem." and page.message == ""
    stored = await professionals.member(await clinic.user(), paula.id)
    assert not stored.is_professional and stored.working_hours == {}

    page.set_interval("mon", 1, False, "13:00")
    page.add_interval("tue")
    page.set_interval("tue", 0, False, "09:00")
    page.set_interval("tue", 0, True, "00:00")        # until midnight
    await page.save_member()
    assert page.notice == "" and page.message == "Dra. Paula Reis: salvo."
    stored = await professionals.member(await clinic.user(), paula.id)
    assert stored.is_professional and stored.specialties == ("Ortodontia", "implantes")
    assert stored.working_hours["mon"] == [{"start": "08:00", "end": "12:00"},
                                           {"start": "13:00", "end": "18:00"}]
    assert stored.working_hours["tue"] == [{"start": "09:00", "end": "24:00"}]
    assert (await page.get_state(InboxLive)).version > before
    row = next(m for m in page.members if m.id == paula.id)
    assert row.is_professional and row.days == "seg., ter."
    assert day(page, "tue").intervals[0].end == "00:00"

    page.set_interval("wed", 0, False, "x")          # no such interval: nothing happens
    page.add_interval("wed")
    page.set_interval("wed", 0, True, "07:00")
    await page.save_member()
    assert page.notice == ("Quarta-feira: o início de cada intervalo precisa ser antes do "
                           "fim.")
    page.remove_interval("wed", 0)
    await page.save_member()
    assert page.notice == ""


async def test_exceptions_closures_and_the_calendar_link(app_env):
    clinic = await new_clinic()
    page = tab(ProfessionalsState, clinic.cookie, PAGE)
    await page.open_professionals()
    assert page.selected_id == clinic.user_id
    await page.rotate_feed()
    assert page.feed_error == "Este membro não é profissional: marque e salve antes."
    page.set_is_professional(True)
    await page.save_member()
    soon = clock.now().date() + timedelta(days=10)
    await page.add_exception({"kind": "time_off", "starts_on": soon.isoformat(),
                              "ends_on": (soon + timedelta(days=2)).isoformat(),
                              "start_time": "", "end_time": "", "note": "Congresso"})
    assert page.exception_error == "" and page.exception_message == "Exceção adicionada."
    [row] = page.exceptions
    assert (row.kind_label, row.hours, row.note) == ("Folga", "dia inteiro", "Congresso")
    for form, said in (
            ({"kind": "extra_hours", "starts_on": soon.isoformat()},
             "Horas extras precisam de início e fim."),
            ({"kind": "time_off", "starts_on": soon.isoformat(), "start_time": "10:00"},
             "Informe os dois horários, ou nenhum (dia inteiro)."),
            ({"kind": "extra_hours", "starts_on": soon.isoformat(), "start_time": "10:00",
              "end_time": "09:00"}, "O horário inicial precisa ser antes do final."),
            ({"kind": "time_off", "starts_on": "2026-02-30"}, "Informe uma data válida."),
            ({"kind": "time_off", "starts_on": soon.isoformat(),
              "ends_on": (soon - timedelta(days=1)).isoformat()},
             "A data final precisa ser igual ou depois da inicial.")):
        await page.add_exception(form)
        assert page.exception_error == said, form
    assert len(page.exceptions) == 1
    await page.add_exception({"kind": "extra_hours", "starts_on": soon.isoformat(),
                              "start_time": "18:00", "end_time": "20:00"})
    assert [r.hours for r in page.exceptions] == ["dia inteiro", "18:00–20:00"]
    await page.remove_exception(page.exceptions[0].id)
    assert [r.kind for r in page.exceptions] == ["extra_hours"]

    await page.save_closure({"on_date": soon.isoformat(), "label": "  Dedetização  "})
    assert page.closure_error == "" and page.closure_message.startswith("Clínica fechada em ")
    assert [c.name for c in page.closures] == ["Dedetização"]
    await page.save_closure({"on_date": "", "label": "x"})
    assert page.closure_error == "Informe uma data válida."
    await page.remove_closure(page.closures[0].id)
    assert page.closures == [] and page.closure_message == "Fechamento removido."

    await page.rotate_feed()
    assert page.feed_error == "" and "/api/calendar/cal_" in page.feed_url
    assert page.has_feed and page.feed_since_text.startswith("Link ativo desde")
    await page.select_member(clinic.user_id)
    assert page.feed_url == ""                     # shown once
    await page.revoke_feed()
    assert not page.has_feed


async def test_staff_are_sent_home_and_other_clinics_ids_are_not_found(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    _, staff_cookie = await joined_member(await clinic.user())
    staff = tab(ProfessionalsState, staff_cookie, PAGE)
    assert redirect_target(await staff.require_admin()).startswith("/?notice=admin_only")
    assert redirect_target(await staff.open_professionals()).startswith("/?notice=admin_only")
    staff.selected_id = clinic.user_id
    assert redirect_target(await staff.save_member()).startswith("/?notice=admin_only")

    theirs = tab(ProfessionalsState, other.cookie, PAGE)
    await theirs.open_professionals()
    theirs.selected_id = clinic.user_id            # another clinic's member
    theirs.is_professional = True
    await theirs.save_member()
    assert theirs.notice == "Não encontrado: recarregue a página."
    await theirs.add_exception({"kind": "time_off", "starts_on": date(2027, 1, 4).isoformat()})
    assert theirs.exception_error == "Não encontrado: recarregue a página."
    assert not (await professionals.member(await clinic.user(), clinic.user_id)).is_professional
