"""The REST query-string parser (localbase.rest.query) and SQL compiler (localbase.rest.compile),
without a database: what parses, what is refused, and that values only ever become parameters."""
from __future__ import annotations

import pytest

from localbase.rest.compile import (Source, Sql, condition_sql, ident, limit_clause,
                                    order_clause, read_sql, select_list, where_clause)
from localbase.rest.query import (Field, Filter, JsonStep, Logic, OrderTerm, SelectItem,
                                  parse_filter, parse_logic, parse_names, parse_order,
                                  parse_query, parse_select)
from tests.localbase.rest_support import refused

ITEMS = Source('"public"."items"', "items",
               {"id": "integer", "name": "text", "tags": "text[]", "data": "jsonb",
                "price": "numeric(10,2)", "Mixed Case": "text", "per%cent": "integer"})


# select

def test_select_columns_aliases_casts_and_json_paths():
    assert parse_select("id, label:name ,price::text,data->size->>cm,n:data->0") == (
        SelectItem(Field("id")), SelectItem(Field("name"), alias="label"),
        SelectItem(Field("price"), cast="text"),
        SelectItem(Field("data", (JsonStep("->", "size", False), JsonStep("->>", "cm", False)))),
        SelectItem(Field("data", (JsonStep("->", "0", True),)), alias="n"))


def test_select_star_quoted_names_and_dashes():
    assert parse_select('*,"Mixed Case","a,b\\"c",dash-ed') == (
        SelectItem(None), SelectItem(Field("Mixed Case")), SelectItem(Field('a,b"c')),
        SelectItem(Field("dash-ed")))
    assert parse_select("price::double precision")[0].cast == "double precision"


@pytest.mark.parametrize("text", ["", "id;drop table items", "id,", "id::text;select 1",
                                  "id::text)--", "id::int[]", "id)", "id'--", "id::",
                                  "id::1int", '"unterminated'])
def test_select_refuses_what_does_not_parse(text):
    error = refused(lambda: parse_select(text))
    assert error.message.startswith('"failed to parse select parameter (')


@pytest.mark.parametrize("text", ["id,client(name)", "alias:client(*)", "client!inner(id)",
                                  "...client(name)", "id,client(name,nested(id))"])
def test_select_refuses_embedding_by_name(text):
    error = refused(lambda: parse_select(text))
    assert "embedding is not supported" in error.message


@pytest.mark.parametrize("text", ["count()", "id.count()", "total:price.sum()", "price.avg()"])
def test_select_refuses_aggregates_like_supabase(text):
    refused(lambda: parse_select(text), code="PGRST123")


# filters

@pytest.mark.parametrize("operator", ["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike",
                                      "match", "imatch", "cs", "cd", "ov", "sl", "sr", "nxr",
                                      "nxl", "adj", "isdistinct"])
def test_every_single_value_operator_keeps_the_rest_as_the_value(operator):
    assert parse_filter("name", f"{operator}.a.b,c)") == Filter(Field("name"), operator, "a.b,c)")


def test_not_in_is_quantifiers_and_full_text():
    assert parse_filter("id", 'not.in.(1,"a,b","q\\"uote",)') == Filter(
        Field("id"), "in", ("1", "a,b", 'q"uote', ""), negated=True)
    assert parse_filter("id", "in.()").operand == ()
    assert parse_filter("note", "is.NULL") == Filter(Field("note"), "is", "null")
    assert parse_filter("note", "not.is.not_null").negated
    assert parse_filter("name", "like(any).{a*,b*}") == Filter(Field("name"), "like",
                                                               "{a*,b*}", quantifier="any")
    assert parse_filter("name", "fts(english).cat & dog") == Filter(
        Field("name"), "fts", "cat & dog", language="english")
    assert parse_filter("data->>color", "eq.red").field == Field(
        "data", (JsonStep("->>", "color", False),))


@pytest.mark.parametrize("key, value", [("id", "foo.1"), ("id", "is.maybe"), ("id", "in.1,2"),
                                        ("id", "in.(1,2)junk"), ("id;drop", "eq.1"),
                                        ("id", "eq"), ("id", "neq(any).{1}"),
                                        ("id", "eq(some).{1}"), ("id)--", "eq.1")])
def test_filters_that_do_not_parse(key, value):
    refused(lambda: parse_filter(key, value))


def test_filters_on_embedded_resources_are_refused():
    assert "embedding" in refused(lambda: parse_filter("client.name", "eq.x")).message


def test_logic_trees_nest_and_negate():
    tree = parse_logic("not.or", '(id.eq.1,and(name.ilike.*a*,note.not.is.null),'
                                 'name.eq."x,y",tags.cs.{a,b},id.in.(2,3))')
    assert tree == Logic("or", (
        Filter(Field("id"), "eq", "1"),
        Logic("and", (Filter(Field("name"), "ilike", "*a*"),
                      Filter(Field("note"), "is", "null", negated=True))),
        Filter(Field("name"), "eq", "x,y"),
        Filter(Field("tags"), "cs", "{a,b}"),
        Filter(Field("id"), "in", ("2", "3"))), negated=True)
    assert parse_logic("and", "(id.gt.1)") == Logic("and", (Filter(Field("id"), "gt", "1"),))


@pytest.mark.parametrize("key, value", [("or", "()"), ("or", "id.eq.1"), ("or", "(id.eq.1"),
                                        ("or", "(id.eq.1))"), ("or", "(id.xx.1)"),
                                        ("or", "(id.eq.1);drop table items")])
def test_logic_trees_that_do_not_parse(key, value):
    refused(lambda: parse_logic(key, value))


def test_logic_on_embedded_resources_is_refused():
    refused(lambda: parse_logic("client.or", "(id.eq.1)"))


# order, names, whole queries

def test_order_directions_nulls_and_json_paths():
    assert parse_order("created_at.desc.nullslast, id,data->>n.asc,name.nullsfirst") == (
        OrderTerm(Field("created_at"), True, "last"), OrderTerm(Field("id")),
        OrderTerm(Field("data", (JsonStep("->>", "n", False),)), False),
        OrderTerm(Field("name"), None, "first"))


@pytest.mark.parametrize("text", ["id.ac", "id.desc.desc", "id.nullsfirst.asc", "id;drop",
                                  "id.desc,", "", "id.descc"])
def test_orders_that_do_not_parse(text):
    refused(lambda: parse_order(text))


def test_order_by_embedded_resource_is_refused():
    assert "embedding" in refused(lambda: parse_order("client(name).desc")).message


def test_names_lists_for_columns_and_on_conflict():
    assert parse_names('"scope", key , "we\\"ird"', "columns parameter") == ("scope", "key",
                                                                            'we"ird')
    refused(lambda: parse_names("scope);drop table x;--", "on_conflict parameter"))


def test_parse_query_classifies_parameters_like_postgrest():
    query = parse_query([("select", "id"), ("id", "gt.1"), ("or", "(id.eq.1,id.eq.2)"),
                         ("order", "id.desc"), ("limit", "5"), ("offset", "10"),
                         ("name", "plain value"), ("columns", "a,b"), ("on_conflict", "a"),
                         ("id", "lt.9")])
    assert query.select == (SelectItem(Field("id")),)
    assert [type(c) for c in query.where] == [Filter, Logic, Filter]
    assert (query.limit, query.offset) == (5, 10)
    assert query.order == (OrderTerm(Field("id"), True),)
    assert query.arguments == (("name", "plain value"),)
    assert (query.columns, query.on_conflict) == (("a", "b"), ("a",))
    assert parse_query([]).select == (SelectItem(None),)


def test_parse_query_limits_and_embedded_parameters():
    refused(lambda: parse_query([("limit", "-1")]), 416, "PGRST103")
    refused(lambda: parse_query([("limit", "1;drop")]))
    refused(lambda: parse_query([("offset", "-3")]))
    refused(lambda: parse_query([("client.limit", "1")]))
    refused(lambda: parse_query([("client.order", "id")]))


# compile

def test_select_list_quotes_identifiers_and_names_outputs():
    sql = select_list(parse_select('*,label:name,price::text,data->size->>cm,"per%cent"'), ITEMS)
    assert sql.text == ('"public"."items".*, "public"."items"."name" AS "label", '
                        'CAST("public"."items"."price" AS text) AS "price", '
                        '"public"."items"."data"->%s->>%s AS "cm", '
                        '"public"."items"."per%%cent" AS "per%%cent"')
    assert sql.params == ["size", "cm"]
    assert ident('we"ird') == '"we""ird"'


def test_unknown_columns_fail_as_postgres_would():
    for call in (lambda: select_list(parse_select("nope"), ITEMS),
                 lambda: where_clause([parse_filter("nope", "eq.1")], ITEMS),
                 lambda: order_clause(parse_order("nope"), ITEMS)):
        error = refused(call, 400, "42703")
        assert error.message == "column items.nope does not exist"


@pytest.mark.parametrize("key, value, text, params", [
    ("id", "eq.1", '("public"."items"."id" = %s)', ["1"]),
    ("id", "neq.1", '("public"."items"."id" <> %s)', ["1"]),
    ("name", "ilike.*an*", '("public"."items"."name" ILIKE %s)', ["%an%"]),
    ("name", "like(all).{a*,*e}", '("public"."items"."name" LIKE ALL(%s))', ["{a%,%e}"]),
    ("id", "gte(any).{3,4}", '("public"."items"."id" >= ANY(%s))', ["{3,4}"]),
    ("id", "in.(1,2,3)", '("public"."items"."id" IN (%s, %s, %s))', ["1", "2", "3"]),
    ("id", "in.()", "false", []),
    ("id", "not.in.()", "NOT false", []),
    ("name", "is.null", '("public"."items"."name" IS NULL)', []),
    ("name", "not.is.true", 'NOT ("public"."items"."name" IS TRUE)', []),
    ("tags", "cs.{a,b}", '("public"."items"."tags" @> %s)', ["{a,b}"]),
    ("tags", "ov.{a}", '("public"."items"."tags" && %s)', ["{a}"]),
    ("name", "fts(english).a & b", '("public"."items"."name" @@ to_tsquery(%s, %s))',
     ["english", "a & b"]),
    ("name", "wfts.a b", '("public"."items"."name" @@ websearch_to_tsquery(%s))', ["a b"]),
    ("name", "isdistinct.x", '("public"."items"."name" IS DISTINCT FROM %s)', ["x"]),
    ("data->>color", "eq.red", '("public"."items"."data"->>%s = %s)', ["color", "red"]),
    ("data->0", "eq.1", '("public"."items"."data"->%s::int = %s)', ["0", "1"]),
])
def test_filters_compile_to_bound_parameters(key, value, text, params):
    sql = condition_sql(parse_filter(key, value), ITEMS)
    assert (sql.text, sql.params) == (text, params)


def test_injection_strings_only_ever_become_parameters():
    payload = "1'); drop table items; --"
    sql = where_clause([parse_filter("name", f"eq.{payload}"),
                        parse_filter("id", f'in.("{payload}",2)'),
                        parse_logic("or", f'(name.eq."{payload}",name.like.x\';--)')],
                       ITEMS)
    assert "drop" not in sql.text
    assert sql.params == [payload, payload, "2", payload, "x';--"]


def test_logic_order_limit_and_whole_read():
    tree = parse_logic("or", "(id.eq.1,and(id.gt.2,not.or(name.eq.x,name.eq.y)))")
    assert condition_sql(tree, ITEMS).text == (
        '(("public"."items"."id" = %s) OR (("public"."items"."id" > %s) AND '
        'NOT (("public"."items"."name" = %s) OR ("public"."items"."name" = %s))))')
    order = order_clause(parse_order("price.desc.nullslast,id"), ITEMS)
    assert order.text == (' ORDER BY "public"."items"."price" DESC NULLS LAST, '
                          '"public"."items"."id"')
    assert (limit_clause(None, 0).text, limit_clause(5, 0).text) == ("", " LIMIT %s")
    assert limit_clause(5, 10).params == [5, 10]
    query = parse_query([("select", "id"), ("id", "eq.3"), ("order", "id")])
    sql = read_sql(query, ITEMS, '"public"."items"', 1, 2)
    assert sql.text == ('SELECT "public"."items"."id" AS "id" FROM "public"."items" WHERE '
                        '("public"."items"."id" = %s) ORDER BY "public"."items"."id" '
                        'LIMIT %s OFFSET %s')
    assert sql.params == ["3", 1, 2]


def test_sql_concatenation_keeps_parameters_in_order():
    joined = Sql.join(" AND ", [Sql("a = %s", [1]), Sql("b = %s", [2])])
    assert ("(" + joined + ")").text == "(a = %s AND b = %s)"
    assert ("x " + joined + Sql(" c = %s", [3])).params == [1, 2, 3]
