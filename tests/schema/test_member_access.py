"""Findings 4, 6 and 15 at the database: who belongs to a clinic with which role changes only
through set_member_access (or an accepted invitation), never through a stale token copy, a
direct column write or an email change nobody confirmed."""
from __future__ import annotations

import uuid

import pytest
from postgrest.exceptions import APIError

from tests.schema.conftest import new_auth_user, signed_in


@pytest.fixture
def clinic(app_lb, service, company):
    """Two admins (A, B) and a staff member of a fresh clinic, signed in."""
    people = {}
    for name, role in (("a", "admin"), ("b", "admin"), ("staff", "staff")):
        email, password = new_auth_user(app_lb, service, {"company_id": company, "role": role})
        row = service.table("users").select("id,auth_user_id").eq("email", email).execute().data[0]
        people[name] = {"email": email, "password": password, "client": signed_in(
            app_lb, email, password), **row}
    return {"company": company, **people}


def role_of(service, user_id: str) -> str:
    return service.table("users").select("role").eq("id", user_id).execute().data[0]["role"]


def set_access(client, member_id: str, role: str | None = None, status: str | None = None):
    return client.rpc("set_member_access", {"p_member_id": member_id, "p_role": role,
                                            "p_status": status}).execute().data


def test_a_demoted_admin_stays_staff_whatever_happens_to_their_auth_account(clinic, service):
    a, b = clinic["a"], clinic["b"]
    assert set_access(a["client"], b["id"], role="staff")["role"] == "staff"
    meta = service.auth.admin.get_user_by_id(b["auth_user_id"]).user.app_metadata
    assert meta["role"] == "staff"  # the token's echo follows at once
    # A stale copy put back in the token, then an email change: neither re-applies it.
    service.auth.admin.update_user_by_id(b["auth_user_id"], {"app_metadata": {"role": "admin"}})
    new_email = f"renamed-{uuid.uuid4().hex[:8]}@test.clinic"
    service.auth.admin.update_user_by_id(b["auth_user_id"], {"email": new_email})
    b["client"].auth.update_user({"email": f"again-{uuid.uuid4().hex[:8]}@test.clinic"})
    assert role_of(service, b["id"]) == "staff"
    row = service.table("users").select("email").eq("id", b["id"]).execute().data[0]
    assert row["email"] == new_email
    assert b["client"].table("audit_log").select("id").execute().data == []  # admins only


def test_role_and_status_are_not_writable_through_the_api(clinic, service):
    for column, value in (("role", "staff"), ("status", "disabled")):
        with pytest.raises(APIError) as refused:
            clinic["a"]["client"].table("users").update({column: value}) \
                .eq("id", clinic["b"]["id"]).execute()
        assert refused.value.code == "42501"
    assert role_of(service, clinic["b"]["id"]) == "admin"


def test_set_member_access_checks_who_asks(clinic, users):
    with pytest.raises(APIError) as staff:
        set_access(clinic["staff"]["client"], clinic["b"]["id"], role="staff")
    assert staff.value.code == "PT403"
    with pytest.raises(APIError) as other_clinic:
        set_access(users["other_admin"], clinic["b"]["id"], role="staff")
    assert other_clinic.value.code == "PT404"
    with pytest.raises(APIError) as self_change:
        set_access(clinic["a"]["client"], clinic["a"]["id"], role="staff")
    assert self_change.value.code == "PT409"
    with pytest.raises(APIError) as unknown:
        set_access(clinic["a"]["client"], clinic["b"]["id"], role="owner")
    assert unknown.value.code == "22023"


def test_a_demoted_or_disabled_creator_takes_their_api_keys_down(clinic, service):
    a, b = clinic["a"], clinic["b"]
    key = b["client"].rpc("create_api_key", {"p_name": "n8n", "p_prefix": "omni_abcdefg",
                                             "p_key_hash": uuid.uuid4().hex * 2}).execute().data
    set_access(a["client"], b["id"], role="staff")
    revoked = service.table("api_keys").select("revoked_at").eq("id", key["id"]).execute().data
    assert revoked[0]["revoked_at"] is not None
    audit = service.table("audit_log").select("actor_user_id,details") \
        .eq("action", "api_key.revoked").eq("entity_id", key["id"]).execute().data
    assert audit == [{"actor_user_id": a["id"],
                      "details": {"name": "n8n", "prefix": "omni_abcdefg",
                                  "reason": "creator_lost_admin"}}]


def test_disabling_a_member_ends_their_browser_sessions(clinic, service):
    b = clinic["b"]
    service.table("app_sessions").insert({
        "token_hash": uuid.uuid4().hex * 2, "auth_user_id": b["auth_user_id"],
        "refresh_token_sealed": "v1.x", "key_version": 1,
        "expires_at": "2999-01-01T00:00:00Z"}).execute()
    set_access(clinic["a"]["client"], b["id"], status="disabled")
    assert service.table("app_sessions").select("id") \
        .eq("auth_user_id", b["auth_user_id"]).execute().data == []
    changes = service.table("audit_log").select("details").eq("action", "team.change") \
        .eq("entity_id", b["id"]).execute().data
    assert changes == [{"details": {"status": "disabled"}}]


def test_an_email_change_nobody_confirmed_does_not_reach_an_invitation(clinic, app_lb, service):
    """Finding 15: localbase applied an email change at once; a user could take an address
    invited to a clinic and accept in its owner's place."""
    email, password = new_auth_user(app_lb, service)
    intruder = signed_in(app_lb, email, password)
    invited = f"convidada-{uuid.uuid4().hex[:8]}@test.clinic"
    intruder.auth.update_user({"email": invited})
    invitation = clinic["a"]["client"].rpc("invite_member", {
        "p_email": invited, "p_role": "admin"}).execute().data
    assert intruder.rpc("my_invitations", {}).execute().data == []
    with pytest.raises(APIError) as refused:
        intruder.rpc("accept_invitation", {"p_invitation_id": invitation}).execute()
    assert refused.value.code == "PT404"
    assert service.table("users").select("company_id").eq("email", email) \
        .execute().data[0]["company_id"] is None
