"""/agenda's state through the real client and RLS, as a tab would drive it: the week grid with
a column per professional and the appointments placed by time in the clinic's zone; a click on
a slot books (a quick-created client too), outside working hours only after asking; a
conflict is said in words naming the appointment in the way; status actions and their
history; a drag that is refused puts the block back; /agenda?client=<id> opens the form for
that client; another tab re-reads after the live bump; another clinic's appointment is not
found."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

from omni_app.domain import booking, holidays_calendar
from omni_app.state.agenda import AgendaState, block_ids, blocks, fetch_as
from omni_app.state.inbox_live import InboxLive
from tests.app.agenda_clinic import agenda_clinic

MONDAY = "2026-12-14"                                           # 10:00 in São Paulo = 13:00Z
AT = datetime(2026, 12, 14, 13, 0, tzinfo=timezone.utc)


async def opened(page: AgendaState, day: str = MONDAY) -> None:
    page.anchor = day
    await page.open_agenda()


async def test_grid_booking_conflict_and_outside_hours(app_env, server):
    made = await agenda_clinic()
    user = await made.clinic.user()
    taken = await booking.book(user, made.client, made.professional, made.service, AT)
    async with server.event_of(AgendaState, "tab", made.clinic.cookie, "/agenda") as page:
        await opened(page)
        assert page.period.startswith("14") and len(page.days) == 7
        monday = page.days[0]
        assert monday.key == MONDAY and len(monday.columns) == 2
        assert {c.heading for c in monday.columns} == {"Dra. Beatriz", page.user_name}
        [shown] = blocks(page.days)
        assert (shown.client, shown.service, shown.status_label) == (
            "Ana Lima", "Avaliação", "Agendado")
        assert shown.when.startswith("10:00")
        assert page.days[5].columns[0].shades == []                # Saturday: nobody works
        column = next(c for c in monday.columns if c.professional_id == made.professional)
        assert column.shades and column.slots[0].key.endswith("|08:00")

        # a slot that overlaps the booked one: the conflict in words
        page.open_slot(f"{MONDAY}|{made.professional}|09:45")
        assert page.booking_open and page.b_minutes == "30" and page.b_time == "09:45"
        await page.search_clients("ana")
        [hit] = page.b_hits
        page.pick_client(hit.id, hit.name)
        await page.submit_booking({})
        assert page.booking_open
        assert page.b_error == ("Horário ocupado: " + page.user_name + " já atende Ana Lima "
                                "(Avaliação) em 14/12/2026, das 10:00 às 10:30.")

        # a new client, an hour that is free
        page.set_new_client(True)
        page.set_b_new_name("Bruno Costa")
        page.set_b_new_phone("(11) 91234-5678")
        page.set_b_time("11:00")
        await page.submit_booking({})
        assert not page.booking_open, page.b_error
        assert page.message == "Bruno Costa agendado(a) para 14/12/2026 às 11:00."
        assert len(block_ids(page.days)) == 2

        # 19:00 is after 18:00: asked first, booked on confirmation
        page.open_slot(f"{MONDAY}|{made.second}|17:45")
        page.pick_client(made.client, "Ana Lima")
        await page.submit_booking({})
        assert page.b_question == ("14/12/2026, das 17:45 às 18:15, está fora do horário de "
                                   "trabalho de Dra. Beatriz.")
        assert len(block_ids(page.days)) == 2
        await page.book_anyway()
        assert not page.booking_open and len(block_ids(page.days)) == 3
    assert taken["id"] in block_ids(page.days)


async def test_status_actions_write_the_history(app_env, server):
    made = await agenda_clinic()
    user = await made.clinic.user()
    first = await booking.book(user, made.client, made.professional, made.service, AT)
    second = await booking.book(user, made.client, made.second, made.service, AT)
    async with server.event_of(AgendaState, "tab", made.staff_cookie, "/agenda") as page:
        await opened(page)
        await page.open_appointment(first["id"])
        assert page.detail_open and page.d_status_label == "Agendado"
        assert page.d_when == "14/12/2026 10:00–10:30" and page.d_service == "Avaliação"
        await page.set_status("confirmed")
        await page.set_status("completed")
        assert page.d_status == "completed" and not page.d_active
        assert [s.status for s in page.d_history] == ["Agendado", "Confirmado", "Concluído"]
        assert [s.who for s in page.d_history[1:]] == ["Dra. Beatriz", "Dra. Beatriz"]
        assert page.d_history[0].who not in ("", "Dra. Beatriz")        # the admin booked it
        await page.set_status("no_show")
        assert page.d_error == "Este agendamento não pode passar para esse status."

        await page.open_appointment(second["id"])
        page.start_cancel(True)
        await page.cancel_appointment({"reason": "  Paciente viajou "})
        assert page.d_status == "cancelled" and page.d_cancel_reason == "Paciente viajou"
        assert page.d_history[-1].reason == "Paciente viajou"
        assert second["id"] not in block_ids(page.days)           # cancelled ones free the slot

        stranger = await agenda_clinic()
    async with server.event_of(AgendaState, "stranger", stranger.clinic.cookie,
                               "/agenda") as page:
        await opened(page)
        await page.open_appointment(first["id"])
        assert not page.detail_open
        assert page.notice == "Este agendamento não existe mais. A agenda foi atualizada."


async def test_drag_moves_and_a_refused_one_goes_back(app_env, server):
    made = await agenda_clinic()
    user = await made.clinic.user()
    first = await booking.book(user, made.client, made.professional, made.service, AT)
    second = await booking.book(user, made.client, made.second, made.service, AT)
    async with server.event_of(AgendaState, "tab", made.clinic.cookie, "/agenda") as page:
        await opened(page)
        steps = page.drop(json.dumps({"id": second["id"], "day": MONDAY,
                                      "professional": made.professional, "minute": 600}))
        await steps.__anext__()                     # shown at once in the other column
        column = next(c for c in page.days[0].columns if c.professional_id == made.professional)
        assert second["id"] in [b.id for b in column.blocks]
        async for _ in steps:
            pass
        column = next(c for c in page.days[0].columns if c.professional_id == made.second)
        assert [b.id for b in column.blocks] == [second["id"]]       # back where it was
        assert page.notice.startswith("Horário ocupado: ") and "Ana Lima" in page.notice

        [_ async for _ in page.drop(json.dumps({"id": second["id"], "day": "2026-12-15",
                                                "professional": made.professional,
                                                "minute": 14 * 60 + 15}))]
        assert page.notice == "" and page.message.startswith("Agendamento de Ana Lima")
        [moved] = [b for b in blocks(page.days) if b.id == second["id"]]
        assert moved.when.startswith("14:15")
        [_ async for _ in page.drop(json.dumps({"id": first["id"], "minutes": 75}))]
        [longer] = [b for b in blocks(page.days) if b.id == first["id"]]
        assert longer.when == "10:00–11:15"

        # to 07:00: asked first; "leave it" keeps it
        [_ async for _ in page.drop(json.dumps({"id": first["id"], "day": MONDAY,
                                                "professional": made.professional,
                                                "minute": 7 * 60}))]
        assert "fora do horário de trabalho" in page.move_question
        page.keep_place()
        assert page.move_question == ""
        [still] = [b for b in blocks(page.days) if b.id == first["id"]]
        assert still.when.startswith("10:00")


async def test_a_profile_link_opens_the_form_and_other_tabs_follow(app_env, server):
    made = await agenda_clinic()
    path = f"/agenda?client={made.client}"
    async with server.event_of(AgendaState, "tab-a", made.clinic.cookie, path) as page:
        await page.open_agenda()
        assert page.booking_open and page.b_client_name == "Ana Lima"
        assert page.b_professional == made.professional and page.b_service == made.service
    async with server.event_of(AgendaState, "tab-b", made.clinic.cookie, "/agenda") as other:
        await opened(other)
        cookie, window = other._cookie(), other._window()
        seen = (await other.get_state(InboxLive)).version
    async with server.event_of(AgendaState, "tab-a") as page:
        page.booking_open = False
        page.anchor = MONDAY
        page.open_slot(f"{MONDAY}|{made.professional}|10:00")
        page.pick_client(made.client, "Ana Lima")
        await page.submit_booking({})
        assert (await page.get_state(InboxLive)).version == seen + 1
    fetched = await fetch_as(cookie, 99, window)
    async with server.event_of(AgendaState, "tab-b") as other:
        assert (await other.get_state(InboxLive)).version == seen + 1   # linked to its clinic
        assert block_ids(other.days) == []
        other._show(fetched)
        assert len(block_ids(other.days)) == 1


async def test_holidays_and_closures_are_marked_and_booking_on_them_asks_first(app_env, server):
    made = await agenda_clinic()
    await holidays_calendar.save_closure(await made.clinic.user(), date(2026, 12, 16),
                                         "Dedetização")
    async with server.event_of(AgendaState, "tab", made.clinic.cookie, "/agenda") as page:
        await opened(page, "2026-12-24")
        closed = {day.key: day.closed for day in page.days if day.closed}
        assert closed == {"2026-12-25": "Natal"}           # Brazil's national holiday
        await opened(page)
        assert {day.key: day.closed for day in page.days if day.closed} == {
            "2026-12-16": "Dedetização"}
        page.open_slot(f"2026-12-16|{made.professional}|10:00")
        page.pick_client(made.client, "Ana Lima")
        await page.submit_booking({})
        assert page.b_question == ("16/12/2026 é feriado ou dia em que a clínica fecha "
                                   "(Dedetização). Agendar mesmo assim?")
        assert block_ids(page.days) == []
        await page.book_anyway()
        assert not page.booking_open and len(block_ids(page.days)) == 1
