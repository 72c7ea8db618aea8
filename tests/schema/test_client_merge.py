"""Merging clients at the database: merge_clients moves every row of every table that points at
the merged client onto the kept one (found in the catalog, counted here table by table), closes
the older of two open conversations on one channel, keeps both clients' identities and tags, the
stage history and an audit entry, and deletes the merged client; all for members of the clinic
both clients belong to, and nothing changes when it refuses. client_duplicates suggests pairs
for both reasons and never unrelated clients or another clinic's."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from postgrest.exceptions import APIError

from tests.schema.test_conversation_assignee import member

AT = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
SEEDED = {"conversation_threads", "interactions", "appointments", "payments", "client_notes",
          "ai_context_snapshots", "pipeline_stage_changes"}


def referencing_tables(app_lb) -> list[tuple[str, str]]:
    """(table, client column) of every foreign key to clients(id)."""
    with psycopg.connect(app_lb.admin_dsn) as conn:
        return conn.execute("""
            select rel.relname, a.attname
            from pg_constraint c join pg_class rel on rel.oid = c.conrelid
            cross join lateral unnest(c.conkey, c.confkey) as k(col, ref)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.col
            join pg_attribute r on r.attrelid = c.confrelid and r.attnum = k.ref
            where c.contype = 'f' and c.confrelid = 'public.clients'::regclass
              and r.attname = 'id'""").fetchall()


def counts(app_lb, client_id: str) -> dict[str, int]:
    with psycopg.connect(app_lb.admin_dsn) as conn:
        return {table: conn.execute(f"select count(*) from public.{table} where {column} = %s",
                                    (client_id,)).fetchone()[0]
                for table, column in referencing_tables(app_lb)}


def new_client(service, company: str, **fields) -> dict:
    return service.table("clients").insert({"company_id": company, "full_name": "Paciente",
                                            **fields}).execute().data[0]


def thread(service, company: str, client_id: str, channel: str, last: datetime,
           text: str) -> str:
    row = service.table("conversation_threads").insert({
        "company_id": company, "client_id": client_id, "channel": channel,
        "started_at": last.isoformat(), "last_message_at": last.isoformat()}).execute().data[0]
    service.table("interactions").insert({
        "company_id": company, "conversation_id": row["id"], "client_id": client_id,
        "channel": channel, "direction": "inbound", "status": "received", "content": text,
        "occurred_at": last.isoformat(), "external_message_id": f"ext.{uuid.uuid4().hex}",
    }).execute()
    return row["id"]


def records(service, company: str, client_id: str) -> None:
    """An appointment with its payment, a snapshot (the stage history and notes come from the
    members' own calls)."""
    appointment = service.table("appointments").insert({
        "company_id": company, "client_id": client_id, "starts_at": AT.isoformat(),
        "ends_at": (AT + timedelta(hours=1)).isoformat()}).execute().data[0]
    service.table("payments").insert({
        "company_id": company, "client_id": client_id, "appointment_id": appointment["id"],
        "amount": 150, "method": "pix"}).execute()
    service.table("ai_context_snapshots").insert({
        "company_id": company, "client_id": client_id, "summary": "Quer clareamento",
        "trigger": "manual", "model": "test"}).execute()


def merge(user, keep: str, merged: str) -> dict:
    return user.rpc("merge_clients", {"p_keep_id": keep, "p_merge_id": merged}).execute().data


@pytest.fixture
def clinic(app_lb, service, company):
    other = service.table("companies").insert(
        {"name": "Outra", "slug": f"test-{uuid.uuid4().hex[:12]}"}).execute().data[0]["id"]
    return {"company": company, "other": other, "staff": member(app_lb, service, company),
            "stranger": member(app_lb, service, other, "admin")}


@pytest.fixture
def pair(clinic, service):
    """Ana on WhatsApp (kept) and Ana on Instagram who also wrote on WhatsApp (merged), each with
    records of every kind."""
    company, staff = clinic["company"], clinic["staff"]["client"]
    keep = new_client(service, company, full_name="Ana Souza", phone="+5511987650001",
                      whatsapp_id="5511987650001", tags=["botox"], source_channel="whatsapp")
    gone = new_client(service, company, full_name="Ana Sousa", instagram_id="ana.sousa",
                      email="ana@exemplo.com", birth_date="1990-05-17", cpf="52998224725",
                      tags=["VIP", "Botox"], is_lead=False, notes="Indicada pela Maria")
    threads = {"kept_whatsapp": thread(service, company, keep["id"], "whatsapp",
                                       AT - timedelta(days=2), "Oi, sou a Ana"),
               "merged_whatsapp": thread(service, company, gone["id"], "whatsapp",
                                         AT - timedelta(hours=1), "Oi de novo"),
               "merged_instagram": thread(service, company, gone["id"], "instagram",
                                          AT, "Vi o post")}
    for client in (keep, gone):
        records(service, company, client["id"])
        staff.rpc("add_client_note", {"p_client_id": client["id"],
                                      "p_body": f"Nota de {client['full_name']}"}).execute()
    staff.table("clients").update({"pipeline_stage": "qualified"}).eq("id", gone["id"]).execute()
    return {"keep": keep, "gone": gone, "threads": threads}


def test_merge_moves_every_row_and_keeps_identities_history_and_audit(
        app_lb, service, clinic, pair):
    keep, gone, staff = pair["keep"]["id"], pair["gone"]["id"], clinic["staff"]
    before_keep, before_gone = counts(app_lb, keep), counts(app_lb, gone)
    assert {table for table, n in before_gone.items() if n} >= SEEDED
    kept = merge(staff["client"], keep, gone)

    assert counts(app_lb, keep) == {table: before_keep[table] + before_gone[table]
                                    for table in before_keep}
    assert service.table("clients").select("id").eq("id", gone).execute().data == []
    assert (kept["id"], kept["full_name"], kept["phone"], kept["instagram_id"],
            kept["email"], kept["birth_date"], kept["tags"], kept["is_lead"], kept["notes"]) == (
        keep, "Ana Souza", "+5511987650001", "ana.sousa", "ana@exemplo.com", "1990-05-17",
        ["botox", "VIP"], False, "Indicada pela Maria")
    assert "cpf" not in kept
    stored = service.table("clients").select("cpf,whatsapp_id,pipeline_stage") \
        .eq("id", keep).execute().data[0]
    assert stored == {"cpf": "52998224725", "whatsapp_id": "5511987650001",
                      "pipeline_stage": "new"}    # the kept client's stage stays

    threads = {row["id"]: row["status"] for row in service.table("conversation_threads")
               .select("id,status,client_id").eq("client_id", keep).execute().data}
    ids = pair["threads"]
    assert threads == {ids["kept_whatsapp"]: "closed", ids["merged_whatsapp"]: "active",
                       ids["merged_instagram"]: "active"}

    history = service.table("pipeline_stage_changes").select("from_stage,to_stage,changed_by") \
        .eq("client_id", keep).order("changed_at").execute().data
    assert {"from_stage": "new", "to_stage": "qualified",
            "changed_by": staff["id"]} in history
    assert sum(1 for row in history if row["from_stage"] is None) == 2   # both creations

    [audit] = service.table("audit_log").select("action,entity,entity_id,actor_user_id,details") \
        .eq("company_id", clinic["company"]).eq("action", "client.merged").execute().data
    assert (audit["entity"], audit["entity_id"], audit["actor_user_id"]) == (
        "client", keep, staff["id"])
    assert audit["details"]["merged_id"] == gone
    assert audit["details"]["conversations_closed"] == 1
    assert audit["details"]["moved"]["interactions"] == 2
    assert "Ana" not in str(audit["details"]) and "exemplo" not in str(audit["details"])


def test_merge_is_refused_across_clinics_and_for_one_client_changing_nothing(
        app_lb, service, clinic, pair):
    keep, gone = pair["keep"]["id"], pair["gone"]["id"]
    staff, stranger = clinic["staff"]["client"], clinic["stranger"]["client"]
    theirs = new_client(service, clinic["other"], full_name="Ana Souza",
                        phone="+5511987650002")["id"]
    before = counts(app_lb, keep), counts(app_lb, gone), counts(app_lb, theirs)
    for user, keep_id, merge_id in [(stranger, keep, gone), (stranger, theirs, gone),
                                    (staff, keep, theirs), (staff, theirs, keep),
                                    (staff, keep, str(uuid.uuid4()))]:
        with pytest.raises(APIError) as refused:
            merge(user, keep_id, merge_id)
        assert refused.value.code == "PT404", (keep_id, merge_id)
    with pytest.raises(APIError) as same:
        merge(staff, keep, keep)
    assert (same.value.code, same.value.hint) == ("22023", "same_client")
    assert (counts(app_lb, keep), counts(app_lb, gone), counts(app_lb, theirs)) == before
    assert len(service.table("clients").select("id").in_("id", [keep, gone, theirs])
               .execute().data) == 3
    assert service.table("audit_log").select("id").eq("action", "client.merged") \
        .in_("company_id", [clinic["company"], clinic["other"]]).execute().data == []


def duplicates(user) -> set[tuple[str, str, str]]:
    return {(row["keep_id"], row["merge_id"], row["reason"])
            for row in user.rpc("client_duplicates", {}).execute().data}


def test_duplicates_are_found_for_both_reasons_and_not_for_unrelated_clients(service, clinic):
    company = clinic["company"]

    def add(name: str, **fields) -> str:
        return new_client(service, company, full_name=name, **fields)["id"]

    old_spelling = add("Carlos Lima", phone="+554188887777")     # before the ninth digit
    new_spelling = add("C. Lima (trabalho)", phone="+5541988887777")
    email_a = add("Maria Aparecida Silva", email="maria@exemplo.com")
    email_b = add("Maria Aparecida da Silva", email="maria@exemplo.com")
    born_a = add("João Pereira", birth_date="1985-02-03")
    born_b = add("Joao Pereira", birth_date="1985-02-03")
    digits_a = add("Beatriz Nogueira", phone="+5511912345678")
    digits_b = add("Beatriz Nogueira", phone="+5521912345678")
    add("Pedro Alves", email="pedro@exemplo.com")                # same name, nothing shared
    add("Pedro Alves", email="alves@exemplo.com")
    add("Lúcia Mendes", email="casa@exemplo.com")                 # shared, names unrelated
    add("Rafael Costa", email="casa@exemplo.com")
    add("Ana Souza", phone="+5511987650001")                      # another clinic's twin
    new_client(service, clinic["other"], full_name="Ana Souza", phone="+551187650001")

    found = duplicates(clinic["staff"]["client"])
    assert found == {(old_spelling, new_spelling, "phone"), (email_a, email_b, "name"),
                     (born_a, born_b, "name"), (digits_a, digits_b, "name")}
    assert duplicates(clinic["stranger"]["client"]) == set()
