"""Issue 13, item 5: the no-show risk where staff plan, on a real PostgreSQL with real RLS. A
client made high risk by a real snapshot (the rules: two no-shows) shows it on the board's
card, the agenda's entry and details, and in home's list of the next 7 days; medium gets a
badge but stays off the list; another clinic sees none of it. "Send confirmation" queues
exactly one template message with the appointment's details, marked with the appointment,
which the list then shows; without a confirmation template the refusal is said in words."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from postgrest.exceptions import APIError

from omni_app import services
from omni_app.domain import agenda, board, clock, confirmations, conversations
from omni_app.domain import message_templates as templates
from omni_app.domain import no_show_watch
from omni_app.domain.analyst import runs
from omni_app.domain.refusals import Refused
from omni_app.i18n import CATALOGS
from omni_app.state.agenda import AgendaState, blocks
from omni_app.state.board_rows import card_row
from omni_app.state.home_risk import HomeRiskState
from omni_app.state.inbox_rows import Reader
from tests.app.agenda_clinic import agenda_clinic
from tests.app.clinics import new_clinic
from tests.app.conftest import service_client

PT = CATALOGS["pt-BR"]
BODY = "Olá {{1}}! Confirma {{5}} em {{2}} às {{3}} com {{4}}?"


def phone() -> str:
    return f"+55119{random.randrange(10**7, 10**8)}"


async def client_with(company_id: str, name: str, missed: int) -> str:
    """A client with `missed` no-shows half a year ago (none recent: the rules call one of them
    medium, two high), snapshotted by the rules as a member would."""
    service = await service_client()
    [client] = (await service.table("clients").insert({
        "company_id": company_id, "full_name": name, "phone": phone()}).execute()).data
    past = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=180)
    for n in range(missed):
        starts = past + timedelta(days=n)
        await service.table("appointments").insert({
            "company_id": company_id, "client_id": client["id"], "status": "no_show",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(minutes=30)).isoformat()}).execute()
    return client["id"]


async def snapshot(clinic, client_id: str) -> None:
    await runs.snapshot(await clinic.user(), services.current().analysts, clinic.company_id,
                        client_id, trigger="manual", now=clock.now())


async def booked(company_id: str, client_id: str, days: float, status: str = "scheduled",
                 professional: str | None = None, service_id: str | None = None) -> str:
    starts = (datetime.now(timezone.utc) + timedelta(days=days)).replace(second=0,
                                                                         microsecond=0)
    return (await (await service_client()).table("appointments").insert({
        "company_id": company_id, "client_id": client_id, "status": status,
        "professional_id": professional, "service_id": service_id,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(minutes=30)).isoformat()}).execute()).data[0]["id"]


async def risky_clinic():
    """A bookable clinic with Joana (2 no-shows: high), Caio (1: medium), Rui (none: low), each
    booked in 2 days (an hour apart) with the admin (a professional) for "Avaliação"; Joana also in 9 days
    (past the week) and once cancelled."""
    ready = await agenda_clinic()
    clinic = ready.clinic
    await (await service_client()).table("users").update({"full_name": "Dra. Helena Prado"}) \
        .eq("id", clinic.user_id).execute()
    ids = {}
    for hour, (name, missed) in enumerate((("Joana Prado", 2), ("Caio Reis", 1),
                                           ("Rui Lima", 0))):
        client_id = await client_with(clinic.company_id, name, missed)
        await snapshot(clinic, client_id)
        ids[name] = client_id
        ids[name + " visit"] = await booked(clinic.company_id, client_id, 2 + hour / 24,
                                            professional=ready.professional,
                                            service_id=ready.service)
    ids["later"] = await booked(clinic.company_id, ids["Joana Prado"], 9)
    ids["cancelled"] = await booked(clinic.company_id, ids["Joana Prado"], 3, "cancelled")
    return ready, ids


async def test_the_risk_reaches_the_board_the_agenda_and_home_of_its_own_clinic_only(
        app_env, server):
    ready, ids = await risky_clinic()
    clinic = ready.clinic
    other, _ = await risky_clinic()
    user = await clinic.user()
    risks = {row["full_name"]: row["no_show_risk"] for row in (
        await user.table("clients").select("full_name,no_show_risk").execute()).data}
    assert risks == {"Joana Prado": "high", "Caio Reis": "medium", "Rui Lima": "low",
                     "Ana Lima": None}

    # The board: the level comes with each card; medium and high earn a badge.
    cards = {card["full_name"]: card for column in (await board.board(user)).columns
             for card in column.cards}
    assert set(cards) == {"Joana Prado", "Caio Reis", "Rui Lima", "Ana Lima"}
    reader = Reader("pt-BR", "America/Sao_Paulo", PT)
    shown = {name: card_row(card, clock.now(), reader) for name, card in cards.items()}
    assert (shown["Joana Prado"].risk, shown["Joana Prado"].risk_badge,
            shown["Joana Prado"].risk_color) == ("high", "Risco alto", "red")
    assert shown["Joana Prado"].risk_label == "Risco de falta: alto"
    assert (shown["Caio Reis"].risk, shown["Caio Reis"].risk_color) == ("medium", "amber")
    assert shown["Rui Lima"].risk == shown["Ana Lima"].risk == ""

    # The agenda: the level and the latest snapshot's reasons, words in the entry's label.
    now = clock.now()
    rows = await agenda.appointments(user, agenda.Window(now, now + timedelta(days=14)))
    by_id = {row["id"]: row for row in rows}
    joana = by_id[ids["Joana Prado visit"]]
    assert (joana["no_show_risk"], joana["no_show_reasons"]) == ("high", ["prior_no_shows:2"])
    assert by_id[ids["Caio Reis visit"]]["no_show_reasons"] == ["prior_no_shows:1"]
    assert (by_id[ids["Rui Lima visit"]]["no_show_risk"],
            by_id[ids["Rui Lima visit"]]["no_show_reasons"]) == ("low", None)
    async with server.event_of(AgendaState, "agenda", clinic.cookie, "/agenda") as page:
        assert await page.require_clinic_member() is None
        page.anchor = (now + timedelta(days=2)).astimezone(page._zone()).date().isoformat()
        await page.open_agenda()
        entry = next(b for b in blocks(page.days) if b.id == ids["Joana Prado visit"])
        assert entry.risk == "high"
        assert entry.label.endswith("Risco de falta: alto — 2 faltas anteriores")
        assert next(b for b in blocks(page.days) if b.id == ids["Rui Lima visit"]).risk == ""
        await page.open_appointment(ids["Joana Prado visit"])
        assert (page.d_risk, page.d_risk_badge, page.d_risk_reasons) == \
            ("high", "Risco alto", "2 faltas anteriores")

    # Home: only the high-risk client's active visits of the next 7 days.
    listed = await no_show_watch.upcoming(user)
    assert [item.id for item in listed] == [ids["Joana Prado visit"]]
    [item] = listed
    assert (item.client_name, item.professional_name, item.service_name, item.reasons) == \
        ("Joana Prado", "Dra. Helena Prado", "Avaliação", ["prior_no_shows:2"])
    assert item.confirmation_status is None

    # Another clinic: its own Joana, never this one's (and never this one's appointments).
    theirs = await no_show_watch.upcoming(await other.clinic.user())
    assert len(theirs) == 1 and theirs[0].id != ids["Joana Prado visit"]
    their_rows = await agenda.appointments(await other.clinic.user(),
                                           agenda.Window(now, now + timedelta(days=14)))
    assert not {row["id"] for row in their_rows} & set(by_id)
    assert (await (await other.clinic.user()).rpc("appointment_confirmation_facts", {
        "p_appointment_id": ids["Joana Prado visit"]}).execute()).data is None


async def test_send_confirmation_queues_one_template_with_the_appointments_details(
        app_env, server):
    ready, ids = await risky_clinic()
    clinic = ready.clinic
    visit = ids["Joana Prado visit"]
    message_template_id = (await templates.save(await clinic.user(), clinic.company_id,
                                                templates.Draft("confirmacao_consulta", "pt_BR",
                                                                BODY, "approved")))["id"]
    await templates.save(await clinic.user(), clinic.company_id,
                         templates.Draft("promocao_maio", "pt_BR", "Oi {{1}}", "approved"))
    async with server.event_of(HomeRiskState, "home", clinic.cookie) as home:
        assert await home.require_clinic_member() is None
        assert await home.load_counters() is None
        [row] = home.risky
        assert (row.id, row.client_name, row.reasons, row.sent) == \
            (visit, "Joana Prado", "2 faltas anteriores", "")

        assert await home.send_confirmation(visit) is None
        assert home.risk_error == ""
        assert home.risk_message == \
            "Confirmação para Joana Prado na fila de envio pelo WhatsApp."
        [row] = home.risky
        assert row.sent.startswith("Confirmação na fila · ")

    service = await service_client()
    sent = (await service.table("interactions").select("content,status,metadata,client_id")
            .eq("company_id", clinic.company_id).eq("direction", "outbound").execute()).data
    assert len(sent) == 1
    [message] = sent
    facts = await confirmations.facts(await clinic.user(), visit)
    day, time = (confirmations.values(facts, "pt_BR")[key] for key in ("day", "time"))
    assert message["metadata"]["template"] == {
        "name": "confirmacao_consulta", "language": "pt_BR",
        "variables": ["Joana", day, time, "Dra. Helena Prado", "Avaliação"]}
    assert message["metadata"]["confirms_appointment"] == visit
    assert message["content"] == \
        f"Olá Joana! Confirma Avaliação em {day} às {time} com Dra. Helena Prado?"
    assert (message["status"], message["client_id"]) == ("queued", ids["Joana Prado"])
    jobs = (await service.table("jobs").select("kind").eq("company_id", clinic.company_id)
            .eq("kind", "deliver_reply").execute()).data
    assert len(jobs) == 1
    audit = (await service.table("audit_log").select("entity_id,details")
             .eq("company_id", clinic.company_id)
             .eq("action", "appointment.confirmation_sent").execute()).data
    assert [entry["entity_id"] for entry in audit] == [visit]

    # Another clinic cannot send on this appointment, even straight to the database with its
    # own conversation and template; nor can this clinic mark another client's conversation.
    stranger = await new_clinic("Clínica Vizinha")
    theirs = await stranger.user()
    their_template = await templates.save(theirs, stranger.company_id, templates.Draft(
        "confirmacao_consulta", "pt_BR", "Oi {{1}}", "approved"))
    their_thread = await conversations.start(theirs, phone(), "Alguém")
    with pytest.raises(Refused) as refused:
        await confirmations.send(theirs, visit, their_template["id"])
    assert refused.value.reason == "appointment_not_found"
    with pytest.raises(APIError) as raw:
        await theirs.rpc("send_appointment_confirmation", {
            "p_appointment_id": visit, "p_conversation_id": their_thread,
            "p_template_id": their_template["id"], "p_variables": ["Joana"]}).execute()
    assert raw.value.hint == "appointment_not_found"
    own_other = await conversations.start(await clinic.user(), phone(), "Outra Pessoa")
    with pytest.raises(APIError) as raw:
        await (await clinic.user()).rpc("send_appointment_confirmation", {
            "p_appointment_id": visit, "p_conversation_id": own_other,
            "p_template_id": message_template_id, "p_variables": ["Joana"]}).execute()
    assert raw.value.hint == "not_found"
    assert len((await service.table("interactions").select("id")
                .eq("direction", "outbound").in_("company_id", [
                    clinic.company_id, stranger.company_id]).execute()).data) == 1


async def test_several_templates_are_chosen_from_and_none_is_said_in_words(app_env, server):
    ready, ids = await risky_clinic()
    clinic = ready.clinic
    visit = ids["Joana Prado visit"]
    service = await service_client()

    async def save(name: str, body: str, status: str = "approved") -> dict:
        return await templates.save(await clinic.user(), clinic.company_id,
                                    templates.Draft(name, "pt_BR", body, status))

    async def outbound() -> list[dict]:
        return (await service.table("interactions").select("metadata")
                .eq("company_id", clinic.company_id).eq("direction", "outbound")
                .execute()).data

    async with server.event_of(HomeRiskState, "home", clinic.cookie) as home:
        assert await home.require_clinic_member() is None
        assert await home.load_counters() is None
        # No template at all, then only one not about confirmation: refused in words.
        for name in (None, "promocao_maio"):
            if name:
                await save(name, "Oi {{1}}")
            assert await home.send_confirmation(visit) is None
            assert home.risk_error == PT["risk.error.no_template"]
            assert home.risk_no_template and home.risk_for == visit
            assert home.risk_message == ""

        # A pending one is not offered; two approved ones are offered to choose from.
        await save("confirmar_agendamento", BODY, "pending")
        await save("confirmacao_consulta", BODY)
        short = await save("confirmacao_curta", "{{1}}, confirma {{2}} às {{3}}?")
        assert await home.send_confirmation(visit) is None
        assert home.choosing and home.risk_error == "" and await outbound() == []
        assert [c.label for c in home.choices] == ["confirmacao_consulta (pt_BR)",
                                                   "confirmacao_curta (pt_BR)"]
        assert home.choices[1].preview.startswith("Joana, confirma ")
        home.choose(short["id"])
        assert await home.send_chosen() is None
        assert not home.choosing and home.risk_error == ""
        [message] = await outbound()
        assert message["metadata"]["template"]["name"] == "confirmacao_curta"
        assert len(message["metadata"]["template"]["variables"]) == 3

        # A template asking for the service, on an appointment without one: said in words.
        bare = await booked(clinic.company_id, ids["Joana Prado"], 4)
        await templates.delete(await clinic.user(), short["id"])
        assert await home.load_counters() is None
        assert await home.send_confirmation(bare) is None
        assert home.risk_error == PT["risk.error.confirmation_missing"]
        assert len(await outbound()) == 1


def test_reasons_read_in_each_language_and_unknown_ones_as_written():
    from omni_app.state.risk_rows import label, reasons
    codes = ["prior_no_shows:1", "late_cancellations:3", "unanswered_confirmation",
             "Disse que talvez viaje"]
    assert reasons(codes, PT, "pt-BR") == ("1 falta anterior · 3 cancelamentos em cima da hora"
                                           " · Não respondeu à confirmação · "
                                           "Disse que talvez viaje")
    assert label("high", ["prior_no_shows:2"], CATALOGS["en"], "en") == \
        "No-show risk: high — 2 earlier no-shows"
    assert label("medium", [], CATALOGS["es"], "es") == "Riesgo de inasistencia: medio"
    assert label("low", codes, PT, "pt-BR") == label(None, codes, PT, "pt-BR") == ""
