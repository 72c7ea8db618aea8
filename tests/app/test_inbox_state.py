"""The inbox's state handlers as the server runs them for a tab: real sessions, real RLS, and the
shared-state links Reflex makes (one in-memory state manager, each event under its locks)."""
from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from omni_app import services
from omni_app.domain import outbound
from omni_app.state.inbox_live import InboxLive, clinic_token, fetch_live
from tests.app.conftest import deliver_queued, service_client
from tests.app.clinics import connect, inbound, new_clinic
from tests.app.inbox_tabs import select, tab_token
from tests.app.test_states import redirect_target
from tests.fakes.n8n import FakeN8n


def ago(**delta) -> datetime:
    return datetime.now(timezone.utc) - timedelta(**delta)


async def test_a_signed_out_tab_is_sent_to_login(server, app_env):
    async with server.event(tab_token(), None) as inbox:
        assert redirect_target(await inbox.open_inbox()).startswith("/login?next=%2Finbox")


async def test_list_newest_first_with_filters_and_search(server, app_env):
    clinic = await new_clinic()
    old = await inbound(clinic.company_id, "Primeira", name="Beatriz Antiga",
                        phone="+5511911112222", occurred_at=ago(hours=3))
    new = await inbound(clinic.company_id, "Segunda", name="Carlos Novo",
                        phone="+5521933334444", occurred_at=ago(minutes=5))
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        assert await inbox.open_inbox() is None
        assert [c.id for c in inbox.threads] == [new["conversation_id"],
                                                       old["conversation_id"]]
        first = inbox.threads[0]
        assert (first.client_name, first.preview, first.unread, first.age) == \
            ("Carlos Novo", "Segunda", 1, "5 min")
        await inbox.set_search("beatriz")
        assert [c.client_name for c in inbox.threads] == ["Beatriz Antiga"]
        await inbox.set_search("(21) 93333")
        assert [c.client_name for c in inbox.threads] == ["Carlos Novo"]
        await inbox.set_search('x,"y)')  # PostgREST's own syntax in a search is just text
        assert inbox.threads == []
        await inbox.set_search("")
        await inbox.set_channel_filter("instagram")
        assert inbox.threads == []
        await inbox.set_channel_filter("whatsapp")
        await select(inbox, new["conversation_id"])
        await inbox.set_unread_only(True)
        assert [c.client_name for c in inbox.threads] == ["Beatriz Antiga"]
        await inbox.set_unread_only(False)
        await inbox.close_conversation()
        assert [c.client_name for c in inbox.threads] == ["Beatriz Antiga"]
        await inbox.set_status_filter("closed")
        assert [c.client_name for c in inbox.threads] == ["Carlos Novo"]


async def test_opening_marks_read_pages_older_and_warns_after_24h(server, app_env):
    clinic = await new_clinic(timezone_name="America/Manaus")
    base = ago(days=2)
    first = await inbound(clinic.company_id, "m0", phone="+5511977770000", occurred_at=base)
    for n in range(1, 70):  # some share a timestamp: the keyset must not skip or repeat them
        await inbound(clinic.company_id, f"m{n}", phone="+5511977770000",
                      occurred_at=base + timedelta(seconds=1 + n // 2))
    conversation_id = first["conversation_id"]
    async with server.event(tab_token(), clinic.cookie, f"/inbox?c={conversation_id}") as inbox:
        await inbox.open_inbox()
        assert inbox.selected_id == conversation_id and inbox.window_closed
        assert len(inbox.messages) == 30 and inbox.has_older
        assert inbox.threads[0].unread == 0
        local = base.astimezone(ZoneInfo("America/Manaus")).strftime("%d/%m/%Y %H:%M")
        await inbox.load_older()
        await inbox.load_older()
        texts = [m.text for m in inbox.messages]
        assert not inbox.has_older and len(texts) == 70 and len(set(texts)) == 70
        assert inbox.messages[0].text == "m0" and inbox.messages[0].time == local
    service = await service_client()
    thread = (await service.table("conversation_threads").select("unread_count")
              .eq("id", conversation_id).execute()).data[0]
    assert thread["unread_count"] == 0

    recent = await inbound(clinic.company_id, "oi", phone="+5511966660000")
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, recent["conversation_id"])
        assert not inbox.window_closed and inbox.messages[-1].status == "received"


async def test_tabs_link_to_their_own_clinic_and_refetch_on_its_changes(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    seed = await inbound(clinic.company_id, "Olá", phone="+5511944440000")
    reader, writer, neighbour = tab_token(), tab_token(), tab_token()
    for token, who in ((reader, clinic), (writer, clinic), (neighbour, other)):
        async with server.event(token, who.cookie) as inbox:
            await inbox.open_inbox()
            assert inbox.company_id == who.company_id
            assert inbox._reflex_internal_links[InboxLive.get_full_name()] == \
                clinic_token(who.company_id)
    async with server.event(reader, clinic.cookie) as inbox:
        await select(inbox, seed["conversation_id"])  # marks read: a change

    before = await server.version(writer)
    assert before >= 1 and await server.version(neighbour) == 0
    await inbound(clinic.company_id, "Chegou agora", phone="+5511944440000")
    await server.publish(clinic.company_id)

    assert await server.version(reader) == before + 1
    assert await server.version(neighbour) == 0
    await server.sync(reader, before + 1)
    async with server.event(reader, clinic.cookie) as inbox:
        assert inbox.messages[-1].text == "Chegou agora"
        assert inbox.threads[0].preview == "Chegou agora"
        assert inbox.threads[0].unread == 0  # open on screen: read
    async with server.event(neighbour, other.cookie) as inbox:
        assert inbox.threads == []


async def test_reply_shows_queued_then_sent_and_a_failed_one_can_be_retried(
        server, app_env, monkeypatch):
    current = services.current()
    monkeypatch.setattr(current, "delivery", dataclasses.replace(
        current.delivery, rules=outbound.Policy(attempts=2, first_wait=0.01, max_wait=0.02,
                                                timeout=0.5)))
    clinic = await new_clinic()
    with FakeN8n() as n8n:
        n8n.secret = await connect(clinic, n8n.url)
        conversation_id = (await inbound(clinic.company_id, "Oi",
                                         phone="+5511922220000"))["conversation_id"]
        token = tab_token()
        async with server.event(token, clinic.cookie) as inbox:
            await inbox.open_inbox()
            await select(inbox, conversation_id)
            n8n.reject_all(500)
            await inbox.send_message({"text": "  Bom dia!\nTudo bem?  "})
            mine = inbox.messages[-1]
            assert (mine.text, mine.status, mine.outbound) == ("Bom dia!\nTudo bem?", "queued",
                                                               True)
            assert inbox.threads[0].outbound_preview
        await deliver_queued()
        async with server.event(token, clinic.cookie) as inbox:
            await inbox._refresh_pane(await inbox._user_client())
            failed = inbox.messages[-1]
            assert (failed.status, failed.error, failed.error_detail) == (
                "failed", "O n8n recusou (500) após 2 tentativas.",
                "n8n answered HTTP 500 (after 2 attempts)")
            await inbox._reload_list(await inbox._user_client())
            assert inbox.threads[0].failed            # the list marks it
            n8n.recover()
            await inbox.retry_message(failed.id)
            assert inbox.messages[-1].status == "queued"
        await deliver_queued()
        async with server.event(token, clinic.cookie) as inbox:
            await inbox._refresh_pane(await inbox._user_client())
            assert inbox.messages[-1].status == "sent"
            await inbox._reload_list(await inbox._user_client())
            assert not inbox.threads[0].failed
            await inbox.retry_message(failed.id)
            assert inbox.notice == inbox.tr["inbox.error.not_failed"]
        assert n8n.bad_signatures == 0


async def test_reopen_conflict_and_closed_composer(server, app_env):
    clinic = await new_clinic()
    first = await inbound(clinic.company_id, "antiga", phone="+5511900001111",
                          occurred_at=ago(days=3))
    second = await inbound(clinic.company_id, "nova", phone="+5511900001111")
    assert first["conversation_id"] != second["conversation_id"]  # a gap over 24 h
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, first["conversation_id"])
        assert inbox.header.closed
        await inbox.reopen_conversation()
        assert inbox.notice == inbox.tr["inbox.error.conflict"] and inbox.header.closed
        await inbox.send_message({"text": "oi"})
        assert inbox.notice == inbox.tr["inbox.error.closed"]
        await select(inbox, second["conversation_id"])
        await inbox.close_conversation()
        assert inbox.header.closed
        await inbox.reopen_conversation()
        assert not inbox.header.closed and inbox.notice == ""


async def test_an_older_live_fetch_never_overwrites_a_newer_screen(server, app_env):
    clinic = await new_clinic()
    await inbound(clinic.company_id, "primeira", phone="+5511933330000")
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        slow = inbox._live_request(inbox._seen_version + 1)
    stale = await fetch_live(slow)
    await inbound(clinic.company_id, "segunda", phone="+5511933331111")
    async with server.event(token) as inbox:
        await inbox._reload_list(await inbox._user_client())  # a handler shows newer data
        assert len(inbox.threads) == 2
        await inbox._apply_live(stale)  # the slow fetch lands afterwards: ignored
        assert len(inbox.threads) == 2
        fast = inbox._live_request(inbox._seen_version + 1)
    fresh = await fetch_live(fast)
    async with server.event(token) as inbox:
        await inbox._apply_live(fresh)
        assert [t.preview for t in inbox.threads] == ["segunda", "primeira"]


async def test_a_conversation_that_is_gone_says_so(server, app_env):
    clinic = await new_clinic()
    await inbound(clinic.company_id, "oi", phone="+5511944440000")
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, str(uuid.uuid4()))
        assert inbox.notice == inbox.tr["inbox.error.not_found"] and inbox.selected_id == ""
        await select(inbox, inbox.threads[0].id)
        assert inbox.notice == "" and inbox.selected_id == inbox.threads[0].id
