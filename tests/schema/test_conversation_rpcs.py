"""The transactional conversation functions: idempotent ingest, the 24-hour rule, status order,
staff actions under RLS, and clinic onboarding."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from postgrest.exceptions import APIError
from supabase import acreate_client

from harness.seed import DEMO_COMPANY
from tests.schema.conftest import new_auth_user, signed_in

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def ingest(service, company: str, external_id: str, at: datetime = T0, phone="+5511912345678",
           name: str | None = "Paciente Teste", content="Oi") -> dict:
    return service.rpc("ingest_inbound_message", {
        "p_company_id": company, "p_channel": "whatsapp", "p_external_message_id": external_id,
        "p_sender": {"phone": phone, "whatsapp_id": phone[1:], "name": name},
        "p_content": content, "p_occurred_at": at.isoformat()}).execute().data


def test_ingest_creates_lead_thread_and_message(service, company):
    result = ingest(service, company, "wamid.1")

    assert result["duplicate"] is False and result["client_created"] is True
    assert result["conversation_opened"] is True
    client = service.table("clients").select("*").eq("id", result["client_id"]).execute().data[0]
    assert (client["company_id"], client["phone"], client["is_lead"], client["full_name"]) == \
        (company, "+5511912345678", True, "Paciente Teste")
    thread = service.table("conversation_threads").select("*") \
        .eq("id", result["conversation_id"]).execute().data[0]
    assert (thread["status"], thread["unread_count"], thread["last_message_preview"]) == \
        ("active", 1, "Oi")


async def test_same_message_delivered_20_times_concurrently_is_stored_once(app_lb, company):
    clients = [await acreate_client(app_lb.url, app_lb.service_role_key) for _ in range(20)]
    params = {"p_company_id": company, "p_channel": "whatsapp",
              "p_external_message_id": "wamid.concurrent",
              "p_sender": {"phone": "+5511955554444"}, "p_content": "uma vez só"}

    results = await asyncio.gather(*(c.rpc("ingest_inbound_message", params).execute()
                                     for c in clients))

    assert sorted(r.data["duplicate"] for r in results) == [False] + [True] * 19
    assert len({r.data["interaction_id"] for r in results}) == 1
    rows = await clients[0].table("interactions").select("id", count="exact") \
        .eq("company_id", company).execute()
    assert rows.count == 1
    thread = await clients[0].table("conversation_threads").select("unread_count") \
        .eq("company_id", company).execute()
    assert thread.data == [{"unread_count": 1}]


def test_thread_is_reused_reopened_within_24_hours_and_renewed_after(service, company):
    first = ingest(service, company, "m1", T0)
    second = ingest(service, company, "m2", T0 + timedelta(hours=2))
    assert second["conversation_id"] == first["conversation_id"]
    assert not second["conversation_opened"]

    service.rpc("close_conversation", {"p_conversation_id": first["conversation_id"]}).execute()
    reopened = ingest(service, company, "m3", T0 + timedelta(hours=3))
    assert reopened["conversation_id"] == first["conversation_id"]
    assert reopened["conversation_reopened"] is True

    later = ingest(service, company, "m4", T0 + timedelta(hours=28))
    assert later["conversation_id"] != first["conversation_id"] and later["conversation_opened"]
    old = service.table("conversation_threads").select("status,ended_at") \
        .eq("id", first["conversation_id"]).execute().data[0]
    assert old["status"] == "closed" and old["ended_at"] is not None


def test_instagram_sender_is_found_by_instagram_id(service, company):
    params = {"p_company_id": company, "p_channel": "instagram", "p_sender": {"instagram_id": "178414"},
              "p_content": "oi"}
    a = service.rpc("ingest_inbound_message", {**params, "p_external_message_id": "ig1"}).execute().data
    b = service.rpc("ingest_inbound_message", {**params, "p_external_message_id": "ig2"}).execute().data
    assert a["client_id"] == b["client_id"] and a["client_created"] and not b["client_created"]


def test_bad_ingest_input_is_a_clear_400(service, company):
    with pytest.raises(APIError) as refused:
        service.rpc("ingest_inbound_message", {
            "p_company_id": company, "p_channel": "whatsapp", "p_external_message_id": "x",
            "p_sender": {"name": "sem telefone"}, "p_content": "oi"}).execute()
    assert refused.value.code == "22023" and "phone" in refused.value.message


def test_signed_in_users_cannot_ingest(users, company):
    with pytest.raises(APIError) as refused:
        users["demo_admin"].rpc("ingest_inbound_message", {
            "p_company_id": DEMO_COMPANY, "p_channel": "whatsapp", "p_external_message_id": "x",
            "p_sender": {"phone": "+5511900000000"}, "p_content": "oi"}).execute()
    assert refused.value.code == "42501"


def outbound(service, company: str) -> str:
    inbound = ingest(service, company, f"in-{uuid.uuid4()}")
    return service.table("interactions").insert({
        "company_id": company, "conversation_id": inbound["conversation_id"],
        "client_id": inbound["client_id"], "channel": "whatsapp", "direction": "outbound",
        "content": "resposta", "status": "queued"}).execute().data[0]["id"]


def status(service, company, interaction, new_status, error=None) -> dict:
    return service.rpc("record_message_status", {
        "p_company_id": company, "p_interaction_id": interaction, "p_status": new_status,
        "p_error": error}).execute().data


def test_status_moves_only_forward(service, company):
    message = outbound(service, company)
    assert status(service, company, message, "delivered")["changed"] is True
    assert status(service, company, message, "sent") == \
        {"interaction_id": message, "status": "delivered", "changed": False}
    assert status(service, company, message, "failed", "late failure")["changed"] is False
    assert status(service, company, message, "read")["status"] == "read"


def test_failed_is_left_only_by_a_members_retry(users, service):
    message = outbound(service, DEMO_COMPANY)
    assert status(service, DEMO_COMPANY, message, "failed", "n8n answered HTTP 502")["changed"]
    row = service.table("interactions").select("status,error").eq("id", message).execute().data[0]
    assert row == {"status": "failed", "error": "n8n answered HTTP 502"}
    # A sender's report (even a replayed `sent`) cannot hide a failure.
    for reported in ("queued", "sent", "delivered", "read"):
        assert status(service, DEMO_COMPANY, message, reported)["changed"] is False
    with pytest.raises(APIError) as refused:
        users["other_admin"].rpc("retry_outbound_message", {"p_interaction_id": message}).execute()
    assert refused.value.code == "PT404"
    retried = users["demo_staff"].rpc("retry_outbound_message",
                                      {"p_interaction_id": message}).execute().data
    assert (retried["status"], retried["error"]) == ("queued", None)
    with pytest.raises(APIError) as again:
        users["demo_staff"].rpc("retry_outbound_message", {"p_interaction_id": message}).execute()
    assert again.value.code == "PT409"
    assert status(service, DEMO_COMPANY, message, "sent")["changed"] is True


def test_status_of_another_companys_message_is_not_found(service, company):
    message = outbound(service, company)
    with pytest.raises(APIError) as refused:
        status(service, DEMO_COMPANY, message, "read")
    assert refused.value.code == "PT404"


def test_staff_open_read_and_close_conversations_of_their_clinic_only(users, service):
    staff, intruder = users["demo_staff"], users["other_admin"]
    client = service.table("clients").select("id").eq("company_id", DEMO_COMPANY) \
        .eq("full_name", "João Souza").execute().data[0]["id"]

    thread = staff.rpc("start_conversation", {"p_client_id": client, "p_channel": "instagram"}) \
        .execute().data
    assert staff.rpc("start_conversation", {"p_client_id": client, "p_channel": "instagram"}) \
        .execute().data == thread
    with pytest.raises(APIError) as refused:
        intruder.rpc("close_conversation", {"p_conversation_id": thread}).execute()
    assert refused.value.code == "PT404"
    with pytest.raises(APIError):
        intruder.rpc("start_conversation", {"p_client_id": client, "p_channel": "sms"}).execute()

    staff.rpc("mark_conversation_read", {"p_conversation_id": thread}).execute()
    staff.rpc("close_conversation", {"p_conversation_id": thread}).execute()
    row = service.table("conversation_threads").select("status,unread_count") \
        .eq("id", thread).execute().data[0]
    assert row == {"status": "closed", "unread_count": 0}


def test_pipeline_stage_changes_are_recorded_by_the_database(users, service):
    staff = users["demo_staff"]
    client = staff.table("clients").insert({"company_id": DEMO_COMPANY,
                                            "full_name": "Lead Novo"}).execute().data[0]["id"]
    staff.table("clients").update({"pipeline_stage": "qualified"}).eq("id", client).execute()
    changes = staff.table("pipeline_stage_changes").select("from_stage,to_stage") \
        .eq("client_id", client).order("changed_at").execute().data
    assert changes == [{"from_stage": None, "to_stage": "new"},
                       {"from_stage": "new", "to_stage": "qualified"}]
    with pytest.raises(APIError):
        staff.table("pipeline_stage_changes").insert({
            "company_id": DEMO_COMPANY, "client_id": client, "to_stage": "won"}).execute()


def test_new_user_creates_a_clinic_and_becomes_its_admin(app_lb, service):
    email, password = new_auth_user(app_lb, service)
    user = signed_in(app_lb, email, password)

    company = user.rpc("create_company", {"p_name": "Clínica São José"}).execute().data

    me = user.table("users").select("role,status,company_id").execute().data
    assert me == [{"role": "admin", "status": "active", "company_id": company}]
    clinic = user.table("companies").select("name,slug,timezone").execute().data[0]
    assert clinic == {"name": "Clínica São José", "slug": "clinica-sao-jose",
                      "timezone": "America/Sao_Paulo"}
    assert user.table("settings").select("company_id").execute().data == [{"company_id": company}]
    with pytest.raises(APIError) as refused:
        user.rpc("create_company", {"p_name": "Outra"}).execute()
    assert refused.value.code == "PT409"
    session = user.auth.refresh_session()
    assert session.user.app_metadata["company_id"] == company


def test_auth_sync_ignores_user_metadata_for_authorization(app_lb, service):
    email, password = new_auth_user(app_lb, service)
    user = signed_in(app_lb, email, password)
    user.auth.update_user({"data": {"company_id": DEMO_COMPANY, "role": "admin"}})
    assert user.table("clients").select("id").execute().data == []
    row = service.table("users").select("company_id,role").eq("email", email).execute().data[0]
    assert row == {"company_id": None, "role": "staff"}
