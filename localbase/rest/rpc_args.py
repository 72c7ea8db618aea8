"""Which function an `/rpc/{name}` request calls and with which arguments, as PostgREST decides.

POST: the keys of the JSON body object are the argument names (the query string only filters).
GET/HEAD: the query parameters that localbase.rest.query classifies as arguments (no filter
operator in the value) are the argument names.
"""
from __future__ import annotations

import difflib
import json
from typing import Any, Mapping

from localbase.errors import ApiError
from localbase.rest.functions import SCHEMA, Function


def parse_body(body: bytes) -> tuple[str, Any]:
    """The JSON body of a POST as text and as a value; an empty body is no arguments."""
    try:
        text = body.decode("utf-8") if body.strip() else "{}"
        return text, json.loads(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError too
        raise ApiError(400, "PGRST102", "Empty or invalid json") from None


def query_arguments(function: Function,
                    pairs: tuple[tuple[str, str], ...]) -> dict[str, str | list[str]]:
    """GET arguments as text: a repeated variadic parameter collects its values; any other
    repeated parameter keeps its last value (PostgREST's toRpcParams)."""
    args: dict[str, str | list[str]] = {}
    for key, value in pairs:
        param = function.param(key)
        if param is not None and param.variadic:
            args.setdefault(key, [])
            args[key].append(value)  # type: ignore[union-attr]
        else:
            args[key] = value
    return args


def find_function(functions: Mapping[str, list[Function]], name: str, keys: frozenset[str],
                  is_post: bool) -> Function:
    """Mirror of PostgREST's findProc: overloads whose parameters fit the argument names; else,
    for a POST, the overload taking a single unnamed json/jsonb parameter."""
    overloads = functions.get(name, [])
    matching = [f for f in overloads if _fits(f, keys)]
    fallback = [f for f in overloads if is_post and f.single_unnamed_json and f not in matching]
    for candidates in (matching, fallback):
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise ApiError(300, "PGRST203", "Could not choose the best candidate function between: "
                           + ", ".join(f.signature() for f in candidates),
                           hint="Try renaming the parameters or the function itself in the "
                                "database so function overloading can be resolved")
    raise _not_found(functions, name, sorted(keys), is_post)


def _fits(function: Function, keys: frozenset[str]) -> bool:
    if not function.params:
        return not keys
    if any(p.required and not p.name for p in function.params):
        return False  # unnamed required parameters cannot be given by name
    required = {p.name for p in function.params if p.required}
    optional = {p.name for p in function.params if not p.required}
    return keys - optional == required


def _not_found(functions: Mapping[str, list[Function]], name: str, keys: list[str],
               is_post: bool) -> ApiError:
    qualified = f"{SCHEMA}.{name}"
    if keys:
        message = f"Could not find the function {qualified}({', '.join(keys)}) in the schema cache"
        searched = f" with parameter{'s' if len(keys) > 1 else ''} {', '.join(keys)}"
    else:
        message = f"Could not find the function {qualified} without parameters in the schema cache"
        searched = " without parameters"
    if is_post:
        searched += " or with a single unnamed json/jsonb parameter"
    details = f"Searched for the function {qualified}{searched}, but no matches were found in " \
              "the schema cache."
    return ApiError(404, "PGRST202", message, details, _hint(functions, name, keys))


def _hint(functions: Mapping[str, list[Function]], name: str, keys: list[str]) -> str | None:
    """PostgREST's fuzzy suggestion: the closest parameter list of the same-named overloads,
    or else the closest function name."""
    prefix = f"Perhaps you meant to call the function {SCHEMA}."
    overloads = functions.get(name)
    if overloads:
        lists = [f"({', '.join(sorted(p.name for p in f.params))})" for f in overloads]
        best = difflib.get_close_matches(f"({', '.join(keys)})", lists, n=1, cutoff=0.33)
        return prefix + name + best[0] if best else None
    best = difflib.get_close_matches(name, list(functions), n=1, cutoff=0.75)
    return prefix + best[0] if best else None
