"""REST without a database: request headers (localbase.rest.negotiate) and the payloads and
statements of inserts, updates and deletes (localbase.rest.mutate)."""
from __future__ import annotations

from types import MappingProxyType

import pytest
from starlette.requests import Request

from localbase.rest import mutate
from localbase.rest.compile import Sql
from localbase.rest.negotiate import (Media, content_range, negotiate, page, preferences,
                                      read_status)
from localbase.rest.schema_cache import Column, Table
from tests.localbase.rest_support import refused

SETTINGS = Table("public", "settings", "r", MappingProxyType({
    "id": Column("id", "bigint", False, "nextval('public.settings_id_seq'::regclass)"),
    "scope": Column("scope", "text", False, None),
    "key": Column("key", "text", False, None),
    "note": Column("note", "text", True, "'50%'::text"),
}), ("id",))


def request(**headers: str) -> Request:
    raw = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "method": "GET", "headers": raw, "query_string": b""})


# headers

def test_prefer_header_as_the_client_sends_it():
    prefs = preferences(request(prefer="return=representation,count=exact,"
                                       "resolution=merge-duplicates,missing=default"))
    assert (prefs.representation, prefs.count, prefs.resolution, prefs.missing_default) == (
        True, True, "merge-duplicates", True)
    assert prefs.applied(mutation=True) == ("resolution=merge-duplicates, missing=default, "
                                            "return=representation, count=exact")
    assert preferences(request(prefer="count=planned")).count
    assert preferences(request()).representation is False


def test_accept_header_picks_array_or_single_object():
    assert negotiate(request()) == Media(single=False, strip_nulls=False)
    assert negotiate(request(accept="*/*")).single is False
    assert negotiate(request(accept="application/vnd.pgrst.object+json")).single
    stripped = negotiate(request(accept="application/vnd.pgrst.array+json;nulls=stripped"))
    assert stripped == Media(single=False, strip_nulls=True)
    assert negotiate(request(accept="text/html, application/json")).single is False
    refused(lambda: negotiate(request(accept="text/csv")), 406, "PGRST107")


def test_page_intersects_limit_offset_and_range_header():
    assert page(None, 0, None) == (None, 0)
    assert page(10, 20, None) == (10, 20)
    assert page(None, 0, "0-9") == (10, 0)
    assert page(None, 0, "5-") == (None, 5)
    assert page(10, 0, "5-20") == (5, 5)
    assert page(3, 0, "5-9") == (0, 5)
    assert page(None, 0, "junk") == (None, 0)
    refused(lambda: page(None, 0, "9-3"), 416, "PGRST103")


def test_read_status_and_content_range_like_postgrest():
    assert read_status(0, 3, None) == (200, "0-2/*")
    assert read_status(0, 0, None) == (200, "*/*")
    assert read_status(0, 0, 0) == (200, "*/0")
    assert read_status(0, 2, 5) == (206, "0-1/5")
    assert read_status(3, 2, 5) == (206, "3-4/5")
    assert read_status(0, 5, 5) == (200, "0-4/5")
    assert read_status(5, 0, 5) == (206, "*/5")
    error = refused(lambda: read_status(6, 0, 5), 416, "PGRST103")
    assert error.details == "An offset of 6 was requested, but there are only 5 rows."
    assert content_range(1, 0, None) == "*/*"


# payloads

def test_insert_payload_takes_keys_or_the_columns_parameter():
    one = mutate.insert_payload(b'{"scope":"a","key":"b"}', SETTINGS, None)
    assert (one.json_text, one.columns) == ('[{"scope":"a","key":"b"}]', ("scope", "key"))
    many = mutate.insert_payload(b'[{"scope":"a","x":1}]', SETTINGS, ["scope", "key"])
    assert many.columns == ("scope", "key")
    assert mutate.insert_payload(b"[]", SETTINGS, None).columns == ()


@pytest.mark.parametrize("body, columns, code", [
    (b"", None, "PGRST102"), (b"{", None, "PGRST102"), (b"[1, 2]", None, "PGRST102"),
    (b'"text"', None, "PGRST102"), (b"\xff", None, "PGRST102"),
    (b'[{"scope":"a"},{"key":"b"}]', None, "PGRST102"),
    (b'{"nope":1}', None, "PGRST204"), (b'{"scope":"a"}', ["scope", "nope"], "PGRST204"),
])
def test_insert_payloads_refused(body, columns, code):
    refused(lambda: mutate.insert_payload(body, SETTINGS, columns), 400, code)


def test_update_payload_is_one_object():
    assert mutate.update_payload(b'{"note":"x"}', SETTINGS, None).columns == ("note",)
    refused(lambda: mutate.update_payload(b'[{"note":"x"}]', SETTINGS, None), 400, "PGRST102")
    error = refused(lambda: mutate.update_payload(b'{"a;drop":1}', SETTINGS, None), 400,
                    "PGRST204")
    assert error.message == "Could not find the 'a;drop' column of 'settings' in the schema cache"


def test_conflict_columns_default_to_the_primary_key():
    assert mutate.conflict_columns(SETTINGS, None) == ("id",)
    assert mutate.conflict_columns(SETTINGS, ("scope", "key")) == ("scope", "key")
    error = refused(lambda: mutate.conflict_columns(SETTINGS, ("id);drop",)), 400, "42703")
    assert error.message == 'column "id);drop" does not exist'


# statements

def test_insert_upsert_and_missing_default_statements():
    payload = mutate.insert_payload(b'[{"scope":"a","note":"n"}]', SETTINGS, ["scope", "note"])
    plain = mutate.insert_sql(SETTINGS, payload, (), None, False, True)
    assert plain.text == ('INSERT INTO "public"."settings" AS pgrst_target ("scope", "note") '
                          'SELECT pgrst_body."scope", pgrst_body."note" FROM '
                          'json_to_recordset(%s::json) AS pgrst_body("scope" text, "note" text)'
                          ' RETURNING pgrst_target AS pgrst_row, true AS pgrst_inserted')
    assert plain.params == ['[{"scope":"a","note":"n"}]']
    merge = mutate.insert_sql(SETTINGS, payload, ("scope", "key"), "merge-duplicates", False,
                              False)
    assert 'ON CONFLICT ("scope", "key") DO UPDATE SET "scope" = EXCLUDED."scope", ' \
           '"note" = EXCLUDED."note" WHERE' in merge.text
    assert merge.text.endswith("RETURNING current_setting('localbase.inserted', true)"
                               "::boolean AS pgrst_inserted")
    ignore = mutate.insert_sql(SETTINGS, payload, ("id",), "ignore-duplicates", False, False)
    assert 'ON CONFLICT ("id") DO NOTHING RETURNING true' in ignore.text
    defaults = mutate.insert_sql(SETTINGS, payload, (), None, True, False)
    assert "jsonb_build_object(%s::text, '50%%'::text) || pgrst_elem" in defaults.text
    assert defaults.params == ["note", '[{"scope":"a","note":"n"}]']


def test_empty_inserts_and_updates():
    empty = mutate.insert_payload(b"[{}, {}]", SETTINGS, None)
    assert mutate.insert_sql(SETTINGS, empty, (), None, False, False).text == (
        'INSERT INTO "public"."settings" AS pgrst_target SELECT FROM '
        "json_array_elements(%s::json) RETURNING true AS pgrst_inserted")
    nothing = mutate.update_payload(b"{}", SETTINGS, None)
    assert mutate.update_sql(SETTINGS, nothing, Sql(), True).text.endswith("WHERE false")


def test_update_and_delete_statements():
    payload = mutate.update_payload(b'{"note":"x"}', SETTINGS, None)
    where = Sql(' WHERE ("pgrst_target"."id" = %s)', ["1"])
    update = mutate.update_sql(SETTINGS, payload, where, False)
    assert update.text == ('UPDATE "public"."settings" AS pgrst_target SET "note" = '
                           'pgrst_body."note" FROM json_to_record(%s::json) AS pgrst_body('
                           '"note" text) WHERE ("pgrst_target"."id" = %s) RETURNING false AS '
                           'pgrst_inserted')
    assert update.params == ['{"note":"x"}', "1"]
    delete = mutate.delete_sql(SETTINGS, where, True)
    assert delete.text.startswith('DELETE FROM "public"."settings" AS pgrst_target WHERE')
    assert delete.text.endswith("RETURNING pgrst_target AS pgrst_row, false AS pgrst_inserted")
