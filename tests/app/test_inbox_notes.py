"""Private notes and quoted replies, through the state handlers, the real client and RLS: a note
is seen by the clinic's staff in the conversation's timeline and never leaves Omni; a reply that
quotes a message shows the quote and hands n8n the provider's id of the quoted message."""
from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from omni_app.domain import conversations, outbound
from omni_app.domain.refusals import Refused
from tests.app.clinics import connect, inbound, new_clinic
from tests.app.conftest import deliver_queued
from tests.app.inbox_tabs import select, tab_token
from tests.fakes.n8n import FakeN8n


async def test_a_note_is_for_the_team_only_and_never_sent(server, app_env):
    clinic = await new_clinic()
    other = await new_clinic()
    with FakeN8n() as n8n:
        n8n.secret = await connect(clinic, n8n.url)
        first = await inbound(clinic.company_id, "Quanto custa o clareamento?",
                              phone="+5511933330001", name="Lia")
        conversation_id = first["conversation_id"]
        async with server.event(tab_token(), clinic.cookie) as inbox:
            await inbox.open_inbox()
            await select(inbox, conversation_id)
            inbox.set_composer_mode("note")
            await inbox.send_message({"text": "  Paciente sensível a preço; oferecer parcelamento  "})
            note = inbox.messages[-1]
            assert (note.note, note.text, note.outbound, note.status) == (
                True, "Paciente sensível a preço; oferecer parcelamento", False, "")
            assert note.author and inbox.composer_mode == "reply"
            assert inbox.threads[0].preview == "Quanto custa o clareamento?"   # not a message
        await deliver_queued()
        assert n8n.requests == []
        await inbound(clinic.company_id, "Pode ser em 3x?", phone="+5511933330001")
        async with server.event(tab_token(), clinic.cookie) as inbox:
            await inbox.open_inbox()
            await select(inbox, conversation_id)
            assert [(row.note, row.text[:14]) for row in inbox.messages] == [
                (False, "Quanto custa o"), (True, "Paciente sensí"), (False, "Pode ser em 3x")]

    theirs = await other.user()
    assert (await theirs.table("conversation_notes").select("id").execute()).data == []
    page = await conversations.messages(await clinic.user(), conversation_id)
    assert all("Paciente sensível" not in (row["content"] or "") for row in page.rows)
    with pytest.raises(Refused):                       # another clinic's conversation
        await conversations.add_note(theirs, conversation_id, "intrusa")
    with pytest.raises(APIError):                      # notes are written only by the function
        await (await clinic.user()).table("conversation_notes").insert({
            "company_id": clinic.company_id, "conversation_id": conversation_id,
            "body": "direto"}).execute()


async def test_a_reply_quotes_a_message_and_n8n_gets_its_provider_id(server, app_env):
    clinic = await new_clinic()
    with FakeN8n() as n8n:
        n8n.secret = await connect(clinic, n8n.url)
        asked = await inbound(clinic.company_id, "Tem horário sábado?", phone="+5511933330002",
                              name="Rui")
        elsewhere = await inbound(clinic.company_id, "Oi", phone="+5511933330003")
        async with server.event(tab_token(), clinic.cookie) as inbox:
            await inbox.open_inbox()
            await select(inbox, asked["conversation_id"])
            inbox.quote_message(asked["interaction_id"])
            assert (inbox.replying_to.id, inbox.replying_to.text) == (
                asked["interaction_id"], "Tem horário sábado?")
            await inbox.send_message({"text": "Temos às 9h!"})
            reply = inbox.messages[-1]
            assert (reply.text, reply.quote, reply.quote_outbound) == (
                "Temos às 9h!", "Tem horário sábado?", False)
            assert inbox.replying_to.id == ""
        await deliver_queued()
        [request] = n8n.wait_for(1)
        external = (await (await clinic.user()).table("interactions")
                    .select("external_message_id").eq("id", asked["interaction_id"])
                    .execute()).data[0]["external_message_id"]
        assert request.json["context"] == {"message_id": external}

        user = await clinic.user()
        with pytest.raises(Refused) as refused:
            await outbound.send(user, asked["conversation_id"], "x",
                                reply_to=elsewhere["interaction_id"])
        assert refused.value.reason == "bad_quote"
