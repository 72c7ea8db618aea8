"""The analyst's card over real snapshots (made by `runs.snapshot` against localbase, with the
fake OpenAI server for the AI's), and "Atualizar análise" through the tab server and RLS: a
staff member's refresh within 12 hours gets the same snapshot back and is told so, an admin's
forces a new one, another clinic's client is refused (translated) and nothing is stored, and a
conversation closed in the inbox reaches the panel once the job worker has run the analysis."""
from __future__ import annotations

from datetime import timedelta

from harness.fake_openai import FakeOpenAI
from omni_app import services
from omni_app.domain import clock
from omni_app.domain import client_panel as panel_reads
from omni_app.domain.analyst import analyzers, runs
from omni_app.i18n import CATALOGS
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.inbox_rows import Reader
from omni_app.state.snapshot_rows import snapshot_row
from tests.app.clinics import new_clinic
from tests.app.conftest import deliver_queued, joined_member, service_client
from tests.app.inbox_tabs import select, tab_token
from tests.app.test_client_panel import conversation_with_client

PT = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
REFRESHED = "Análise atualizada."


async def stored(client_id: str) -> list[dict]:
    service = await service_client()
    return (await service.table("ai_context_snapshots").select("id,trigger,requested_by")
            .eq("client_id", client_id).order("generated_at").execute()).data


async def test_the_card_over_snapshots_the_analyst_made(app_env):
    clinic = await new_clinic()
    _, client_id = await conversation_with_client(clinic)
    user, now = await clinic.user(), clock.now()
    with FakeOpenAI() as fake:
        ai = analyzers.build("sk-test", fake.base_url, retries=0)
        made = await runs.snapshot(user, ai, clinic.company_id, client_id,
                                   trigger="conversation_closed", now=now)
        row = snapshot_row(made, PT)
        assert (row.risk_label, row.risk_color, row.reasons) == (
            "Alto", "red", ["2 faltas anteriores"])
        assert (row.intent, row.sentiment) == ("Remarcar", "Neutro")
        assert [(o.kind, o.quote) for o in row.objections] == [("Preço", "achei caro")]
        assert row.next_action == "Ofereça sexta às 9h e confirme na véspera."
        assert row.made == f"Gerada em {PT.when(now)} por IA · conversa encerrada"
        assert row.fallback == ""

        fake.script("500")
        failed = await runs.snapshot(user, ai, clinic.company_id, client_id, trigger="manual",
                                     now=now + timedelta(minutes=1), force=True)
        row = snapshot_row(failed, PT)
        assert row.fallback == "Feita pelas regras: a IA falhou (erro HTTP 500)."
        assert row.made.endswith(" por regras (heurística) · pedido da equipe")
    no_key = await runs.snapshot(user, analyzers.build(None), clinic.company_id, client_id,
                                 trigger="scheduled", now=now + timedelta(minutes=2), force=True)
    assert snapshot_row(no_key, PT).fallback == \
        "Feita pelas regras: o servidor não tem chave de API da IA."
    # What the panel reads is the latest, in the same shape.
    read = await panel_reads.panel(user, client_id, now)
    assert snapshot_row(read.snapshot, PT) == snapshot_row(no_key, PT)


async def test_a_staff_refresh_within_12_hours_gets_the_same_snapshot_and_says_so(
        server, app_env):
    clinic = await new_clinic()
    conversation, client_id = await conversation_with_client(clinic)
    _, staff = await joined_member(await clinic.user(), "staff", "Rita Recepção")
    token = tab_token()
    async with server.event(token, staff) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    async with server.panel(token) as panel:
        assert panel.snapshot.empty and not panel.snapshot_busy
    busy, answer = await server.refresh_snapshot(token)
    assert busy and answer is None
    async with server.panel(token) as panel:
        first = panel.snapshot
        assert not first.empty and not panel.snapshot_busy
        assert first.made.endswith(" por regras (heurística) · pedido da equipe")
        assert (panel.snapshot_note, panel.snapshot_refused) == (REFRESHED, False)
    await server.refresh_snapshot(token)
    async with server.panel(token) as panel:
        assert panel.snapshot.id == first.id
        when = first.made.removeprefix("Gerada em ").split(" por ")[0]
        assert panel.snapshot_note == (f"Análise recente de {when}; só um admin pode forçar "
                                       "outra agora.")
    [row] = await stored(client_id)
    assert row["trigger"] == "manual" and row["requested_by"] != clinic.user_id


async def test_an_admin_refresh_forces_a_new_snapshot(server, app_env):
    clinic = await new_clinic()
    _, client_id = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event_of(ClientProfileState, token, clinic.cookie,
                               f"/clients/{client_id}") as profile:
        await profile.open_profile()
        assert profile.found and profile.snapshot.empty
    ids = []
    for _ in range(2):
        await server.refresh_snapshot(token, ClientProfileState, "profile_id")
        async with server.event_of(ClientProfileState, token) as profile:
            assert profile.snapshot_note == REFRESHED and not profile.snapshot_busy
            ids.append(profile.snapshot.id)
    assert ids[0] != ids[1]
    assert [row["id"] for row in await stored(client_id)] == ids
    assert {row["requested_by"] for row in await stored(client_id)} == {clinic.user_id}
    async with server.event_of(ClientProfileState, token, path=f"/clients/{client_id}") \
            as profile:
        await profile.open_profile()          # a reload shows the latest
        assert profile.snapshot.id == ids[1]


async def test_another_clinics_client_is_refused_and_nothing_is_stored(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    conversation, client_id = await conversation_with_client(clinic)
    await runs.snapshot(await clinic.user(), analyzers.build(None), clinic.company_id,
                        client_id, trigger="manual", now=clock.now())
    token = tab_token()
    async with server.event(token, other.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    async with server.panel(token) as panel:
        # Even pointed at it (the browser cannot set this): nothing reads, nothing is made.
        await panel._show_client(await other.user(), client_id)
        assert not panel.found and panel.snapshot.empty
    await server.refresh_snapshot(token)
    async with server.panel(token) as panel:
        assert panel.snapshot_refused and not panel.snapshot_busy
        assert panel.snapshot_note == "Este cliente não existe mais ou não é desta clínica."
        assert panel.snapshot.empty
    assert len(await stored(client_id)) == 1
    # Their profile tab does not even offer it.
    profile_tab = tab_token()
    async with server.event_of(ClientProfileState, profile_tab, other.cookie,
                               f"/clients/{client_id}") as profile:
        await profile.open_profile()
        assert not profile.found and profile.snapshot.empty


async def test_a_signed_out_refresh_goes_to_the_sign_in_page(server, app_env):
    clinic = await new_clinic()
    conversation, _ = await conversation_with_client(clinic)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
    await (await services.current().session_store()).revoke(clinic.cookie)
    _, answer = await server.refresh_snapshot(token)
    assert "/login" in str(answer)
    async with server.panel(token) as panel:
        assert not panel.snapshot_busy and panel.snapshot.empty


async def test_a_closed_conversation_reaches_the_panel_after_the_analysis(server, app_env):
    clinic = await new_clinic()
    conversation, client_id = await conversation_with_client(clinic)
    _, staff = await joined_member(await clinic.user(), "staff")
    token = tab_token()
    async with server.event(token, staff) as inbox:
        await inbox.open_inbox()
        await select(inbox, conversation)
        await inbox.close_conversation()
    async with server.panel(token) as panel:
        assert panel.snapshot.empty             # queued, not yet run
    await deliver_queued()                      # the app's job worker
    [row] = await stored(client_id)
    assert row["trigger"] == "conversation_closed"
    await server.sync_panel(token, await server.publish(clinic.company_id))
    async with server.panel(token) as panel:
        assert panel.snapshot.id == row["id"]
        assert panel.snapshot.made.endswith(" por regras (heurística) · conversa encerrada")
