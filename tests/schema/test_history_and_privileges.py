"""Findings 11, 13 and 14 at the database: history cannot be rewritten, the audit trail is
written only by the database, no role that RLS protects may TRUNCATE, and free text is bounded."""
from __future__ import annotations

import psycopg
import pytest
from postgrest.exceptions import APIError

from harness.seed import DEMO_COMPANY


@pytest.fixture
def patient_message(service):
    """An inbound message in Clínica Demo."""
    import uuid
    result = service.rpc("ingest_inbound_message", {
        "p_company_id": DEMO_COMPANY, "p_channel": "whatsapp",
        "p_external_message_id": f"wamid.{uuid.uuid4().hex}",
        "p_sender": {"phone": "+5511977770001", "name": "Paciente Histórico"},
        "p_content": "Tenho alergia a dipirona"}).execute().data
    return result


def test_staff_cannot_rewrite_or_forge_messages(users, service, patient_message):
    staff = users["demo_staff"]
    message_id = patient_message["interaction_id"]
    for change in ({"content": "Não tenho alergias"}, {"sent_by": None},
                   {"direction": "outbound"}):
        with pytest.raises(APIError) as refused:
            staff.table("interactions").update(change).eq("id", message_id).execute()
        assert refused.value.code == "42501"
    with pytest.raises(APIError) as forged:
        staff.table("interactions").insert({
            "company_id": DEMO_COMPANY, "conversation_id": patient_message["conversation_id"],
            "client_id": patient_message["client_id"], "channel": "whatsapp",
            "direction": "outbound", "content": "enviado pelo admin", "status": "sent"}).execute()
    assert forged.value.code == "42501"
    row = service.table("interactions").select("content").eq("id", message_id).execute().data[0]
    assert row["content"] == "Tenho alergia a dipirona"


def test_content_author_and_time_are_immutable_for_every_writer(service, patient_message):
    for change in ({"content": "outro texto"}, {"occurred_at": "2020-01-01T00:00:00Z"},
                   {"media": {"type": "image"}}):
        with pytest.raises(APIError) as refused:
            service.table("interactions").update(change) \
                .eq("id", patient_message["interaction_id"]).execute()
        assert refused.value.code == "PT403"


def test_a_reply_is_always_authored_by_whoever_queues_it(users, service, patient_message):
    staff = users["demo_staff"]
    me = staff.rpc("my_profile", {}).execute().data
    reply = staff.rpc("queue_outbound_message", {
        "p_conversation_id": patient_message["conversation_id"],
        "p_content": "Anotado, obrigado!"}).execute().data
    assert reply["sent_by"] == me["user_id"]
    with pytest.raises(APIError) as elsewhere:
        users["other_admin"].rpc("queue_outbound_message", {
            "p_conversation_id": patient_message["conversation_id"],
            "p_content": "intruso"}).execute()
    assert elsewhere.value.code == "PT404"


def test_the_audit_trail_is_written_only_by_the_database(users, service):
    admin, staff = users["demo_admin"], users["demo_staff"]
    me = admin.rpc("my_profile", {}).execute().data
    for client in (admin, staff):
        with pytest.raises(APIError) as refused:
            client.table("audit_log").insert({
                "company_id": DEMO_COMPANY, "actor_user_id": me["user_id"],
                "action": "team.change", "entity": "user"}).execute()
        assert refused.value.code == "42501"
    integration = service.table("integrations").select("id").eq("company_id", DEMO_COMPANY) \
        .limit(1).execute().data
    if not integration:
        integration = service.table("integrations").insert(
            {"company_id": DEMO_COMPANY, "channel": "instagram"}).execute().data
    target = integration[0]["id"]
    with pytest.raises(APIError) as unknown_action:
        admin.rpc("record_integration_change", {"p_integration_id": target,
                                                "p_action": "team.change"}).execute()
    assert unknown_action.value.code == "22023"
    with pytest.raises(APIError) as not_admin:
        staff.rpc("record_integration_change", {"p_integration_id": target,
                                                "p_action": "integration.status"}).execute()
    assert not_admin.value.code == "PT403"
    with pytest.raises(APIError) as not_a_listed_action:
        service.table("audit_log").insert({"company_id": DEMO_COMPANY, "action": "anything",
                                           "entity": "x"}).execute()
    assert not_a_listed_action.value.code == "23503"   # not in private.audit_actions


@pytest.mark.parametrize("role", ["anon", "authenticated"])
def test_no_api_role_can_truncate(app_lb, role):
    """TRUNCATE ignores row-level security: a signed-in user holding it could empty every
    clinic's table (the advisor lint keeps REFERENCES and TRIGGER away too)."""
    with psycopg.connect(app_lb.admin_dsn) as conn:
        for table in ("clients", "interactions", "audit_log", "users"):
            conn.execute(f"set role {role}")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"truncate public.{table} cascade")
            conn.rollback()


def test_free_text_is_bounded(users, service):
    staff = users["demo_staff"]
    client = service.table("clients").select("id").eq("company_id", DEMO_COMPANY).limit(1) \
        .execute().data[0]["id"]
    with pytest.raises(APIError) as too_long:
        staff.table("clients").update({"notes": "x" * 10_001}).eq("id", client).execute()
    assert too_long.value.code == "23514"
    with pytest.raises(APIError) as too_many_tags:
        staff.table("clients").update({"tags": [f"t{n}" for n in range(51)]}) \
            .eq("id", client).execute()
    assert too_many_tags.value.code == "23514"
