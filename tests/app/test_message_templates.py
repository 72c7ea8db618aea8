"""WhatsApp message templates with real RLS and a real PostgreSQL: admins write them from
/settings/templates (audited), staff only read them, clinics never see each other's;
`queue_template_message` refuses what Meta would (or what is not the caller's), and a template
sent from the profile reaches a fake n8n as `template: {name, language, variables}` with the
rendered text, which is also what the conversation shows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import conversations
from omni_app.domain import message_templates as templates
from omni_app.domain.refusals import Refused
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.message_templates import MessageTemplatesState
from omni_app.state.template_send import TemplateSendState
from tests.app.clinics import connect, inbound, new_clinic
from tests.app.conftest import as_user, deliver_queued, joined_member, service_client, \
    services, tab
from tests.app.test_states import redirect_target
from tests.fakes.n8n import FakeN8n

PAGE = "/settings/templates"


async def staff_of(clinic):
    """A staff member of the clinic: (their client, their cookie)."""
    _, cookie = await joined_member(await clinic.user())
    active = await (await services.current().session_store()).resolve(cookie)
    return await as_user(active.access_token), cookie


async def approved(clinic, body: str = "Olá {{1}}, sua consulta é {{2}}.",
                   name: str = "lembrete_consulta", status: str = "approved") -> dict:
    return await templates.save(await clinic.user(), clinic.company_id,
                                templates.Draft(name, "pt_BR", body, status))


async def audit_actions(company_id: str) -> list[str]:
    rows = (await (await service_client()).table("audit_log").select("action,details")
            .eq("company_id", company_id).like("action", "template.%").order("at")
            .execute()).data
    return [row["action"] for row in rows]


async def test_admins_write_templates_and_the_page_says_what_happened(app_env):
    clinic = await new_clinic("Clínica Sorriso")
    page = tab(MessageTemplatesState, clinic.cookie, PAGE)
    assert await page.load() is None and page.rows == []
    page.set_draft_body("Olá {{1}}, até {{2}}")
    assert page.preview_text == "Olá exemplo 1, até exemplo 2"
    assert page.preview_note == "2 variável(is)"
    page.set_draft_body("Olá {{2}}")
    assert page.preview_note.startswith("As variáveis precisam ser")

    await page.save({"name": "Lembrete Consulta", "language": "pt-br",
                     "body": "Olá {{1}}, sua consulta é {{2}}.", "status": "pending"})
    assert page.error == "" and page.message == "Modelo lembrete_consulta (pt_BR) salvo."
    [row] = page.rows
    assert (row.name, row.language, row.status) == ("lembrete_consulta", "pt_BR", "pending")
    refusals = {
        "duplicate": {"name": "lembrete_consulta", "language": "pt_BR", "body": "Outro"},
        "name": {"name": "lembrete-consulta!", "language": "pt_BR", "body": "x"},
        "placeholders": {"name": "ok", "language": "pt_BR", "body": "Olá {{1}} {{3}}"},
        "too_long": {"name": "ok", "language": "pt_BR", "body": "x" * 1025},
        "language": {"name": "ok", "language": "português", "body": "x"},
    }
    said = {}
    for reason, form in refusals.items():
        await page.save({**form, "status": "pending"})
        said[reason] = page.error
    assert said == {
        "duplicate": "Já existe um modelo com esse nome nesse idioma.",
        "name": "Use no nome letras minúsculas, dígitos e _ (até 512), como na Meta.",
        "placeholders": "As variáveis precisam ser {{1}}, {{2}}… numeradas a partir de 1, sem "
                        "pular números.",
        "too_long": "O texto do modelo pode ter até 1024 caracteres.",
        "language": "Use um código de idioma como pt_BR, en_US ou es."}
    # the same name in another language is another template
    await page.save({"name": "lembrete_consulta", "language": "es", "body": "Hola {{1}}"})
    assert [(r.name, r.language) for r in page.rows] == [("lembrete_consulta", "es"),
                                                          ("lembrete_consulta", "pt_BR")]

    page.edit(row.id)
    assert page.draft_body == "Olá {{1}}, sua consulta é {{2}}." and page.editing.id == row.id
    await page.save({"id": row.id, "name": "lembrete_consulta", "language": "pt_BR",
                     "body": "Oi {{1}}!", "status": "pending"})
    assert page.editing_id == "" and "Oi {{1}}!" in [r.body for r in page.rows]
    await page.set_status(row.id, "approved")
    assert page.message == "Status de lembrete_consulta (pt_BR): Aprovado."
    assert [r.status for r in page.rows if r.id == row.id] == ["approved"]
    await page.delete(page.rows[0].id)
    assert page.message == "Modelo excluído." and len(page.rows) == 1
    assert await audit_actions(clinic.company_id) == [
        "template.created", "template.created", "template.updated", "template.updated",
        "template.deleted"]


async def test_staff_read_but_never_write_and_clinics_stay_apart(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    mine = await approved(clinic)
    staff, cookie = await staff_of(clinic)
    assert [t["id"] for t in await templates.listed(staff, approved_only=True)] == [mine["id"]]
    for attempt in (templates.save(staff, clinic.company_id,
                                   templates.Draft("nova", "pt_BR", "Oi")),
                    templates.save(staff, clinic.company_id,
                                   templates.Draft("nova", "pt_BR", "Oi"), mine["id"]),
                    templates.set_status(staff, mine["id"], "rejected"),
                    templates.delete(staff, mine["id"])):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason in {"forbidden", "not_found"}
    staff_page = tab(MessageTemplatesState, cookie, PAGE)
    assert redirect_target(await staff_page.load()) == "/?notice=admin_only"

    theirs = await other.user()
    assert await templates.listed(theirs) == []
    for attempt in (templates.set_status(theirs, mine["id"], "rejected"),
                    templates.delete(theirs, mine["id"])):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason == "not_found"
    with pytest.raises(Refused):   # nor can they plant one in our clinic
        await templates.save(theirs, clinic.company_id, templates.Draft("x", "es", "Hola"))
    rows = (await (await service_client()).table("message_templates").select("status")
            .eq("company_id", clinic.company_id).execute()).data
    assert rows == [{"status": "approved"}]


async def test_queue_template_message_refuses_what_is_not_sendable(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    conversation = (await inbound(clinic.company_id, "Oi", phone="+5511955557001"))[
        "conversation_id"]
    theirs = (await inbound(other.company_id, "Oi", phone="+5511955557002"))["conversation_id"]
    instagram = (await inbound(clinic.company_id, "Oi", instagram_id="rita.ig"))[
        "conversation_id"]
    good = await approved(clinic)
    pending = await approved(clinic, name="em_analise", status="pending")
    foreign = await approved(other)
    staff, _ = await staff_of(clinic)
    cases = {
        "template_not_approved": (conversation, pending["id"], ["Rita", "terça"]),
        "variable_count": (conversation, good["id"], ["Rita"]),
        "variables": (conversation, good["id"], ["Rita", "   "]),
        "template_not_found": (conversation, foreign["id"], ["Rita", "terça"]),
        "not_found": (theirs, good["id"], ["Rita", "terça"]),
        "not_whatsapp": (instagram, good["id"], ["Rita", "terça"]),
    }
    reasons = {}
    for expected, (conversation_id, template_id, variables) in cases.items():
        with pytest.raises(Refused) as refused:
            await templates.send(staff, conversation_id, template_id, variables)
        reasons[expected] = refused.value.reason
    assert reasons == {reason: reason for reason in cases}
    line_break = ["Rita\nLima", "terça"]
    with pytest.raises(Refused, match="variables"):
        await templates.send(staff, conversation, good["id"], line_break)
    queued = (await (await service_client()).table("interactions").select("id")
              .eq("company_id", clinic.company_id).eq("direction", "outbound").execute()).data
    assert queued == []


async def test_inside_the_window_send_message_goes_to_the_conversation_as_before(app_env):
    clinic = await new_clinic()
    await approved(clinic)
    wrote = await inbound(clinic.company_id, "Oi", name="Rita", phone="+5511955557003")
    client_id = (await (await service_client()).table("conversation_threads")
                 .select("client_id").eq("id", wrote["conversation_id"]).execute()
                 ).data[0]["client_id"]
    page = tab(TemplateSendState, clinic.cookie, f"/clients/{client_id}")
    await page.parent_state.open_profile()
    assert await page.start() is ClientProfileState.send_message
    assert not page.dialog_open


async def test_a_template_sent_from_the_profile_reaches_n8n_with_its_variables(app_env):
    with FakeN8n() as n8n:
        clinic = await new_clinic("Clínica Sorriso")
        n8n.secret = await connect(clinic, n8n.url)
        old = datetime.now(timezone.utc) - timedelta(hours=30)
        wrote = await inbound(clinic.company_id, "Quero remarcar", name="Rita Lima",
                              phone="+5511955557004", occurred_at=old)
        client_id = (await (await service_client()).table("conversation_threads")
                     .select("client_id").eq("id", wrote["conversation_id"]).execute()
                     ).data[0]["client_id"]
        template = await approved(clinic)
        await approved(clinic, name="rejeitado", status="rejected")
        _, cookie = await staff_of(clinic)
        page = tab(TemplateSendState, cookie, f"/clients/{client_id}")
        await page.parent_state.open_profile()
        assert await page.start() is None and page.dialog_open
        assert [t.label for t in page.offered] == ["lembrete_consulta (pt_BR)"]
        assert [s.label for s in page.slots] == ["Variável 1", "Variável 2"]
        page.set_value(1, "Rita")
        assert await page.send() is None
        assert page.dialog_error == "Preencha cada variável, sem quebras de linha."
        page.set_value(2, "terça às 10h")
        assert page.rendered == "Olá Rita, sua consulta é terça às 10h."
        answer = await page.send()
        assert redirect_target(answer) == f"/inbox/{wrote['conversation_id']}"
        assert not page.dialog_open
        n8n.answer_next(1, 200, {"external_message_id": "wamid.TPL-1"})
        await deliver_queued()
        [request] = n8n.wait_for(1)
    body = request.json
    assert body["template"] == {"name": "lembrete_consulta", "language": "pt_BR",
                                "variables": ["Rita", "terça às 10h"]}
    assert body["text"] == "Olá Rita, sua consulta é terça às 10h."
    assert body["to"]["phone"] == "+5511955557004" and body["channel"] == "whatsapp"
    user = await clinic.user()
    [shown, *_] = (await conversations.messages(user, wrote["conversation_id"])).rows
    assert (shown["content"], shown["direction"]) == ("Olá Rita, sua consulta é terça às 10h.",
                                                      "outbound")
    row = (await (await service_client()).table("interactions")
           .select("status,metadata,external_message_id,sent_by").eq("id", body["interaction_id"])
           .execute()).data[0]
    assert row["status"] == "sent" and row["external_message_id"] == "wamid.TPL-1"
    assert row["metadata"]["template"]["name"] == template["name"] and row["sent_by"]


async def test_a_first_message_needs_a_template_and_without_one_the_dialog_says_who_adds_it(
        app_env):
    clinic = await new_clinic()
    client_id = (await (await service_client()).table("clients").insert({
        "company_id": clinic.company_id, "full_name": "Nunca Escreveu",
        "phone": "+5511955557005"}).execute()).data[0]["id"]
    page = tab(TemplateSendState, clinic.cookie, f"/clients/{client_id}")
    await page.parent_state.open_profile()
    assert await page.start() is None
    assert page.dialog_open and page.offered == [] and page.slots == []
    await approved(clinic, body="Olá! A Clínica tem novidades.", name="novidades")
    assert await page.start() is None and [t.variables for t in page.offered] == [0]
    answer = await page.send()                      # starts the conversation first
    conversation_id = redirect_target(answer).removeprefix("/inbox/")
    thread = await conversations.conversation(await clinic.user(), conversation_id)
    assert thread["client_id"] == client_id and thread["channel"] == "whatsapp"
