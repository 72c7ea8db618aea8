"""The client profile through the real client and RLS: every section for a seeded client (notes
pinned first, the last 10 messages, conversations, appointments upcoming and past with their
service, payments with totals in the reader's money, the stage history), another clinic's
client or a malformed id as not found, notes added and pinned, a stage change recorded, tags
validated as /clients does, and "Send message" landing in the client's WhatsApp thread."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from omni_app.state.client_profile import ClientProfileState
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import service_client, tab
from tests.app.test_states import redirect_target

PHONE = "+5511987650001"


async def seeded_client(clinic) -> str:
    """A client with 12 WhatsApp messages (and one Instagram thread), appointments, payments."""
    now = datetime.now(timezone.utc)
    for i in range(12):
        wrote = await inbound(clinic.company_id, f"Mensagem {i:02d}", name="Rita Nogueira",
                              phone=PHONE, occurred_at=now - timedelta(minutes=60 - i))
    service = await service_client()
    client_id = (await service.table("conversation_threads").select("client_id")
                 .eq("id", wrote["conversation_id"]).execute()).data[0]["client_id"]
    svc = (await service.table("services").insert({
        "company_id": clinic.company_id, "name": "Limpeza", "price": 150,
        "duration_minutes": 30}).execute()).data[0]["id"]
    for days, status in [(3, "confirmed"), (-10, "completed")]:
        start = now + timedelta(days=days)
        await service.table("appointments").insert({
            "company_id": clinic.company_id, "client_id": client_id, "service_id": svc,
            "starts_at": start.isoformat(), "ends_at": (start + timedelta(minutes=30)).isoformat(),
            "status": status}).execute()
    await service.table("payments").insert([
        {"company_id": clinic.company_id, "client_id": client_id, "amount": "1234.50",
         "method": "pix", "status": "paid", "paid_at": now.isoformat()},
        {"company_id": clinic.company_id, "client_id": client_id, "amount": "150",
         "method": "cash", "status": "pending"}]).execute()
    return client_id


async def test_every_section_of_a_seeded_client(app_env):
    clinic = await new_clinic()
    client_id = await seeded_client(clinic)
    page = tab(ClientProfileState, clinic.cookie, f"/clients/{client_id}")
    await page.open_profile()
    assert page.found and page.name == "Rita Nogueira"
    assert page.phone == "(11) 98765-0001" and page.kind_label == "Lead"
    assert page.stage == "new" and page.tags == []
    assert [m.text for m in page.messages] == [f"Mensagem {i:02d}" for i in range(11, 1, -1)]
    assert {m.direction_label for m in page.messages} == {"Recebida"}
    assert page.messages[0].href.startswith("/inbox/")
    [thread] = page.threads
    assert (thread.channel_label, thread.status_label) == ("WhatsApp", "Aberta")
    assert thread.href == f"/inbox/{thread.id}"
    assert [(a.service, a.status_label) for a in page.upcoming] == [("Limpeza", "Confirmado")]
    assert [(a.service, a.status_label) for a in page.past] == [("Limpeza", "Realizado")]
    assert (page.paid_total, page.pending_total) == ("R$\xa01.234,50", "R$\xa0150,00")
    assert sorted(p.method_label for p in page.payments) == ["Dinheiro", "Pix"]
    assert page.notes == []
    assert [(c.from_label, c.to_label, c.who) for c in page.changes] == [
        ("Cadastro", "Novo lead", "Sistema")]           # created by the webhook

    await page.set_stage("qualified")
    await page.add_note({"body": "Primeira nota"})
    await page.add_note({"body": "  Alergia a dipirona  "})
    assert page.note_error == "" and page.note_key == 2
    assert [n.body for n in page.notes] == ["Alergia a dipirona", "Primeira nota"]
    await page.pin(page.notes[1].id, True)
    assert [(n.body, n.pinned) for n in page.notes] == [("Primeira nota", True),
                                                       ("Alergia a dipirona", False)]
    assert page.message == "Etapa alterada para Qualificado."
    change = page.changes[0]
    assert len(page.changes) == 2 and (change.from_label, change.to_label) == ("Novo lead", "Qualificado")
    assert change.who and change.when
    service = await service_client()
    recorded = (await service.table("pipeline_stage_changes")
                .select("from_stage,to_stage,changed_by").eq("client_id", client_id)
                .eq("to_stage", "qualified").execute()).data
    assert recorded == [{"from_stage": "new", "to_stage": "qualified",
                         "changed_by": clinic.user_id}]

    await page.add_note({"body": "   "})
    assert page.note_error == "Escreva algo na nota." and len(page.notes) == 2
    await page.add_note({"body": "x" * 4001})
    assert page.note_error.startswith("A nota pode ter no máximo")

    await page.save_tags({"tags": "vip, implante, VIP"})
    assert page.tags == ["vip", "implante"] and page.message == "Etiquetas salvas."
    await page.save_tags({"tags": "🙂"})
    assert page.notice.startswith("Etiqueta inválida") and page.tags == ["vip", "implante"]

    answer = await page.send_message()
    assert redirect_target(answer) == thread.href


async def test_another_clinics_client_or_a_malformed_id_is_not_found(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    theirs = await seeded_client(other)
    for path in [f"/clients/{theirs}", "/clients/not-a-uuid", "/clients/%27%3B--"]:
        page = tab(ClientProfileState, clinic.cookie, path)
        assert await page.open_profile() is None
        assert page.loaded and not page.found and page.messages == [], path
    page = tab(ClientProfileState, clinic.cookie, f"/clients/{theirs}")
    await page.open_profile()
    await page.add_note({"body": "intruso"})
    assert page.note_error.startswith("Este cliente (ou nota) não existe")
    await page.set_stage("won")
    service = await service_client()
    assert (await service.table("clients").select("pipeline_stage").eq("id", theirs)
            .execute()).data == [{"pipeline_stage": "new"}]
    assert (await service.table("client_notes").select("id").eq("client_id", theirs)
            .execute()).data == []


async def test_a_client_without_a_phone_is_told_why_send_is_not_possible(app_env):
    clinic = await new_clinic()
    service = await service_client()
    client_id = (await service.table("clients").insert({
        "company_id": clinic.company_id, "full_name": "Sem Telefone"}).execute()).data[0]["id"]
    page = tab(ClientProfileState, clinic.cookie, f"/clients/{client_id}")
    await page.open_profile()
    assert page.found and page.phone == "" and page.threads == []
    assert await page.send_message() is None
    assert page.send_error.startswith("Este cliente não tem telefone")
