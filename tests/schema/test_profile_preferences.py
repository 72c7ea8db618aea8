"""Item 17's profile page at the database: a member changes their own name, language and theme
through definer functions (echoed to Auth's user_metadata, the name audited), and nobody,
not even an admin of the clinic, changes a colleague's."""
from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from tests.schema.conftest import new_auth_user, signed_in


@pytest.fixture
def clinic(app_lb, service, company):
    """An admin and a staff member of a fresh clinic, signed in."""
    people = {}
    for role in ("admin", "staff"):
        email, password = new_auth_user(app_lb, service, {"company_id": company, "role": role})
        row = service.table("users").select("id,auth_user_id").eq("email", email).execute().data[0]
        people[role] = {"client": signed_in(app_lb, email, password), **row}
    return {"company": company, **people}


def row_of(service, user_id: str) -> dict:
    return service.table("users").select("full_name,locale,theme").eq("id", user_id) \
        .execute().data[0]


def test_a_member_changes_their_own_name_echoed_to_auth_and_audited(clinic, service):
    staff = clinic["staff"]
    stored = staff["client"].rpc("set_my_name", {"p_full_name": "  Ana Júlia  "}).execute().data
    assert stored == "Ana Júlia" and row_of(service, staff["id"])["full_name"] == "Ana Júlia"
    meta = service.auth.admin.get_user_by_id(staff["auth_user_id"]).user.user_metadata
    assert meta["full_name"] == "Ana Júlia"
    [audit] = service.table("audit_log").select("action,actor_user_id,entity_id,details") \
        .eq("company_id", clinic["company"]).eq("action", "account.name").execute().data
    assert audit["actor_user_id"] == audit["entity_id"] == staff["id"]
    assert audit["details"]["to"] == "Ana Júlia"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_an_empty_or_overlong_name_is_refused(clinic, service, name):
    before = row_of(service, clinic["staff"]["id"])["full_name"]
    with pytest.raises(APIError) as refused:
        clinic["staff"]["client"].rpc("set_my_name", {"p_full_name": name}).execute()
    assert refused.value.code == "22023"
    assert row_of(service, clinic["staff"]["id"])["full_name"] == before


def test_language_and_theme_are_kept_and_the_language_echoed_to_auth(clinic, service):
    staff = clinic["staff"]
    staff["client"].rpc("set_my_locale", {"p_locale": "en"}).execute()
    staff["client"].rpc("set_my_theme", {"p_theme": "dark"}).execute()
    assert row_of(service, staff["id"]) | {"full_name": ""} == \
        {"full_name": "", "locale": "en", "theme": "dark"}
    meta = service.auth.admin.get_user_by_id(staff["auth_user_id"]).user.user_metadata
    assert meta["locale"] == "en"
    profile = staff["client"].rpc("my_profile", {}).execute().data
    assert (profile["locale"], profile["theme"]) == ("en", "dark")
    for function, argument, value in (("set_my_theme", "p_theme", "sepia"),
                                      ("set_my_locale", "p_locale", "fr")):
        with pytest.raises(APIError):
            staff["client"].rpc(function, {argument: value}).execute()


@pytest.mark.parametrize("column, value", [("full_name", "Renamed by the admin"),
                                           ("locale", "es"), ("theme", "light")])
def test_not_even_an_admin_changes_a_colleagues_name_or_preferences(clinic, service, column,
                                                                    value):
    before = row_of(service, clinic["staff"]["id"])
    with pytest.raises(APIError) as refused:
        clinic["admin"]["client"].table("users").update({column: value}) \
            .eq("id", clinic["staff"]["id"]).execute()
    assert refused.value.code == "42501"
    assert row_of(service, clinic["staff"]["id"]) == before


def test_the_functions_change_only_the_callers_row(clinic, service):
    before = row_of(service, clinic["staff"]["id"])
    admin = clinic["admin"]["client"]
    admin.rpc("set_my_name", {"p_full_name": "Dra. Admin"}).execute()
    admin.rpc("set_my_locale", {"p_locale": "es"}).execute()
    admin.rpc("set_my_theme", {"p_theme": "light"}).execute()
    assert row_of(service, clinic["admin"]["id"]) == \
        {"full_name": "Dra. Admin", "locale": "es", "theme": "light"}
    assert row_of(service, clinic["staff"]["id"]) == before


def test_signed_out_callers_cannot_use_them(anon):
    for function, argument, value in (("set_my_name", "p_full_name", "x"),
                                      ("set_my_theme", "p_theme", "dark")):
        with pytest.raises(APIError):
            anon.rpc(function, {argument: value}).execute()
