"""RPC security: the caller's role and claims inside functions, EXECUTE privileges, security
definer functions, tokens, and injection attempts through names, arguments and filters."""
from __future__ import annotations

import uuid

import pytest
from postgrest.exceptions import APIError

from localbase.keys import sign
from tests.localbase.auth_support import client
from tests.localbase.rest_support import api_error, raw, user_token


@pytest.fixture
def user_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def user(lb, user_id):
    user = client(lb)
    user.postgrest.auth(user_token(lb, user_id))
    return user


def test_functions_see_the_callers_claims_and_role(anon, user, user_id, service):
    assert user.rpc("rpc_whoami").execute().data == {
        "uid": user_id, "role": "authenticated", "user": "authenticated", "method": "POST"}
    assert user.rpc("rpc_whoami", get=True).execute().data["method"] == "GET"
    assert anon.rpc("rpc_whoami").execute().data == {
        "uid": None, "role": "anon", "user": "anon", "method": "POST"}
    assert service.rpc("rpc_whoami").execute().data["user"] == "service_role"


def test_revoked_execute_answers_401_to_anon_and_403_to_a_signed_in_role(lb, anon, user, service,
                                                                         user_id):
    error = api_error(anon.rpc("rpc_members_only"))
    assert (error.code, error.message) == (
        "42501", "permission denied for function rpc_members_only")
    response = raw(lb, "POST", "rpc/rpc_members_only", json={})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert user.rpc("rpc_members_only").execute().data == "welcome"
    assert service.rpc("rpc_members_only").execute().data == "welcome"
    assert api_error(user.rpc("rpc_service_only")).code == "42501"
    assert raw(lb, "POST", "rpc/rpc_service_only", user_token(lb, user_id),
               json={}).status_code == 403
    assert service.rpc("rpc_service_only").execute().data == "service"


def test_security_definer_reads_what_the_caller_cannot(anon, user):
    assert user.rpc("rpc_secret_count").execute().data == 2
    assert user.rpc("rpc_secret_count_invoker").execute().data == 0
    assert api_error(anon.rpc("rpc_secret_count")).code == "42501"


def test_expired_and_forged_tokens_are_refused(lb, user_id):
    expired = raw(lb, "POST", "rpc/rpc_noop", user_token(lb, user_id, expires_in=-10), json={})
    assert (expired.status_code, expired.json()["code"]) == (401, "PGRST303")
    forged = sign({"sub": user_id, "role": "service_role"}, "not-the-project-secret-" * 2)
    refused = raw(lb, "POST", "rpc/rpc_noop", forged, json={})
    assert (refused.status_code, refused.json()["code"]) == (401, "PGRST301")


@pytest.mark.parametrize("name", [
    "rpc_add; drop table rpc_items; --",
    'rpc_add"(1); drop table rpc_items; --',
    "rpc_add(a => 1)",
    "auth.uid",
    "public.rpc_noop",
    "pg_sleep",
    "version",
    "rpc_%s%s",
    "rpc_%(a)s",
])
def test_function_names_come_only_from_the_schema_cache(anon, name):
    error = api_error(anon.rpc(name, {"a": 1}))
    assert error.code == "PGRST202"


@pytest.mark.parametrize("arguments", [
    {'a" := 1) from pg_sleep(1) --': 1},
    {"a := (select 1)": 1},
    {"a": 1, "b); drop table rpc_items; --": 2},
    {"%s": 1, "a": 1},
    {"": 1},
])
def test_argument_names_come_only_from_the_catalog(anon, arguments):
    assert api_error(anon.rpc("rpc_add", arguments)).code == "PGRST202"


def test_values_are_bound_never_spliced(lb, anon):
    evil = "'); drop table rpc_items; -- %s %(x)s $1"
    assert anon.rpc("rpc_echo", {"t": evil}).execute().data == evil
    assert anon.rpc("rpc_echo", {"t": evil}, get=True).execute().data == evil
    error = api_error(anon.rpc("rpc_add", {"a": "1); drop table rpc_items; --"}, get=True))
    assert error.code == "22P02"
    assert raw(lb, "POST", "rpc/rpc_add", json="a").json()["code"] == "PGRST202"


def test_filters_order_and_select_after_rpc_fail_closed(anon):
    attempts = [
        anon.rpc("rpc_all_items").eq("id;drop table rpc_items", 1),
        anon.rpc("rpc_all_items").order("id desc; drop table rpc_items"),
        anon.rpc("rpc_all_items").select("id,(select 1)"),
        anon.rpc("rpc_all_items").filter("id", "eq);drop table rpc_items;--", 1),
        anon.rpc("rpc_all_items").select('id,"name"" from pg_user --"'),
    ]
    for attempt in attempts:
        with pytest.raises(APIError) as caught:
            attempt.execute()
        assert caught.value.code in ("PGRST100", "42703")
    assert len(anon.rpc("rpc_all_items").execute().data) == 5


def test_quoted_catalog_names_are_callable(anon):
    assert anon.rpc("rpc weird-name").execute().data == "weird"
    assert anon.rpc("rpc_quoted", {'we"ird': 21}).execute().data == 42
    assert anon.rpc("rpc_50%_off", {"price%": 10}).execute().data == 5
    assert anon.rpc("rpc_50%_off", {"price%": 10}, get=True).execute().data == 5
