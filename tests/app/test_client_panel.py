"""The inbox's client panel through the tab server and RLS: opening a conversation loads its
client (identities, the next scheduled or confirmed appointment, the first three pinned notes,
the analyst's latest snapshot), a stage change is recorded in the history and refused
(translated) into an archived stage, owner and tags change in place, a change made elsewhere
shows after the clinic's counter moves, and another clinic's client never shows nor changes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from omni_app.domain import client_profile, clients, pipeline
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.inbox_live import link_to_clinic
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import service_client
from tests.app.inbox_tabs import select, tab_token
from tests.app.test_inbox_assignee import colleague

PHONE = "+5511987650001"


async def conversation_with_client(clinic, name: str = "Rita Nogueira",
                                   phone: str = PHONE) -> tuple[str, str]:
    """(conversation id, client id) of a patient who wrote on WhatsApp."""
    wrote = await inbound(clinic.company_id, "Oi, queria remarcar", name=name, phone=phone)
    service = await service_client()
    client_id = (await service.table("conversation_threads").select("client_id")
                 .eq("id", wrote["conversation_id"]).execute()).data[0]["client_id"]
    return wrote["conversation_id"], client_id


async def seed(clinic, client_id: str, professional_id: str) -> None:
    """Appointments (past, a cancelled one sooner than the next, the next confirmed one, a later
    one), five notes of which four pinned, and two snapshots."""
    service, now = await service_client(), datetime.now(timezone.utc)
    svc = (await service.table("services").insert({
        "company_id": clinic.company_id, "name": "Clareamento", "price": 400,
        "duration_minutes": 60}).execute()).data[0]["id"]
    for days, status in [(-3, "completed"), (1, "cancelled"), (2, "confirmed"),
                         (9, "scheduled")]:
        start = (now + timedelta(days=days)).replace(hour=17, minute=30, second=0,
                                                     microsecond=0)
        await service.table("appointments").insert({
            "company_id": clinic.company_id, "client_id": client_id, "service_id": svc,
            "professional_id": professional_id if days == 2 else None,
            "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(),
            "status": status}).execute()
    user = await clinic.user()
    for index in range(5):
        note = await client_profile.add_note(user, client_id, f"Nota {index}")
        if index:
            await client_profile.pin_note(user, note["id"], True)
    for hours, summary, risk in [(5, "Resumo antigo", "low"), (1, "Quer clarear antes do "
                                                               "casamento; sensível ao frio.",
                                                               "high")]:
        await service.table("ai_context_snapshots").insert({
            "company_id": clinic.company_id, "client_id": client_id, "summary": summary,
            "important_flags": {"no_show_risk": {"level": risk, "reasons": ["wants_to_cancel"]}},
            "trigger": "scheduled", "model": "test",
            "generated_at": (now - timedelta(hours=hours)).isoformat()}).execute()


async def test_opening_a_conversation_shows_its_client(server, app_env):
    clinic = await new_clinic()
    dentist = await colleague(clinic.company_id, "Dra. Helena Prado")
    conversation, client_id = await conversation_with_client(clinic)
    await seed(clinic, client_id, dentist)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    async with server.panel(token) as panel:
        assert panel.found and panel.client_id == client_id
        assert (panel.card.name, panel.card.phone, panel.kind_label) == (
            "Rita Nogueira", "(11) 98765-0001", "Lead")
        assert panel.card.whatsapp == ""            # the same number as the phone
        assert panel.profile_href == f"/clients/{client_id}"
        assert panel.card.stage == "new" and panel.stage_shown.name == "Novo lead"
        assert [s.key for s in panel.stage_choices] == list(pipeline.DEFAULT_KEYS)
        assert panel.owner_value == "none"
        assert {o.id for o in panel.owners} == {clinic.user_id, dentist}
        assert panel.appointment.service == "Clareamento"
        assert panel.appointment.professional == "com Dra. Helena Prado"
        assert panel.appointment.status_label == "Confirmado"
        assert panel.appointment.when.endswith("14:30")    # 17:30 UTC in São Paulo
        assert [n.body for n in panel.pinned] == ["Nota 4", "Nota 3", "Nota 2"]
        assert panel.snapshot.summary.startswith("Quer clarear")
        assert (panel.snapshot.risk, panel.snapshot.risk_label) == ("high", "Alto")
        assert panel.snapshot.reasons == ["Disse que quer cancelar"]
        assert panel.snapshot.made.startswith("Gerada em ")


async def test_a_client_with_nothing_yet_shows_the_empty_states(server, app_env):
    clinic = await new_clinic()
    conversation, _ = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    async with server.panel(token) as panel:
        assert panel.found and panel.appointment.when == ""
        assert panel.pinned == [] and panel.snapshot.empty


async def test_stage_changes_are_recorded_and_refusals_translated(server, app_env):
    clinic = await new_clinic()
    conversation, client_id = await conversation_with_client(clinic)
    await pipeline.archive(await clinic.user(), "lost", None)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
        version = inbox._seen_version
    async with server.panel(token) as panel:
        assert "lost" not in {s.key for s in panel.stage_choices}
        await panel.set_stage("qualified")
        assert (panel.field, panel.message, panel.notice) == (
            "stage", "Etapa alterada para Qualificado.", "")
        assert panel.card.stage == "qualified"
        assert panel._seen_version == version + 1       # the clinic's other pages follow
        await panel.set_stage("lost")
        assert panel.notice == "Esta etapa foi arquivada: escolha outra."
        await panel.set_stage("nonexistent")
        assert panel.notice == "Escolha uma etapa da lista."
        assert panel.card.stage == "qualified" and panel.message == ""
    service = await service_client()
    recorded = (await service.table("pipeline_stage_changes")
                .select("from_stage,to_stage,changed_by").eq("client_id", client_id)
                .order("changed_at").execute()).data
    assert recorded[1:] == [{"from_stage": "new", "to_stage": "qualified",
                             "changed_by": clinic.user_id}]


async def test_owner_and_tags_change_in_place(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    sergio = await colleague(clinic.company_id)
    stranger = await colleague(other.company_id, "Otávio Outra")
    conversation, client_id = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    async with server.panel(token) as panel:
        await panel.set_owner(sergio)
        assert (panel.owner_value, panel.message) == (sergio, "Responsável: Sérgio Recepção.")
        await panel.set_owner(stranger)
        assert panel.notice == "Escolha um membro ativo da equipe como responsável."
        assert panel.owner_value == sergio
        await panel.set_owner("none")
        assert (panel.owner_value, panel.message) == ("none", "Cliente sem responsável.")
        await panel.set_owner(clinic.user_id)

        panel.edit_tags(True)
        await panel.save_tags({"tags": "vip, clareamento, VIP"})
        assert panel.card.tags == ["vip", "clareamento"] and not panel.editing_tags
        assert (panel.field, panel.message) == ("tags", "Etiquetas salvas.")
        await panel.save_tags({"tags": "🙂"})
        assert panel.notice.startswith("Etiqueta inválida")
        assert panel.card.tags == ["vip", "clareamento"]
    service = await service_client()
    assert (await service.table("clients").select("owner_id,tags").eq("id", client_id)
            .execute()).data == [{"owner_id": clinic.user_id, "tags": ["vip", "clareamento"]}]


async def test_a_change_made_elsewhere_shows_when_the_counter_moves(server, app_env):
    clinic = await new_clinic()
    conversation, client_id = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    await clients.move(await clinic.user(), client_id, "scheduled")   # on the profile, say
    async with server.panel(token) as panel:
        assert panel.card.stage == "new"
    await server.sync_panel(token, await server.publish(clinic.company_id))
    async with server.panel(token) as panel:
        assert panel.card.stage == "scheduled" and panel.stage_shown.name == "Agendado"


async def test_a_stage_changed_on_the_profile_reaches_the_panel(server, app_env):
    clinic = await new_clinic()
    conversation, client_id = await conversation_with_client(clinic)
    inbox_tab, profile_tab = tab_token(), tab_token()
    async with server.event(inbox_tab, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
        before = inbox._seen_version
    async with server.event_of(ClientProfileState, profile_tab, clinic.cookie,
                               f"/clients/{client_id}") as profile:
        await link_to_clinic(profile, clinic.company_id)    # what every page's shell does
        await profile.open_profile()
        await profile.set_stage("won")
        assert profile.notice == ""
    version = await server.version(inbox_tab)
    assert version == before + 1
    await server.sync_panel(inbox_tab, version)
    async with server.panel(inbox_tab) as panel:
        assert panel.card.stage == "won" and panel.stage_shown.name == "Paciente"


async def test_another_clinics_client_never_shows_nor_changes(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    conversation, client_id = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event(token, other.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
        assert inbox.selected_id == "" and inbox.notice != ""
    async with server.panel(token) as panel:
        assert panel.client_id == "" and not panel.found
        # Even pointed at it (the browser cannot set this): nothing reads, nothing changes.
        await panel._show_client(await other.user(), client_id)
        assert panel.loaded and not panel.found and panel.card.name == ""
        await panel.set_stage("won")
        assert panel.notice == "Este cliente não existe mais ou não é desta clínica."
        await panel.set_owner(other.user_id)
        await panel.save_tags({"tags": "intruso"})
        assert not panel.found
    service = await service_client()
    assert (await service.table("clients").select("pipeline_stage,owner_id,tags")
            .eq("id", client_id).execute()).data == [
        {"pipeline_stage": "new", "owner_id": None, "tags": []}]
