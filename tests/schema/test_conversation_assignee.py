"""Conversation assignees at the database: `assign_conversation` writes who and when (and an audit
row) for one of the caller's clinic's conversations and an active member of that clinic, and
nothing else; the inbox view names the assignee."""
from __future__ import annotations

import uuid

import pytest
from postgrest.exceptions import APIError

from tests.schema.conftest import new_auth_user, signed_in


def member(app_lb, service, company: str, role: str = "staff") -> dict:
    email, password = new_auth_user(app_lb, service, {"company_id": company, "role": role})
    service.table("users").update({"full_name": f"Membro {role}"}).eq("email", email).execute()
    row = service.table("users").select("id").eq("email", email).execute().data[0]
    return {"id": row["id"], "client": signed_in(app_lb, email, password)}


def conversation(service, company: str) -> str:
    return service.rpc("ingest_inbound_message", {
        "p_company_id": company, "p_channel": "whatsapp",
        "p_external_message_id": f"wamid.{uuid.uuid4().hex}",
        "p_sender": {"phone": "+5511912340000", "name": "Paciente"}, "p_content": "Oi",
    }).execute().data["conversation_id"]


def assign(client, conversation_id: str, assignee: str | None):
    return client.rpc("assign_conversation", {"p_conversation_id": conversation_id,
                                              "p_assignee": assignee}).execute()


@pytest.fixture
def clinics(app_lb, service, company):
    other = service.table("companies").insert(
        {"name": "Outra", "slug": f"test-{uuid.uuid4().hex[:12]}"}).execute().data[0]["id"]
    return {"company": company, "other": other,
            "admin": member(app_lb, service, company, "admin"),
            "staff": member(app_lb, service, company),
            "stranger": member(app_lb, service, other, "admin"),
            "thread": conversation(service, company),
            "their_thread": conversation(service, other)}


def thread_row(service, conversation_id: str) -> dict:
    return service.table("conversation_threads").select("assignee_id,assigned_at,assigned_by") \
        .eq("id", conversation_id).execute().data[0]


def test_assigning_writes_who_and_when_and_the_view_names_the_assignee(clinics, service):
    admin, staff, thread = clinics["admin"], clinics["staff"], clinics["thread"]
    assign(staff["client"], thread, admin["id"])
    row = thread_row(service, thread)
    assert (row["assignee_id"], row["assigned_by"]) == (admin["id"], staff["id"])
    assert row["assigned_at"]
    shown = staff["client"].table("inbox_conversations").select("assignee_id,assignee_name") \
        .eq("id", thread).execute().data
    assert shown == [{"assignee_id": admin["id"], "assignee_name": "Membro admin"}]
    audit = service.table("audit_log").select("action,actor_user_id,details") \
        .eq("entity_id", thread).execute().data
    assert audit == [{"action": "conversation.assign", "actor_user_id": staff["id"],
                      "details": {"from": None, "to": admin["id"]}}]

    assign(admin["client"], thread, None)
    row = thread_row(service, thread)
    assert (row["assignee_id"], row["assigned_by"]) == (None, admin["id"])


def test_another_clinics_conversation_or_member_is_refused(clinics, service):
    staff, stranger = clinics["staff"], clinics["stranger"]
    with pytest.raises(APIError) as gone:
        assign(staff["client"], clinics["their_thread"], staff["id"])
    assert gone.value.code == "PT404"
    with pytest.raises(APIError) as gone:
        assign(stranger["client"], clinics["thread"], stranger["id"])
    assert gone.value.code == "PT404"
    with pytest.raises(APIError) as foreign:
        assign(staff["client"], clinics["thread"], stranger["id"])
    assert foreign.value.code == "22023"
    assert thread_row(service, clinics["thread"])["assignee_id"] is None
    assert thread_row(service, clinics["their_thread"])["assignee_id"] is None


def test_a_disabled_member_cannot_be_assigned(clinics, service):
    admin, staff = clinics["admin"], clinics["staff"]
    admin["client"].rpc("set_member_access", {"p_member_id": staff["id"], "p_role": None,
                                              "p_status": "disabled"}).execute()
    with pytest.raises(APIError) as refused:
        assign(admin["client"], clinics["thread"], staff["id"])
    assert refused.value.code == "22023"


def test_anonymous_callers_cannot_assign(clinics, anon):
    with pytest.raises(APIError):
        assign(anon, clinics["thread"], None)


def test_members_cannot_write_the_assignee_around_the_function(service, clinics):
    conversation_id = conversation(service, clinics["company"])
    staff = clinics["staff"]
    for change in ({"assignee_id": staff["id"]}, {"assigned_at": "2026-01-01T00:00:00Z"},
                   {"assigned_by": staff["id"]}):
        with pytest.raises(APIError) as refused:
            staff["client"].table("conversation_threads").update(change) \
                .eq("id", conversation_id).execute()
        assert "assign_conversation" in refused.value.message
    assign(staff["client"], conversation_id, staff["id"])        # the function still may
    row = service.table("conversation_threads").select("assignee_id") \
        .eq("id", conversation_id).execute().data[0]
    assert row["assignee_id"] == staff["id"]


def test_a_message_in_a_conversation_assigned_to_me_alerts_me(service, clinics):
    conversation_id = conversation(service, clinics["company"])
    staff, admin = clinics["staff"], clinics["admin"]
    assign(admin["client"], conversation_id, staff["id"])
    since = service.rpc("my_alerts", {}).execute().data   # service role: no clinic, null
    assert since is None
    before = staff["client"].rpc("my_alerts", {}).execute().data["now"]
    service.rpc("ingest_inbound_message", {
        "p_company_id": clinics["company"], "p_channel": "whatsapp",
        "p_external_message_id": f"wamid.{uuid.uuid4().hex}",
        "p_sender": {"phone": "+5511912340000", "name": "Paciente"},
        "p_content": "Posso remarcar?"}).execute()
    mine = staff["client"].rpc("my_alerts", {"p_since": before}).execute().data["messages"]
    assert [(m["preview"], m["kind"]) for m in mine] == [("Posso remarcar?", "mine")]
    theirs = admin["client"].rpc("my_alerts", {"p_since": before}).execute().data["messages"]
    assert theirs == []
