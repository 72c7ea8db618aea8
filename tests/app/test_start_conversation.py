"""Starting a conversation with a number: the number as people type it, the client found or
created, one open conversation however often it is started, and the clinic's own only."""
from __future__ import annotations

from omni_app.domain import conversations
from tests.app.clinics import inbound, new_clinic
from tests.app.inbox_tabs import tab_token
from tests.app.test_states import redirect_target


async def test_a_new_number_gets_a_client_and_an_open_conversation_on_top(server, app_env):
    clinic = await new_clinic()
    await inbound(clinic.company_id, "Oi", name="Outra Pessoa", phone="+5511955550000")
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        inbox.set_starting(True)
        answer = await inbox.start_conversation({"phone": "(21) 98765-4321", "name": " Nina "})
        conversation_id = redirect_target(answer).removeprefix("/inbox/")
        assert not inbox.starting and inbox.start_error == ""
        assert inbox.threads[0].id == conversation_id
        assert inbox.threads[0].client_name == "Nina"

        again = await inbox.start_conversation({"phone": "+55 21 98765 4321"})
        assert redirect_target(again) == f"/inbox/{conversation_id}"

        inbox.set_starting(True)
        assert await inbox.start_conversation({"phone": "12"}) is None
        assert inbox.starting and inbox.start_error.startswith("Informe um telefone válido")

    user = await clinic.user()
    thread = await conversations.conversation(user, conversation_id)
    assert (thread["client_phone"], thread["channel"], thread["status"]) == (
        "+5521987654321", "whatsapp", "active")


async def test_a_known_client_keeps_their_conversation_and_clinics_stay_apart(app_env):
    clinic = await new_clinic()
    other = await new_clinic()
    wrote = await inbound(clinic.company_id, "Bom dia", name="Rita", phone="+5511955551111")
    user = await clinic.user()
    assert await conversations.start(user, "11 95555-1111") == wrote["conversation_id"]
    theirs = await conversations.start(await other.user(), "11 95555-1111")
    assert theirs != wrote["conversation_id"]
    assert await conversations.conversation(user, theirs) is None
