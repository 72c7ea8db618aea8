"""Issue 10, items 10, 14 and 16 at the database: revenue hidden from staff unless the clinic
says so, the getting-started checklist read from real data, the owner's name kept when a clinic
is made, and each user's own alerts (choices only they change, messages only of their clinic)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from postgrest.exceptions import APIError

from harness.clinics import new_member, patient_message
from tests.schema.conftest import new_auth_user, signed_in


@pytest.fixture
def clinic(app_lb, service):
    """A clinic made by its owner through create_company (so it has its settings row), with a
    staff member; both signed in."""
    email, password = new_auth_user(app_lb, service)
    owner = signed_in(app_lb, email, password)
    company = owner.rpc("create_company", {"p_name": "Clínica Alertas",
                                           "p_owner_name": "  Dra. Helena Prado "}).execute().data
    staff = new_member(service, company, label="Alerta")
    return {"company": company, "owner": owner, "owner_email": email,
            "staff": signed_in(app_lb, staff.email, staff.password), "staff_email": staff.email}


def user_id(service, email: str) -> str:
    return service.table("users").select("id").eq("email", email).execute().data[0]["id"]


def test_create_company_keeps_the_owners_name(clinic, service):
    row = service.table("users").select("full_name,role").eq("email", clinic["owner_email"]) \
        .execute().data[0]
    assert row == {"full_name": "Dra. Helena Prado", "role": "admin"}


def test_revenue_is_hidden_from_staff_until_an_admin_shows_it(clinic, service):
    client = service.table("clients").insert({"company_id": clinic["company"],
                                              "full_name": "Paga"}).execute().data[0]["id"]
    service.table("payments").insert({"company_id": clinic["company"], "client_id": client,
                                      "amount": "250.00", "method": "pix", "status": "paid",
                                      "paid_at": datetime.now(timezone.utc).isoformat()}).execute()
    owner, staff = clinic["owner"], clinic["staff"]
    assert float(owner.rpc("home_counters", {}).execute().data["revenue_this_month"]) == 250
    assert staff.rpc("home_counters", {}).execute().data["revenue_this_month"] is None
    # Staff cannot change the setting; an admin can.
    staff.table("settings").update({"staff_sees_revenue": True}) \
        .eq("company_id", clinic["company"]).execute()
    assert staff.rpc("home_counters", {}).execute().data["revenue_this_month"] is None
    owner.table("settings").update({"staff_sees_revenue": True}) \
        .eq("company_id", clinic["company"]).execute()
    assert float(staff.rpc("home_counters", {}).execute().data["revenue_this_month"]) == 250


def test_getting_started_ticks_itself_from_real_data(clinic, service):
    owner, company = clinic["owner"], clinic["company"]
    fresh = owner.rpc("getting_started", {}).execute().data
    assert fresh == {"channel": False, "team": True, "services": False, "dismissed": False}
    service.table("services").insert({"company_id": company, "name": "Limpeza", "price": "100",
                                      "duration_minutes": 30}).execute()
    service.table("integrations").insert({"company_id": company, "channel": "whatsapp"}).execute()
    assert owner.rpc("getting_started", {}).execute().data["channel"] is False  # not active yet
    service.table("integrations").update({"status": "active"}).eq("company_id", company).execute()
    done = clinic["staff"].rpc("getting_started", {}).execute().data
    assert done == {"channel": True, "team": True, "services": True, "dismissed": False}


def test_an_open_invitation_counts_as_a_team(app_lb, service):
    email, password = new_auth_user(app_lb, service)
    owner = signed_in(app_lb, email, password)
    owner.rpc("create_company", {"p_name": "Sozinha"}).execute()
    assert owner.rpc("getting_started", {}).execute().data["team"] is False
    owner.rpc("invite_member", {"p_email": f"x-{uuid.uuid4().hex[:6]}@test.clinic"}).execute()
    assert owner.rpc("getting_started", {}).execute().data["team"] is True


def test_only_an_admin_dismisses_the_checklist(clinic):
    when = datetime.now(timezone.utc).isoformat()
    clinic["staff"].table("settings").update({"getting_started_dismissed_at": when}) \
        .eq("company_id", clinic["company"]).execute()
    assert clinic["owner"].rpc("getting_started", {}).execute().data["dismissed"] is False
    clinic["owner"].table("settings").update({"getting_started_dismissed_at": when}) \
        .eq("company_id", clinic["company"]).execute()
    assert clinic["staff"].rpc("getting_started", {}).execute().data["dismissed"] is True


def test_alert_choices_are_each_users_own(clinic, service):
    staff = clinic["staff"]
    assert staff.rpc("my_alerts", {}).execute().data["browser"] is False
    staff.rpc("set_my_alerts", {"p_browser": True, "p_sound": False}).execute()
    mine = staff.rpc("my_alerts", {}).execute().data
    assert (mine["browser"], mine["sound"]) == (True, False)
    assert clinic["owner"].rpc("my_alerts", {}).execute().data["browser"] is False
    # Not through the table, not for someone else.
    with pytest.raises(APIError) as refused:
        staff.table("users").update({"notify_sound": True}) \
            .eq("id", user_id(service, clinic["owner_email"])).execute()
    assert refused.value.code == "42501"


def test_alerts_are_new_conversations_and_messages_where_i_replied_last(clinic, service, users):
    company, staff = clinic["company"], clinic["staff"]
    staff_id = user_id(service, clinic["staff_email"])
    owner_id = user_id(service, clinic["owner_email"])
    mine = service.rpc("ingest_inbound_message", patient_message(
        company, "Oi", name="Da Recepção")).execute().data
    theirs = service.rpc("ingest_inbound_message", patient_message(
        company, "Olá", name="Da Dona")).execute().data
    for row, author in ((mine, staff_id), (theirs, owner_id)):
        service.table("interactions").insert({
            "company_id": company, "conversation_id": row["conversation_id"],
            "client_id": row["client_id"], "channel": "whatsapp", "direction": "outbound",
            "content": "Resposta", "status": "sent", "sent_by": author}).execute()
    since = staff.rpc("my_alerts", {}).execute().data["now"]
    again = dict(patient_message(company, "De novo", name="Da Recepção"))
    again["p_sender"] = service.table("clients").select("phone").eq(
        "id", mine["client_id"]).execute().data[0]
    again["p_sender"] = {"phone": again["p_sender"]["phone"], "name": "Da Recepção"}
    service.rpc("ingest_inbound_message", again).execute()
    other = dict(patient_message(company, "Para a dona", name="Da Dona"))
    other["p_sender"] = {"phone": service.table("clients").select("phone").eq(
        "id", theirs["client_id"]).execute().data[0]["phone"], "name": "Da Dona"}
    service.rpc("ingest_inbound_message", other).execute()
    service.rpc("ingest_inbound_message", patient_message(
        company, "Primeira vez", name="Nova Paciente")).execute()
    alerts = staff.rpc("my_alerts", {"p_since": since}).execute().data
    got = [(m["client_name"], m["preview"], m["kind"]) for m in alerts["messages"]]
    assert got == [("Da Recepção", "De novo", "mine"), ("Nova Paciente", "Primeira vez", "new")]
    assert alerts["unread"] >= 3
    owner_sees = clinic["owner"].rpc("my_alerts", {"p_since": since}).execute().data
    assert [(m["preview"], m["kind"]) for m in owner_sees["messages"]] == [
        ("Para a dona", "mine"), ("Primeira vez", "new")]
    # Another clinic hears nothing of it; the first call (no since) lists nothing.
    assert users["other_admin"].rpc("my_alerts", {"p_since": since}).execute().data[
        "messages"] == []
    assert staff.rpc("my_alerts", {}).execute().data["messages"] == []


def test_alerts_and_checklist_need_a_clinic(no_company_user, anon):
    assert no_company_user.rpc("my_alerts", {}).execute().data is None
    assert no_company_user.rpc("getting_started", {}).execute().data is None
    for name in ("my_alerts", "getting_started"):
        with pytest.raises(APIError):
            anon.rpc(name, {}).execute()


def test_every_zone_onboarding_offers_is_one_the_database_accepts(app_lb):
    import psycopg

    from omni_app.i18n import timezones
    with psycopg.connect(app_lb.admin_dsn) as conn:
        refused = [z for z in timezones.zones()
                   if not conn.execute("select private.is_timezone(%s)", (z,)).fetchone()[0]]
    assert refused == []
