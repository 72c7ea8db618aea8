"""Quick replies through the admin page's handlers and the inbox, with real RLS: admins write,
everyone reads their own clinic's, and a conversation gets them filled in for its client."""
from __future__ import annotations

import pytest

from omni_app.domain import quick_replies
from omni_app.domain.refusals import Refused
from omni_app.state.quick_replies import QuickRepliesState
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import as_user, joined_member, services, tab
from tests.app.inbox_tabs import select, tab_token


async def test_admins_write_quick_replies_and_the_page_says_what_happened(app_env):
    clinic = await new_clinic("Clínica Sorriso")
    page = tab(QuickRepliesState, clinic.cookie, "/settings/quick-replies")
    await page.load()
    assert page.replies == []
    await page.save({"shortcut": "/Confirmar", "body": "Oi {{nome}}, confirmado na {{clinica}}!"})
    assert page.message == "Resposta /confirmar salva." and page.error == ""
    assert [(r.shortcut, r.body) for r in page.replies] == [
        ("confirmar", "Oi {{nome}}, confirmado na {{clinica}}!")]
    await page.save({"shortcut": "confirmar", "body": "outra"})
    assert page.error == "Já existe uma resposta com esse atalho."
    await page.save({"shortcut": "horário sábado", "body": "x"})
    assert page.error.startswith("Use no atalho letras minúsculas")
    await page.save({"shortcut": "vazio", "body": "   "})
    assert page.error.startswith("Escreva o texto")
    reply_id = page.replies[0].id
    page.edit(reply_id)
    await page.save({"id": reply_id, "shortcut": "confirma", "body": "Até amanhã, {{nome}}!"})
    assert [(r.shortcut, r.body) for r in page.replies] == [("confirma", "Até amanhã, {{nome}}!")]
    assert page.editing_id == ""

    other = await new_clinic()
    assert await quick_replies.listed(await other.user()) == []      # their own clinic's only

    _, cookie = await joined_member(await clinic.user())
    active = await (await services.current().session_store()).resolve(cookie)
    staff = await as_user(active.access_token)
    assert [r["shortcut"] for r in await quick_replies.listed(staff)] == ["confirma"]
    with pytest.raises(Refused) as refused:
        await quick_replies.save(staff, clinic.company_id, "nova", "texto")
    assert refused.value.reason == "forbidden"
    with pytest.raises(Refused):
        await quick_replies.delete(staff, reply_id)
    staff_page = tab(QuickRepliesState, cookie, "/settings/quick-replies")
    assert (await staff_page.load()) is not None                     # sent away: admins only

    await page.delete(reply_id)
    assert page.replies == [] and page.message == "Resposta rápida excluída."


async def test_a_conversation_gets_the_quick_replies_filled_in(server, app_env):
    clinic = await new_clinic("Clínica Sorriso")
    await quick_replies.save(await clinic.user(), clinic.company_id, "oi",
                             "Olá {{nome}}, aqui é a {{clinica}}. {{data}}?")
    row = await inbound(clinic.company_id, "Oi", name="Beatriz Lima", phone="+5511944440000")
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, row["conversation_id"])
        assert [(r.shortcut, r.body) for r in inbox.quick_replies] == [
            ("oi", "Olá Beatriz, aqui é a Clínica Sorriso. {{data}}?")]
