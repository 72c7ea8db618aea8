"""REST tables conformance: `/rest/v1/{table}` through the real supabase client (sync and async)
and raw HTTP where the client cannot say something, against the fixtures of
migrations/20240101000000_rest_tables.sql (`items` is read-only data, `settings` is written by
the service role, each test in its own `scope`).

RLS, tokens, injection and schema reloads are in test_rest_tables_security.py.
"""
from __future__ import annotations

import uuid

import pytest
from postgrest.exceptions import APIError
from postgrest.types import CountMethod

from tests.localbase.auth_support import async_client
from tests.localbase.rest_support import api_error, raw

JSON = "application/json; charset=utf-8"


@pytest.fixture
def scope() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


def ids(response) -> list[int]:
    return [row["id"] for row in response.data]


# reads

def test_select_serializes_types_as_postgrest_does(lb, anon):
    row = anon.table("items").select("*").eq("id", 1).execute().data[0]
    assert row == {"id": 1, "name": "apple", "tags": ["fruit", "red"],
                   "data": {"color": "red", "size": {"cm": 8}}, "price": 1.50,
                   "happened_at": "2024-01-01T10:00:00+00:00", "score": 4.5, "note": None}
    response = raw(lb, "GET", "items", params={"select": "price", "id": "eq.4"})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    assert response.headers["content-range"] == "0-0/*"
    assert response.text == '[{"price":12.00}]'


def test_select_columns_aliases_casts_and_json_paths(anon):
    rows = anon.table("items").select("id,label:name,price::text,data->size->>cm,"
                                      "color:data->color").order("id").limit(2).execute().data
    assert rows == [{"id": 1, "label": "apple", "price": "1.50", "cm": "8", "color": "red"},
                    {"id": 2, "label": "banana", "price": "0.25", "cm": "20",
                     "color": "yellow"}]


def test_comparison_and_pattern_filters(anon):
    items = anon.table("items")
    assert ids(items.select("id").eq("name", "apple").execute()) == [1]
    assert ids(items.select("id").neq("id", 1).order("id").execute()) == [2, 3, 4, 5]
    assert ids(items.select("id").gt("price", 1.5).order("id").execute()) == [4, 5]
    assert ids(items.select("id").gte("price", 1.5).order("id").execute()) == [1, 4, 5]
    assert ids(items.select("id").lt("score", 2.5).execute()) == [4]
    assert ids(items.select("id").lte("score", 2.5).order("id").execute()) == [4, 5]
    assert ids(items.select("id").like("name", "%an%").order("id").execute()) == [2, 4, 5]
    assert ids(items.select("id").like("name", "*an*").order("id").execute()) == [2, 4, 5]
    assert ids(items.select("id").ilike("name", "d*").execute()) == [4]
    assert ids(items.select("id").like_any_of("name", "a*,c*").order("id").execute()) == [1, 3]
    assert ids(items.select("id").eq("data->>color", "orange").execute()) == [3]
    assert ids(items.select("id").text_search("name", "banana").execute()) == [2]


def test_is_in_array_and_negated_filters(anon):
    items = anon.table("items")
    assert ids(items.select("id").is_("note", None).order("id").execute()) == [1, 5]
    assert ids(items.select("id").not_.is_("score", None).order("id").execute()) == [1, 2, 4, 5]
    assert ids(items.select("id").in_("name", ["apple", "eggplant, purple", 'x"y']).order(
        "id").execute()) == [1, 5]
    assert ids(items.select("id").in_("note", ['smelly, "strong"']).execute()) == [4]
    assert ids(items.select("id").not_.in_("id", [1, 2, 3]).order("id").execute()) == [4, 5]
    assert ids(items.select("id").contains("tags", ["fruit"]).order("id").execute()) == [1, 2, 4]
    assert ids(items.select("id").contained_by("tags", ["fruit", "red", "x"]).order(
        "id").execute()) == [1, 4]
    assert ids(items.select("id").overlaps("tags", ["purple", "red"]).order(
        "id").execute()) == [1, 5]
    assert ids(items.select("id").contains("data", {"color": "green"}).execute()) == [4]
    assert ids(items.select("id").not_.eq("name", "apple").gt("id", 3).order(
        "id").execute()) == [4, 5]


def test_or_and_nesting_and_repeated_keys(lb, anon):
    items = anon.table("items")
    assert ids(items.select("id").or_("id.eq.1,name.ilike.*ROT*").order("id").execute()) == [1, 3]
    assert ids(items.select("id").or_("and(price.gt.1,price.lt.3),id.eq.3").order(
        "id").execute()) == [1, 3, 5]
    assert ids(items.select("id").not_.or_("id.lt.3,id.gt.4").execute()) == [3, 4]
    assert ids(items.select("id").or_('name.eq."eggplant, purple",tags.cs.{red}').order(
        "id").execute()) == [1, 5]
    response = raw(lb, "GET", "items", params=[("select", "id"), ("id", "gt.1"),
                                               ("id", "lt.4"), ("order", "id")])
    assert response.json() == [{"id": 2}, {"id": 3}]


def test_order_with_nulls_first_and_last(anon):
    items = anon.table("items")
    assert ids(items.select("id").order("score", desc=True).execute()) == [3, 1, 2, 5, 4]
    assert ids(items.select("id").order("score", desc=True, nullsfirst=False).execute()) == [
        1, 2, 5, 4, 3]
    assert ids(items.select("id").order("note", nullsfirst=True).order("id").execute()) == [
        1, 5, 3, 2, 4]
    assert ids(items.select("id").order("data->size->cm", desc=True).order(
        "id").limit(3).execute()) == [3, 5, 4]


def test_limit_offset_range_and_exact_count(lb, anon):
    response = anon.table("items").select("id", count=CountMethod.exact).order("id").range(
        1, 2).execute()
    assert (ids(response), response.count) == ([2, 3], 5)
    partial = raw(lb, "GET", "items", params={"select": "id", "order": "id", "limit": "2",
                                              "offset": "1"},
                  headers={"Prefer": "count=exact"})
    assert (partial.status_code, partial.headers["content-range"]) == (206, "1-2/5")
    whole = raw(lb, "GET", "items", params={"select": "id"}, headers={"Prefer": "count=exact"})
    assert (whole.status_code, whole.headers["content-range"]) == (200, "0-4/5")
    ranged = raw(lb, "GET", "items", params={"select": "id", "order": "id"},
                 headers={"Range": "3-10"})
    assert (ranged.json(), ranged.headers["content-range"]) == ([{"id": 4}, {"id": 5}], "3-4/*")
    empty = raw(lb, "GET", "items", params={"id": "eq.99"}, headers={"Prefer": "count=exact"})
    assert (empty.json(), empty.headers["content-range"]) == ([], "*/0")
    assert raw(lb, "GET", "items", params={"id": "eq.99"}).headers["content-range"] == "*/*"


def test_out_of_range_offsets_and_ranges_answer_416(lb):
    past = raw(lb, "GET", "items", params={"offset": "9"}, headers={"Prefer": "count=exact"})
    assert past.status_code == 416
    assert past.json() == {"code": "PGRST103", "message": "Requested range not satisfiable",
                           "details": "An offset of 9 was requested, but there are only 5 "
                                      "rows.", "hint": None}
    assert raw(lb, "GET", "items", headers={"Range": "4-2"}).json()["code"] == "PGRST103"
    assert raw(lb, "GET", "items", params={"limit": "-1"}).status_code == 416


def test_head_counts_without_a_body(lb, anon):
    response = anon.table("items").select("*", count=CountMethod.exact, head=True).gt(
        "id", 2).execute()
    assert response.count == 3
    head = raw(lb, "HEAD", "items", params={"id": "gt.2"}, headers={"Prefer": "count=exact"})
    assert (head.status_code, head.content, head.headers["content-range"]) == (200, b"", "0-2/3")
    missing = raw(lb, "HEAD", "nope")
    assert (missing.status_code, missing.headers["proxy-status"]) == (
        404, "PostgREST; error=PGRST205")


def test_single_and_maybe_single(lb, anon):
    assert anon.table("items").select("id,name").eq("id", 2).single().execute().data == {
        "id": 2, "name": "banana"}
    response = raw(lb, "GET", "items", params={"id": "eq.2", "select": "id"},
                   headers={"Accept": "application/vnd.pgrst.object+json"})
    assert response.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"
    assert response.text == '{"id":2}'
    error = api_error(anon.table("items").select("id").eq("id", 99).single())
    assert (error.code, error.message, error.details) == (
        "PGRST116", "Cannot coerce the result to a single JSON object",
        "The result contains 0 rows")
    many = raw(lb, "GET", "items", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert (many.status_code, many.json()["details"]) == (406, "The result contains 5 rows")
    assert anon.table("items").select("id").eq("id", 99).maybe_single().execute() is None
    assert anon.table("items").select("id").eq("id", 3).maybe_single().execute().data == {
        "id": 3}


def test_views_and_identifiers_that_need_quoting(lb, anon):
    assert anon.table("item_names").select("*").eq("id", 5).execute().data == [
        {"id": 5, "name": "eggplant, purple"}]
    rows = anon.table("odd names").select('id,"Mixed Case",pc:"per%cent",dash-ed').eq(
        "Mixed Case", "two").execute().data
    assert rows == [{"id": 2, "Mixed Case": "two", "pc": 20, "dash-ed": 200}]
    response = raw(lb, "GET", "odd names", params={"select": "id", '"per%cent"': "gt.10"})
    assert response.json() == [{"id": 2}]


def test_embedding_and_aggregates_are_refused_not_ignored(anon):
    error = api_error(anon.table("items").select("id,owner:todos(title)"))
    assert (error.code, error.message) == ("PGRST100",
                                           "Resource embedding is not supported by localbase")
    assert api_error(anon.table("items").select("id").eq("todos.title", "x")).code == "PGRST100"
    assert api_error(anon.table("items").select("price.sum()")).code == "PGRST123"


def test_read_errors(lb, anon):
    error = api_error(anon.table("nope").select("*"))
    assert (error.code, error.message) == (
        "PGRST205", "Could not find the table 'public.nope' in the schema cache")
    assert api_error(anon.table("item").select("*")).hint == (
        "Perhaps you meant the table 'public.items'")
    error = api_error(anon.table("items").select("id,nope"))
    assert (error.code, error.message) == ("42703", "column items.nope does not exist")
    assert api_error(anon.table("items").select("id").eq("nope", 1)).code == "42703"
    assert api_error(anon.table("items").select("id").order("nope")).code == "42703"
    assert api_error(anon.table("items").select("id").eq("id", "abc")).code == "22P02"
    assert api_error(anon.table("items").select("id").filter("id", "nop", "1")).code == (
        "PGRST100")
    bad = raw(lb, "GET", "items", params={"select": "id,"})
    assert (bad.status_code, bad.json()["code"]) == (400, "PGRST100")
    assert bad.json()["message"].startswith('"failed to parse select parameter (id,)"')
    schema = raw(lb, "GET", "items", headers={"Accept-Profile": "auth"})
    assert (schema.status_code, schema.json()["code"]) == (406, "PGRST106")
    unfiltered = raw(lb, "GET", "items", params={"id": "5"})
    assert (unfiltered.status_code, unfiltered.json()["code"]) == (400, "PGRST100")
    assert raw(lb, "GET", "items", params={"apikey": lb.anon_key}).status_code == 200


# writes

def test_insert_returns_the_row_with_defaults(lb, service, scope):
    response = service.table("settings").insert({"scope": scope, "key": "a",
                                                 "value": {"n": [1, 2]}}).execute()
    row = response.data[0]
    assert (row["scope"], row["value"], row["counter"], row["note"]) == (
        scope, {"n": [1, 2]}, 0, "fresh")
    created = raw(lb, "POST", "settings", lb.service_role_key, json={"scope": scope, "key": "b"},
                  headers={"Prefer": "return=representation"})
    assert (created.status_code, created.headers["content-range"]) == (201, "*/*")
    assert created.headers["content-type"] == JSON
    minimal = raw(lb, "POST", "settings", lb.service_role_key, json={"scope": scope, "key": "c"},
                  headers={"Prefer": "return=minimal"})
    assert (minimal.status_code, minimal.content, minimal.headers["content-range"]) == (
        201, b"", "*/*")


def test_bulk_insert_nulls_or_defaults_for_missing_keys(service, scope):
    rows = [{"scope": scope, "key": "a", "note": "given"}, {"scope": scope, "key": "b"}]
    inserted = service.table("settings").insert(rows).execute().data
    assert [row["note"] for row in inserted] == ["given", None]
    rows = [{"scope": scope, "key": "c", "counter": 5}, {"scope": scope, "key": "d"}]
    inserted = service.table("settings").insert(rows, default_to_null=False).execute().data
    assert [(row["counter"], row["note"]) for row in inserted] == [(5, "fresh"), (0, "fresh")]
    assert service.table("settings").insert([{"scope": scope, "key": "e"}],
                                            returning="minimal").execute().data == []
    only_key = service.table("settings").insert({"scope": scope, "key": "f"}).select(
        "key").execute()
    assert only_key.data == [{"key": "f"}]


def test_upsert_merges_or_ignores_duplicates(lb, service, scope):
    settings = service.table("settings")
    settings.insert({"scope": scope, "key": "a", "counter": 1}).execute()
    merged = settings.upsert({"scope": scope, "key": "a", "counter": 2},
                             on_conflict="scope,key").execute().data
    assert [row["counter"] for row in merged] == [2]
    ignored = settings.upsert({"scope": scope, "key": "a", "counter": 3},
                              on_conflict="scope,key", ignore_duplicates=True).execute()
    assert ignored.data == []
    assert settings.select("counter").eq("scope", scope).execute().data == [{"counter": 2}]
    prefer = {"Prefer": "return=representation,resolution=merge-duplicates"}
    updated_only = raw(lb, "POST", "settings?on_conflict=scope,key", lb.service_role_key,
                       json=[{"scope": scope, "key": "a", "counter": 4}], headers=prefer)
    assert updated_only.status_code == 200
    mixed = raw(lb, "POST", "settings?on_conflict=scope,key", lb.service_role_key,
                json=[{"scope": scope, "key": "a", "counter": 5},
                      {"scope": scope, "key": "b", "counter": 6}], headers=prefer)
    assert (mixed.status_code, [row["counter"] for row in mixed.json()]) == (201, [5, 6])


def test_upsert_without_on_conflict_uses_the_primary_key(service, scope):
    row = service.table("settings").insert({"scope": scope, "key": "a"}).execute().data[0]
    again = service.table("settings").upsert({"id": row["id"], "scope": scope, "key": "b"}
                                             ).execute().data
    assert [(r["id"], r["key"]) for r in again] == [(row["id"], "b")]


def test_update_and_delete_with_filters(lb, service, scope):
    settings = service.table("settings")
    settings.insert([{"scope": scope, "key": k} for k in "abc"]).execute()
    updated = settings.update({"note": "changed"}).eq("scope", scope).in_(
        "key", ["a", "b"]).execute().data
    assert sorted(row["key"] for row in updated) == ["a", "b"]
    assert {row["note"] for row in updated} == {"changed"}
    counted = raw(lb, "PATCH", f"settings?scope=eq.{scope}", lb.service_role_key,
                  json={"counter": 1}, headers={"Prefer": "return=minimal,count=exact"})
    assert (counted.status_code, counted.headers["content-range"]) == (204, "0-2/3")
    shown = raw(lb, "PATCH", f"settings?scope=eq.{scope}&key=eq.c", lb.service_role_key,
                json={"counter": 2}, headers={"Prefer": "return=representation"})
    assert (shown.status_code, shown.headers["content-range"]) == (200, "0-0/*")
    deleted = settings.delete().eq("scope", scope).eq("key", "a").execute().data
    assert [row["key"] for row in deleted] == ["a"]
    gone = raw(lb, "DELETE", f"settings?scope=eq.{scope}", lb.service_role_key,
               headers={"Prefer": "return=minimal"})
    assert (gone.status_code, gone.content) == (204, b"")
    assert settings.select("id").eq("scope", scope).execute().data == []


def test_unfiltered_update_and_delete_are_refused_like_supabase(lb, service, scope):
    error = api_error(service.table("settings").delete())
    assert (error.code, error.message) == ("21000", "DELETE requires a WHERE clause")
    assert api_error(service.table("settings").update({"note": "x"})).code == "21000"
    response = raw(lb, "PATCH", "settings", lb.service_role_key, json={})
    assert response.status_code == 204  # nothing to set: no UPDATE runs at all


def test_single_object_mutations_roll_back_when_not_one_row(lb, service, scope):
    response = raw(lb, "POST", "settings", lb.service_role_key,
                   json=[{"scope": scope, "key": "a"}, {"scope": scope, "key": "b"}],
                   headers={"Prefer": "return=representation",
                            "Accept": "application/vnd.pgrst.object+json"})
    assert (response.status_code, response.json()["code"]) == (406, "PGRST116")
    assert service.table("settings").select("id").eq("scope", scope).execute().data == []
    one = service.table("settings").insert({"scope": scope, "key": "a"}).single().execute()
    assert one.data["key"] == "a"


def test_write_errors(lb, service, scope):
    settings = service.table("settings")
    settings.insert({"scope": scope, "key": "a"}).execute()
    error = api_error(settings.insert({"scope": scope, "key": "a"}))
    assert error.code == "23505"
    response = raw(lb, "POST", "settings", lb.service_role_key, json={"scope": scope, "key": "a"})
    assert response.status_code == 409
    assert api_error(settings.insert({"scope": scope})).code == "23502"
    assert api_error(settings.insert({"scope": scope, "key": "z", "counter": "x"})).code == "22P02"
    error = api_error(settings.insert({"scope": scope, "key": "b", "nope": 1}))
    assert (error.code, error.message) == (
        "PGRST204", "Could not find the 'nope' column of 'settings' in the schema cache")
    assert api_error(settings.update({"nope": 1}).eq("scope", scope)).code == "PGRST204"
    error = api_error(settings.upsert({"scope": scope, "key": "a"}, on_conflict="nope"))
    assert (error.code, error.message) == ("42703", 'column "nope" does not exist')
    for body in (b"{", b"", b"[1]"):
        bad = raw(lb, "POST", "settings", lb.service_role_key, content=body,
                  headers={"Content-Type": "application/json"})
        assert (bad.status_code, bad.json()["code"]) == (400, "PGRST102")
    mismatched = raw(lb, "POST", "settings", lb.service_role_key,
                     json=[{"scope": scope, "key": "c"}, {"scope": scope}])
    assert mismatched.json()["message"] == "All object keys must match"
    unknown = raw(lb, "POST", 'settings?columns="scope","nope"', lb.service_role_key,
                  json=[{"scope": scope}])
    assert unknown.json()["code"] == "PGRST204"
    put = raw(lb, "PUT", "settings?id=eq.1", lb.service_role_key, json={})
    assert (put.status_code, put.json()["code"]) == (405, "PGRST117")


async def test_async_client_reads_and_writes(lb, scope):
    client = await async_client(lb, lb.service_role_key)
    settings = client.table("settings")
    inserted = await settings.insert([{"scope": scope, "key": "a"},
                                      {"scope": scope, "key": "b"}]).execute()
    assert len(inserted.data) == 2
    counted = await settings.select("key", count=CountMethod.exact).eq("scope", scope).order(
        "key", desc=True).execute()
    assert ([row["key"] for row in counted.data], counted.count) == (["b", "a"], 2)
    await settings.update({"counter": 7}).eq("scope", scope).eq("key", "a").execute()
    single = await settings.select("counter").eq("scope", scope).eq("key", "a").single().execute()
    assert single.data == {"counter": 7}
    await settings.upsert({"scope": scope, "key": "a", "counter": 8},
                          on_conflict="scope,key").execute()
    deleted = await settings.delete().eq("scope", scope).execute()
    assert sorted(row["counter"] for row in deleted.data) == [0, 8]
    with pytest.raises(APIError) as caught:
        await client.table("nope").select("*").execute()
    assert caught.value.code == "PGRST205"
