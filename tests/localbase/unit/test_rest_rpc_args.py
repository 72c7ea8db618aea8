"""How an RPC request picks its function among overloads (PostgREST's findProc) and reads GET
arguments (toRpcParams), without a server."""
from __future__ import annotations

import pytest

from localbase.errors import ApiError
from localbase.rest.functions import Function, Param, ReturnKind
from localbase.rest.rpc_args import find_function, parse_body, query_arguments
from tests.localbase.rest_support import refused


def fn(name: str, *params: Param) -> Function:
    return Function(name=name, params=params, kind=ReturnKind.SCALAR, returns_set=False,
                    return_type="text", columns={"pgrst_scalar": "text"}, volatility="v")


def param(name: str, type_name: str = "integer", required: bool = True,
          variadic: bool = False) -> Param:
    return Param(name, type_name, type_name, required, variadic)


NO_ARGS = fn("f")
A_REQUIRED_B_OPTIONAL = fn("g", param("a"), param("b", required=False))
UNNAMED_JSON = fn("g", param("", "jsonb"))
FUNCTIONS = {"f": [NO_ARGS], "g": [A_REQUIRED_B_OPTIONAL, UNNAMED_JSON]}


@pytest.mark.parametrize("keys, is_post, expected", [
    ({"a"}, True, A_REQUIRED_B_OPTIONAL),
    ({"a", "b"}, False, A_REQUIRED_B_OPTIONAL),
    ({"b"}, True, UNNAMED_JSON),  # a required parameter is missing: the body goes whole
    ({"x", "y"}, True, UNNAMED_JSON),
    (set(), True, UNNAMED_JSON),
])
def test_named_overloads_first_then_the_lone_unnamed_json_parameter(keys, is_post, expected):
    assert find_function(FUNCTIONS, "g", frozenset(keys), is_post) == expected


@pytest.mark.parametrize("name, keys, is_post", [
    ("g", {"b"}, False),  # GET has no whole-body fallback
    ("g", {"a", "c"}, False),
    ("f", {"a"}, True),
    ("missing", set(), True),
])
def test_no_fit_is_pgrst202(name, keys, is_post):
    refused(lambda: find_function(FUNCTIONS, name, frozenset(keys), is_post), 404, "PGRST202")


def test_two_fitting_overloads_are_ambiguous():
    functions = {"h": [fn("h", param("a")), fn("h", param("a", "text"))]}
    error = refused(lambda: find_function(functions, "h", frozenset({"a"}), True), 300,
                    "PGRST203")
    assert error.message.endswith("public.h(a => integer), public.h(a => text)")


def test_unnamed_required_parameters_never_fit_names():
    functions = {"u": [fn("u", param(""), param("b"))]}
    with pytest.raises(ApiError):
        find_function(functions, "u", frozenset({"", "b"}), True)


def test_repeated_get_arguments():
    function = fn("v", param("a"), param("rest", "text[]", variadic=True))
    pairs = (("a", "1"), ("rest", "x"), ("a", "2"), ("rest", "y"))
    assert query_arguments(function, pairs) == {"a": "2", "rest": ["x", "y"]}


@pytest.mark.parametrize("body, expected", [
    (b"", ("{}", {})), (b" \n", ("{}", {})), (b'{"a": 1}', ('{"a": 1}', {"a": 1})),
    (b"[1]", ("[1]", [1])),
])
def test_parse_body(body, expected):
    assert parse_body(body) == expected


@pytest.mark.parametrize("body", [b"{", b"\xff\xfe", b"nul"])
def test_unparsable_body_is_pgrst102(body):
    refused(lambda: parse_body(body), 400, "PGRST102")
