"""RPC conformance: `/rest/v1/rpc/{fn}` through the real supabase client (sync and async) and raw
HTTP, against the functions of migrations/20240101000100_rest_rpc.sql.

Security (roles, auth.uid(), injection) is in test_rest_rpc_security.py.
"""
from __future__ import annotations

import time

import httpx
import pytest
from postgrest.exceptions import APIError
from postgrest.types import CountMethod

from tests.localbase.auth_support import async_client, sql
from tests.localbase.rest_support import api_error, raw


# Return kinds

def test_void_answers_204_without_body(lb, anon):
    assert anon.rpc("rpc_noop").execute().data == []
    response = raw(lb, "POST", "rpc/rpc_noop", json={})
    assert response.status_code == 204
    assert response.content == b""


def test_scalar_is_a_bare_json_value_and_defaults_apply(lb, anon):
    assert anon.rpc("rpc_add", {"a": 1}).execute().data == 11
    assert anon.rpc("rpc_add", {"a": 1, "b": 2}).execute().data == 3
    assert anon.rpc("rpc_echo", {"t": "hi"}).execute().data == "hi"
    response = raw(lb, "POST", "rpc/rpc_add", json={"a": 1})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.text == "11"


def test_arrays_enums_and_variadic_arguments(lb, anon):
    assert anon.rpc("rpc_sum", {"ids": [1, 2, 3]}).execute().data == 6
    assert anon.rpc("rpc_sum", {"ids": [1, 2, 3]}, get=True).execute().data == 6
    assert anon.rpc("rpc_concat", {"parts": ["x", "y"]}).execute().data == "x+y"
    assert anon.rpc("rpc_mood_label", {"m": "happy"}).execute().data == "feeling happy"
    repeated = raw(lb, "GET", "rpc/rpc_concat", params=[("parts", "a"), ("parts", "b,c")])
    assert repeated.json() == "a+b,c"
    error = api_error(anon.rpc("rpc_mood_label", {"m": "angry"}))
    assert error.code == "22P02"


def test_get_passes_arguments_in_the_query_string(lb, anon):
    assert anon.rpc("rpc_add", {"a": 5}, get=True).execute().data == 15
    assert anon.rpc("rpc_doc_key", {"doc": {"k": [1]}, "key": "k"}, get=True).execute().data == [1]
    # a repeated non-variadic argument keeps its last value, as PostgREST's does
    assert raw(lb, "GET", "rpc/rpc_add", params=[("a", "1"), ("a", "2")]).json() == 12
    # Kong's apikey query parameter is not an argument
    keyless = httpx.get(f"{lb.url}/rest/v1/rpc/rpc_add", params={"a": 1, "apikey": lb.anon_key})
    assert keyless.json() == 11


def test_setof_scalar_is_an_array_that_pages_and_filters(anon):
    assert anon.rpc("rpc_series", {"n": 4}).execute().data == [1, 2, 3, 4]
    assert anon.rpc("rpc_series", {"n": 4}).limit(2).execute().data == [1, 2]
    # PostgREST names a scalar result's column pgrst_scalar
    filtered = anon.rpc("rpc_series", {"n": 4}).gt("pgrst_scalar", 2)
    assert filtered.order("pgrst_scalar", desc=True).execute().data == [4, 3]


def test_setof_table_rows_take_filters_order_select_and_range(anon):
    rows = anon.rpc("rpc_all_items").execute().data
    assert [r["id"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0] == {"id": 1, "name": "apple", "tags": ["fruit", "red"]}
    assert anon.rpc("rpc_all_items").eq("id", 3).execute().data[0]["name"] == "carrot"
    named = anon.rpc("rpc_all_items").like("name", "*an*").order("id", desc=True)
    assert [r["name"] for r in named.execute().data] == ["eggplant", "banana"]
    picked = anon.rpc("rpc_items_by_tag", {"tag": "fruit"}).select("id").in_("id", [1, 4])
    assert picked.execute().data == [{"id": 1}, {"id": 4}]
    paged = anon.rpc("rpc_all_items").order("id").range(1, 2).execute().data
    assert [r["id"] for r in paged] == [2, 3]
    either = anon.rpc("rpc_all_items").or_("id.eq.1,name.eq.date").execute().data
    assert [r["id"] for r in either] == [1, 4]


def test_returns_table_is_an_array_of_objects(anon):
    assert anon.rpc("rpc_squares").execute().data == [
        {"i": 1, "square": 1}, {"i": 2, "square": 4}, {"i": 3, "square": 9}]
    assert anon.rpc("rpc_squares", {"n": 4}).gte("square", 9).execute().data == [
        {"i": 3, "square": 9}, {"i": 4, "square": 16}]


def test_single_composite_is_an_object(anon):
    assert anon.rpc("rpc_item", {"item_id": 2}).execute().data == {
        "id": 2, "name": "banana", "tags": ["fruit"]}
    assert anon.rpc("rpc_bounds").execute().data == {"low": 1, "high": 5}


def test_lone_unnamed_json_parameter_receives_the_whole_body(anon):
    body = {"x": [1, 2], "nested": {"y": None}}
    assert anon.rpc("rpc_body", body).execute().data == {**body, "seen": True}
    assert anon.rpc("rpc_body").execute().data == {"seen": True}


def test_named_json_argument_becomes_jsonb(anon):
    doc = {"k": {"n": 1, "list": [True, None]}}
    assert anon.rpc("rpc_doc_key", {"doc": doc, "key": "k"}).execute().data == doc["k"]


# Counting, HEAD and the single-object media type

def test_count_exact_gives_content_range_and_206(lb, anon):
    response = anon.rpc("rpc_all_items", count=CountMethod.exact).limit(2).execute()
    assert response.count == 5
    assert len(response.data) == 2
    counted = raw(lb, "POST", "rpc/rpc_all_items", json={}, params={"limit": 2, "offset": 1},
                  headers={"Prefer": "count=exact"})
    assert counted.status_code == 206
    assert counted.headers["content-range"] == "1-2/5"
    uncounted = raw(lb, "POST", "rpc/rpc_all_items", json={}, params={"limit": 2})
    assert (uncounted.status_code, uncounted.headers["content-range"]) == (200, "0-1/*")
    filtered = raw(lb, "POST", "rpc/rpc_all_items", json={}, params={"id": "gt.3"},
                   headers={"Prefer": "count=exact"})
    assert (filtered.status_code, filtered.headers["content-range"]) == (200, "0-1/2")
    beyond = raw(lb, "POST", "rpc/rpc_all_items", json={}, params={"offset": 9},
                 headers={"Prefer": "count=exact"})
    assert (beyond.status_code, beyond.json()["code"]) == (416, "PGRST103")


def test_head_counts_without_a_body(lb, anon):
    response = anon.rpc("rpc_all_items", count=CountMethod.exact, head=True).execute()
    assert response.count == 5
    assert not response.data
    head = raw(lb, "HEAD", "rpc/rpc_series", params={"n": 3}, headers={"Prefer": "count=exact"})
    assert (head.status_code, head.content, head.headers["content-range"]) == (200, b"", "0-2/3")


def test_single_returns_one_object_or_406(lb, anon):
    one = anon.rpc("rpc_all_items").eq("id", 3).single().execute()
    assert one.data == {"id": 3, "name": "carrot", "tags": ["vegetable"]}
    error = api_error(anon.rpc("rpc_all_items").single())
    assert (error.code, error.details) == ("PGRST116", "The result contains 5 rows")
    response = raw(lb, "POST", "rpc/rpc_all_items", json={}, params={"id": "eq.2"},
                   headers={"Accept": "application/vnd.pgrst.object+json"})
    assert response.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"


def test_single_rolls_back_a_write_that_returned_several_rows(lb, anon):
    notes = ["single-rollback", "single-rollback"]
    error = api_error(anon.rpc("rpc_log_notes", {"notes": notes}).single())
    assert (error.code, error.details) == ("PGRST116", "The result contains 2 rows")
    assert anon.rpc("rpc_log_count", {"note": "single-rollback"}).execute().data == 0


# Resolution: overloads, unknown functions and arguments

def test_overloads_resolve_by_argument_names(anon):
    assert anon.rpc("rpc_over", {"a": 1}).execute().data == "one int"
    assert anon.rpc("rpc_over", {"a": 1, "b": 2}).execute().data == "two ints"
    assert anon.rpc("rpc_over", {"s": "x"}).execute().data == "text"


def test_ambiguous_overloads_answer_300_pgrst203(lb, anon):
    error = api_error(anon.rpc("rpc_ambiguous", {"a": 1}))
    assert error.code == "PGRST203"
    assert error.message == ("Could not choose the best candidate function between: "
                             "public.rpc_ambiguous(a => integer), public.rpc_ambiguous(a => text)")
    assert raw(lb, "POST", "rpc/rpc_ambiguous", json={"a": 1}).status_code == 300


def test_unknown_function_answers_404_pgrst202(lb, anon):
    error = api_error(anon.rpc("no_such_fn", {"b": 1, "a": 2}))
    assert error.code == "PGRST202"
    assert error.message == "Could not find the function public.no_such_fn(a, b) in the schema cache"
    assert error.details == ("Searched for the function public.no_such_fn with parameters a, b or "
                             "with a single unnamed json/jsonb parameter, but no matches were "
                             "found in the schema cache.")
    assert raw(lb, "POST", "rpc/no_such_fn", json={}).status_code == 404
    bare = api_error(anon.rpc("rpc_ad"))
    assert bare.message == "Could not find the function public.rpc_ad without parameters in the schema cache"
    assert bare.hint == "Perhaps you meant to call the function public.rpc_add"


def test_unmatched_arguments_answer_pgrst202_with_a_hint(anon):
    error = api_error(anon.rpc("rpc_add", {"a": 1, "c": 2}))
    assert error.code == "PGRST202"
    assert error.message == "Could not find the function public.rpc_add(a, c) in the schema cache"
    assert error.hint == "Perhaps you meant to call the function public.rpc_add(a, b)"
    missing = api_error(anon.rpc("rpc_add", {"b": 2}, get=True))
    assert missing.details == ("Searched for the function public.rpc_add with parameter b, but "
                               "no matches were found in the schema cache.")


def test_get_query_parameters_with_an_operator_are_filters(anon):
    response = anon.rpc("rpc_items_by_tag", {"tag": "vegetable"}, get=True).eq("id", 5)
    assert response.execute().data == [{"id": 5, "name": "eggplant", "tags": ["vegetable"]}]
    error = api_error(anon.rpc("rpc_all_items").eq("no_such_column", 1))
    assert error.code == "42703"


def test_new_function_is_callable_after_schema_reload(lb, anon):
    sql(lb, "create function public.rpc_late() returns text language sql as $$ select 'late' $$")
    sql(lb, "notify pgrst, 'reload schema'")
    for _ in range(50):
        try:
            assert anon.rpc("rpc_late").execute().data == "late"
            return
        except APIError as error:
            assert error.code == "PGRST202"
            time.sleep(0.1)
    pytest.fail("rpc_late never appeared in the schema cache")


# Errors raised by functions and malformed requests

def test_raise_exception_answers_400_with_detail_and_hint(lb, anon):
    error = api_error(anon.rpc("rpc_fail", {"msg": "boom"}))
    assert (error.code, error.message, error.details, error.hint) == (
        "P0001", "boom", "some detail", "some hint")
    assert raw(lb, "POST", "rpc/rpc_fail", json={"msg": "x"}).status_code == 400


def test_pt_sqlstate_sets_the_status(lb, anon):
    error = api_error(anon.rpc("rpc_forbidden"))
    assert (error.code, error.message) == ("PT403", "not for you")
    assert raw(lb, "POST", "rpc/rpc_forbidden", json={}).status_code == 403


def test_invalid_json_body_is_refused(lb):
    response = raw(lb, "POST", "rpc/rpc_add", content=b"{not json",
                   headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()["code"]) == (400, "PGRST102")


def test_other_schemas_are_not_exposed(lb):
    response = raw(lb, "POST", "rpc/rpc_noop", json={}, headers={"Content-Profile": "auth"})
    assert (response.status_code, response.json()["code"]) == (406, "PGRST106")


# Transactions

def test_get_runs_read_only_so_writes_fail_with_405(lb, anon):
    error = api_error(anon.rpc("rpc_log_note", {"note": "via-get"}, get=True))
    assert error.code == "25006"
    assert raw(lb, "GET", "rpc/rpc_log_note", params={"note": "via-get"}).status_code == 405
    assert anon.rpc("rpc_log_count", {"note": "via-get"}).execute().data == 0
    assert anon.rpc("rpc_log_note", {"note": "via-post"}).execute().data > 0
    assert anon.rpc("rpc_log_count", {"note": "via-post"}, get=True).execute().data == 1


def test_only_a_post_to_a_volatile_function_is_read_write(anon):
    assert anon.rpc("rpc_read_only_volatile").execute().data == "off"
    assert anon.rpc("rpc_read_only_volatile", get=True).execute().data == "on"
    assert anon.rpc("rpc_read_only_stable").execute().data == "on"


# Async client

async def test_async_client_calls_functions(lb):
    client = await async_client(lb)
    assert (await client.rpc("rpc_add", {"a": 2}).execute()).data == 12
    rows = await client.rpc("rpc_squares", {"n": 5}, count=CountMethod.exact).gt("i", 3).execute()
    assert (rows.data, rows.count) == ([{"i": 4, "square": 16}, {"i": 5, "square": 25}], 2)
    assert (await client.rpc("rpc_item", {"item_id": 1}).execute()).data["name"] == "apple"
    with pytest.raises(APIError) as caught:
        await client.rpc("rpc_fail", {"msg": "async boom"}).execute()
    assert (caught.value.code, caught.value.message) == ("P0001", "async boom")
