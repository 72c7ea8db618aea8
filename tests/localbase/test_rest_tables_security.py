"""REST tables security: row-level security seen by two users and anon, tokens that must be
refused, injection attempts through every part of the query string, and schema cache reloads."""
from __future__ import annotations

import time
import uuid

import httpx
import jwt
import pytest
from postgrest.types import CountMethod

from tests.localbase.auth_support import client, signed_up, sql
from tests.localbase.rest_support import api_error, raw, user_token


def titles(response) -> list[str]:
    return sorted(row["title"] for row in response.data)


# row-level security: using ((select auth.uid()) = owner)

def test_each_user_sees_and_changes_only_their_own_rows(lb, service):
    alice, alice_session = signed_up(lb)
    bob, bob_session = signed_up(lb)
    alice_id, bob_id = alice_session.user.id, bob_session.user.id
    rows = alice.table("todos").insert([{"title": "a1"}, {"title": "a2"}]).execute().data
    assert {row["owner"] for row in rows} == {alice_id}
    bobs = bob.table("todos").insert({"title": "b1", "priority": 1}).execute().data[0]

    mine = alice.table("todos").select("title", count=CountMethod.exact).execute()
    assert (titles(mine), mine.count) == (["a1", "a2"], 2)
    assert titles(bob.table("todos").select("title").execute()) == ["b1"]
    assert alice.table("todos").update({"title": "stolen"}).eq("id", bobs["id"]).execute(
    ).data == []
    assert alice.table("todos").delete().eq("id", bobs["id"]).execute().data == []
    assert api_error(alice.table("todos").select("*").eq("id", bobs["id"]).single()).code == (
        "PGRST116")
    assert titles(bob.table("todos").select("title").execute()) == ["b1"]

    error = api_error(alice.table("todos").insert({"title": "forged", "owner": bob_id}))
    assert error.code == "42501"
    forged = raw(lb, "POST", "todos", alice_session.session.access_token,
                 json={"title": "forged", "owner": bob_id})
    assert (forged.status_code, forged.json()["code"]) == (403, "42501")
    moved = api_error(alice.table("todos").update({"owner": bob_id}).eq("title", "a1"))
    assert moved.code == "42501"

    done = bob.table("todos").update({"done": True}).eq("id", bobs["id"]).execute().data
    assert done[0]["done"] is True
    assert [row["id"] for row in bob.table("todos").select("id").is_("done", True).execute(
    ).data] == [bobs["id"]]
    owners = {row["owner"] for row in service.table("todos").select("owner").in_(
        "owner", [alice_id, bob_id]).execute().data}
    assert owners == {alice_id, bob_id}


def test_anon_sees_nothing_and_may_not_write(lb, anon):
    owner, session = signed_up(lb)
    owner.table("todos").insert({"title": "private"}).execute()
    assert anon.table("todos").select("*").execute().data == []
    error = api_error(anon.table("todos").insert({"title": "anon"}))
    assert (error.code, error.message) == (
        "42501", 'new row violates row-level security policy for table "todos"')
    response = raw(lb, "POST", "todos", json={"title": "anon"})
    assert (response.status_code, response.headers["www-authenticate"]) == (401, "Bearer")
    deleted = raw(lb, "DELETE", "todos?title=eq.private",
                  headers={"Prefer": "return=representation"})
    assert (deleted.status_code, deleted.json()) == (200, [])
    assert titles(owner.table("todos").select("title").execute()) == ["private"]


# tokens

def test_expired_forged_and_malformed_tokens_are_refused(lb):
    expired = raw(lb, "GET", "items", user_token(lb, expires_in=-10))
    assert (expired.status_code, expired.json()["code"]) == (401, "PGRST303")
    assert expired.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    forged = raw(lb, "GET", "items", user_token(lb, secret="not-the-project-secret-" * 2))
    assert (forged.status_code, forged.json()["code"]) == (401, "PGRST301")
    unsigned = jwt.encode({"role": "service_role"}, key=None, algorithm="none")
    assert raw(lb, "GET", "settings", unsigned).status_code == 401
    assert raw(lb, "GET", "items", "garbage").status_code == 401
    unknown_role = raw(lb, "GET", "items", user_token(lb, role="postgres"))
    assert unknown_role.status_code == 401
    expired_session = client(lb)
    expired_session.postgrest.auth(user_token(lb, expires_in=-10))
    assert api_error(expired_session.table("items").select("*")).code == "PGRST303"


def test_the_role_claim_picks_the_database_role(lb, service):
    assert raw(lb, "GET", "settings").json() == []  # anon: RLS without a policy hides rows
    scope = f"role-{uuid.uuid4().hex[:8]}"
    service.table("settings").insert({"scope": scope, "key": "k"}).execute()
    assert raw(lb, "GET", f"settings?scope=eq.{scope}").json() == []
    as_service = raw(lb, "GET", f"settings?scope=eq.{scope}&select=key", lb.service_role_key)
    assert as_service.json() == [{"key": "k"}]


# injection: every part of the query string fails closed

@pytest.mark.parametrize("params", [
    {"select": "id;drop table items"}, {"select": "id)--"}, {"select": "*,pg_sleep(1)"},
    {"select": "id::text);drop table items;--"}, {"select": "name::text collate \"C\""},
    {"select": "data->>'a'"}, {"select": "\"id\"\";drop table items;--\""},
    {"id;drop table items": "eq.1"}, {"id": "eq.1;drop table items"},
    {"id": "in.(1);drop table items"}, {"id": "eq(any).{1}); drop table items;--"},
    {"data->>a')::text;--": "eq.1"}, {"order": "id;drop table items"},
    {"order": "id desc"}, {"order": "(select 1)"}, {"order": "id.desc;drop"},
    {"or": "(id.eq.1);drop table items"}, {"or": "(id.eq.1,id.eq.(select 1))"},
    {"limit": "1;drop table items"}, {"offset": "0 union select 1"},
    {"id": "1 or 1=1"}, {"name": "is.null or 1=1"},
])
def test_injection_attempts_in_reads_fail_closed(lb, params):
    response = raw(lb, "GET", "items", params=params)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["code"]
    assert sql(lb, "select count(*) from public.items") == [(5,)]


def test_injected_values_are_only_ever_compared(lb):
    for value in ("' or ''='", "x'); drop table items; --", "%' or 1=1 --"):
        assert raw(lb, "GET", "items", params={"name": f"eq.{value}"}).json() == []
        assert raw(lb, "GET", "items", params={"name": f"like.{value}"}).json() == []
        assert raw(lb, "GET", "items", params={"or": f'(name.eq."{value}")'}).json() == []
    assert sql(lb, "select count(*) from public.items") == [(5,)]


@pytest.mark.parametrize("path", [
    'settings?on_conflict=scope);drop table settings;--',
    'settings?on_conflict="scope\\");drop table settings;--"',
    'settings?columns=scope);drop table settings;--',
    'settings?columns="scope\\";drop table settings;--"',
    "settings;drop table settings", "settings%22;drop table settings;--",
])
def test_injection_attempts_in_writes_fail_closed(lb, path):
    response = raw(lb, "POST", path, lb.service_role_key, json=[{"scope": "x", "key": "y"}],
                   headers={"Prefer": "resolution=merge-duplicates"})
    assert 400 <= response.status_code < 500, response.text
    assert sql(lb, "select count(*) from pg_tables where tablename = 'settings'") == [(1,)]


def test_injection_through_body_keys_and_table_names(lb):
    body = {"scope": "x", "key\"); drop table settings; --": 1}
    response = raw(lb, "POST", "settings", lb.service_role_key, json=body)
    assert (response.status_code, response.json()["code"]) == (400, "PGRST204")
    update = raw(lb, "PATCH", "settings?id=eq.1", lb.service_role_key,
                 json={"note = 'x', counter": 1})
    assert update.json()["code"] == "PGRST204"
    assert raw(lb, "GET", 'items"; drop table items; --').status_code == 404
    assert sql(lb, "select count(*) from public.items") == [(5,)]


# schema cache

def _wait_for_status(lb, path: str, status: int) -> httpx.Response:
    deadline = time.monotonic() + 10
    while True:
        response = raw(lb, "GET", path, lb.service_role_key)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_schema_cache_reloads_on_notify_pgrst(lb):
    table = f"probe_{uuid.uuid4().hex[:8]}"
    sql(lb, f"create table public.{table} (id int primary key)")
    sql(lb, f"insert into public.{table} values (1)")
    try:
        assert raw(lb, "GET", table, lb.service_role_key).json()["code"] == "PGRST205"
        sql(lb, "notify pgrst, 'reload schema'")
        assert _wait_for_status(lb, table, 200).json() == [{"id": 1}]
        sql(lb, f"alter table public.{table} add column label text")
        sql(lb, "notify pgrst")
        added = _wait_for_status(lb, f"{table}?select=label", 200)
        assert added.json() == [{"label": None}]
    finally:
        sql(lb, f"drop table public.{table}")
        sql(lb, "notify pgrst, 'reload schema'")
    assert _wait_for_status(lb, table, 404).json()["code"] == "PGRST205"


def test_schema_cache_listener_survives_a_dropped_connection(lb):
    terminated = sql(lb, "select pg_terminate_backend(pid) from pg_stat_activity "
                         "where query = 'listen pgrst'")
    assert terminated == [(True,)]
    table = f"probe_{uuid.uuid4().hex[:8]}"
    sql(lb, f"create table public.{table} (id int primary key)")
    try:
        sql(lb, "notify pgrst, 'reload schema'")
        assert _wait_for_status(lb, table, 200).json() == []
    finally:
        sql(lb, f"drop table public.{table}")
        sql(lb, "notify pgrst, 'reload schema'")
