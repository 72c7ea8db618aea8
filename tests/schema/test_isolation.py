"""Each clinic's rows are its own: seen through the real client as each kind of user."""
from __future__ import annotations

import uuid

import pytest
from postgrest.exceptions import APIError

from harness.seed import DEMO_COMPANY, OTHER_COMPANY

# table -> the columns a signed-in user may select (integrations hide their ciphertext)
COMPANY_TABLES = {
    "clients": "id,company_id", "services": "id,company_id", "appointments": "id,company_id",
    "payments": "id,company_id", "settings": "id,company_id",
    "conversation_threads": "id,company_id", "interactions": "id,company_id",
    "ai_context_snapshots": "id,company_id", "integrations": "id,company_id",
    "pipeline_stage_changes": "id,company_id", "audit_log": "id,company_id",
    "users": "id,company_id", "api_keys": "id,company_id", "team_invitations": "id,company_id",
    "message_templates": "id,company_id",
}
ALL_TABLES = {**COMPANY_TABLES, "companies": "id", "inbox_conversations": "id,company_id"}


@pytest.fixture(scope="module", autouse=True)
def rows_in_both_companies(service):
    """Make sure every table has rows in both seed companies, so 'nothing seen' means hidden."""
    for company in (DEMO_COMPANY, OTHER_COMPANY):
        client = service.table("clients").select("id").eq("company_id", company).limit(1) \
            .execute().data[0]["id"]
        thread = service.rpc("start_conversation", {"p_client_id": client, "p_channel": "internal"}) \
            .execute().data
        service.table("interactions").insert({
            "company_id": company, "conversation_id": thread, "client_id": client,
            "channel": "internal", "direction": "outbound", "content": "nota", "status": "sent"}
        ).execute()
        service.table("payments").insert({"company_id": company, "client_id": client,
                                          "amount": "100.00", "method": "pix"}).execute()
        service.table("ai_context_snapshots").insert({
            "company_id": company, "client_id": client, "summary": "resumo", "trigger": "manual",
            "model": "test"}).execute()
        service.table("integrations").upsert({"company_id": company, "channel": "whatsapp"},
                                             on_conflict="company_id,channel").execute()
        service.table("audit_log").insert({"company_id": company, "action": "team.change",
                                           "entity": "test"}).execute()
        admin = service.table("users").select("id").eq("company_id", company) \
            .eq("role", "admin").limit(1).execute().data[0]["id"]
        service.table("api_keys").insert({
            "company_id": company, "name": "isolation", "prefix": "omni_isolati",
            "key_hash": uuid.uuid4().hex * 2, "created_by": admin}).execute()
        service.table("team_invitations").insert({
            "company_id": company, "email": f"convite-{uuid.uuid4().hex[:8]}@test.clinic",
            "invited_by": admin}).execute()
        service.table("appointments").insert({
            "company_id": company, "client_id": client, "starts_at": "2030-01-01T10:00:00Z",
            "ends_at": "2030-01-01T11:00:00Z"}).execute()
        service.table("message_templates").insert({
            "company_id": company, "name": f"isolamento_{uuid.uuid4().hex[:8]}",
            "language": "pt_BR", "body": "Olá {{1}}", "status": "approved"}).execute()
    for table, columns in ALL_TABLES.items():
        key = "id" if table == "companies" else "company_id"
        for company in (DEMO_COMPANY, OTHER_COMPANY):
            assert service.table(table).select(columns).eq(key, company).execute().data, table


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_each_company_sees_only_its_own_rows(users, table):
    key = "id" if table == "companies" else "company_id"
    for name, company in (("other_admin", OTHER_COMPANY), ("demo_admin", DEMO_COMPANY)):
        rows = users[name].table(table).select(ALL_TABLES[table]).execute().data
        assert rows, f"{name} should see its own {table}"
        assert {r[key] for r in rows} == {company}


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_disabled_user_and_user_without_company_see_nothing(disabled_user, no_company_user, table):
    for client in (disabled_user, no_company_user):
        assert client.table(table).select(ALL_TABLES[table]).execute().data == []


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_anonymous_callers_are_refused(anon, table):
    with pytest.raises(APIError) as refused:
        anon.table(table).select(ALL_TABLES[table]).execute()
    assert refused.value.code == "42501"


@pytest.mark.parametrize("table", sorted(set(COMPANY_TABLES) - {"users"}))
def test_other_company_rows_cannot_be_updated_or_deleted(users, service, table):
    target = service.table(table).select("id").eq("company_id", DEMO_COMPANY).limit(1) \
        .execute().data[0]["id"]
    attacker = users["other_admin"]
    before = service.table(table).select("*").eq("id", target).execute().data
    assert_refused_or_empty(lambda: attacker.table(table).update(
        {"updated_at": "2000-01-01T00:00:00Z"}).eq("id", target).execute())
    assert_refused_or_empty(lambda: attacker.table(table).delete().eq("id", target).execute())
    assert service.table(table).select("*").eq("id", target).execute().data == before


def assert_refused_or_empty(request) -> None:
    """Hidden rows are simply not touched (0 rows); append-only or secret-bearing tables refuse
    the statement outright (42501). Either way nothing changes."""
    try:
        assert request().data == []
    except APIError as refused:
        assert refused.code == "42501"


def demo_row(service, table: str) -> dict:
    """A row that would be valid in Clínica Demo, references included."""
    def first(t: str) -> str:
        return service.table(t).select("id").eq("company_id", DEMO_COMPANY).limit(1) \
            .execute().data[0]["id"]
    client = first("clients")

    def first_user() -> str:
        return service.table("users").select("id").eq("company_id", DEMO_COMPANY).limit(1) \
            .execute().data[0]["id"]
    rows = {
        "clients": {"full_name": "Intruso"},
        "services": {"name": "Serviço intruso", "price": "1.00", "duration_minutes": 10},
        "appointments": {"client_id": client, "starts_at": "2031-01-01T10:00:00Z",
                         "ends_at": "2031-01-01T11:00:00Z"},
        "payments": {"client_id": client, "amount": "1.00", "method": "pix"},
        "settings": {},
        "conversation_threads": {"client_id": client, "channel": "sms"},
        "interactions": {"client_id": client, "conversation_id": first("conversation_threads"),
                         "channel": "whatsapp", "direction": "outbound", "content": "x",
                         "status": "queued"},
        "ai_context_snapshots": {"client_id": client, "summary": "x", "trigger": "manual",
                                 "model": "x"},
        "integrations": {"channel": "instagram"},
        "pipeline_stage_changes": {"client_id": client, "to_stage": "won"},
        "audit_log": {"action": "team.change", "entity": "x"},
        "api_keys": {"name": "x", "prefix": "omni_xxxxxxx", "key_hash": "a" * 64,
                     "created_by": first_user()},
        "team_invitations": {"email": "intruso@test.clinic", "invited_by": first_user()},
        "users": {"auth_user_id": str(uuid.uuid4()), "email": "x@y.zz"},
        "message_templates": {"name": "intruso", "language": "pt_BR", "body": "Oi"},
    }
    return {"company_id": DEMO_COMPANY, **rows[table]}


@pytest.mark.parametrize("table", sorted(COMPANY_TABLES))
def test_inserting_into_another_company_is_refused(users, service, table):
    before = service.table(table).select("id", count="exact").eq("company_id", DEMO_COMPANY) \
        .execute().count
    with pytest.raises(APIError) as refused:
        users["other_admin"].table(table).insert(demo_row(service, table),
                                                 returning="minimal").execute()
    assert refused.value.code == "42501"
    assert service.table(table).select("id", count="exact").eq("company_id", DEMO_COMPANY) \
        .execute().count == before


def test_a_row_cannot_be_moved_into_another_company(users, service):
    client = service.table("clients").select("id").eq("company_id", DEMO_COMPANY).limit(1) \
        .execute().data[0]["id"]
    with pytest.raises(APIError) as refused:
        users["demo_admin"].table("clients").update({"company_id": OTHER_COMPANY}) \
            .eq("id", client).execute()
    assert refused.value.code == "42501"
    assert service.table("clients").select("company_id").eq("id", client).execute() \
        .data[0]["company_id"] == DEMO_COMPANY


def test_staff_cannot_write_admin_only_tables(users, service):
    staff = users["demo_staff"]
    assert staff.table("settings").update({"contact_email": "x@y.zz"}) \
        .eq("company_id", DEMO_COMPANY).execute().data == []
    with pytest.raises(APIError):
        staff.table("integrations").insert({"company_id": DEMO_COMPANY, "channel": "instagram"},
                                           returning="minimal").execute()
    assert_refused_or_empty(lambda: staff.table("users").update({"role": "admin"})
                            .eq("email", "staff@demo.clinic").execute())
    assert staff.table("audit_log").select("id").execute().data == []
    assert service.table("users").select("role").eq("email", "staff@demo.clinic") \
        .execute().data[0]["role"] == "staff"


def test_admin_writes_settings_and_reads_audit_log(users):
    admin = users["demo_admin"]
    updated = admin.table("settings").update({"contact_email": "recepcao@demo.clinic"}) \
        .eq("company_id", DEMO_COMPANY).execute().data
    assert updated[0]["contact_email"] == "recepcao@demo.clinic"
    assert admin.table("audit_log").select("id").execute().data


def test_integration_ciphertext_is_not_readable_when_signed_in(users):
    with pytest.raises(APIError) as refused:
        users["demo_admin"].table("integrations").select("secrets_sealed").execute()
    assert refused.value.code == "42501"


def test_cross_company_references_are_impossible(users, service):
    other_client = service.table("clients").select("id").eq("company_id", OTHER_COMPANY) \
        .limit(1).execute().data[0]["id"]
    with pytest.raises(APIError) as refused:
        users["demo_admin"].table("appointments").insert({
            "company_id": DEMO_COMPANY, "client_id": other_client,
            "starts_at": "2030-01-02T10:00:00Z", "ends_at": "2030-01-02T11:00:00Z"}).execute()
    assert refused.value.code == "23503"


def test_inbox_view_names_the_client_and_home_counters_count_own_clinic(users, service):
    rows = users["demo_staff"].table("inbox_conversations").select("client_name,status") \
        .eq("client_name", "Maria Silva").execute().data
    assert rows and all(r["client_name"] == "Maria Silva" for r in rows)
    demo = users["demo_staff"].rpc("home_counters", {}).execute().data
    other = users["other_admin"].rpc("home_counters", {}).execute().data
    for counters, company in ((demo, DEMO_COMPANY), (other, OTHER_COMPANY)):
        open_leads = service.table("clients").select("id", count="exact").eq("company_id", company) \
            .eq("is_lead", True).not_.in_("pipeline_stage", ["won", "lost"]).execute().count
        assert counters["open_leads"] == open_leads
    active_demo = service.table("conversation_threads").select("id", count="exact") \
        .eq("company_id", DEMO_COMPANY).eq("status", "active").execute().count
    assert demo["open_conversations"] == active_demo >= 1
    assert set(demo) == {"open_conversations", "unread_messages", "appointments_today",
                         "open_leads", "revenue_this_month"}
