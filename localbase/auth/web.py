"""Request plumbing shared by the Auth endpoints: JSON bodies typed like GoTrue's Go structs,
the endpoint wrapper that turns AuthError into responses, and the client's address."""
from __future__ import annotations

import functools
import ipaddress
import json
import logging
from typing import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from localbase.auth.errors import AuthError, bad_json, unexpected_failure
from localbase.context import Context

log = logging.getLogger("localbase.auth")

Handler = Callable[[Request], Awaitable[Response]]
# A body field's JSON type, named like Go's so bad_json messages read like GoTrue's.
_GO_TYPES = {str: "string", bool: "bool", dict: "map[string]interface {}"}
_JSON_TYPES = {str: "string", bool: "bool", int: "number", float: "number", list: "array",
               dict: "object"}


def endpoint(handler: Handler) -> Handler:
    @functools.wraps(handler)
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except AuthError as exc:
            return exc.response()
        except Exception:
            # Logged with its traceback; never with the request body (passwords, tokens).
            log.exception("unexpected failure in %s %s", request.method, request.url.path)
            return unexpected_failure(
                "Unexpected failure, please check server logs for more information").response()
    return run


def context(request: Request) -> Context:
    return request.app.state.ctx


async def read_params(request: Request, schema: dict[str, type], optional: bool = False) -> dict:
    """Parse the JSON object body into the fields of `schema`, absent ones (and JSON nulls, which
    Go leaves at their zero value) as None. Unknown fields are ignored, as Go does.

    With `optional`, an empty body is accepted as `{}`."""
    raw = await request.body()
    if not raw.strip():
        if optional:
            return dict.fromkeys(schema)
        raise bad_json("unexpected end of JSON input")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad_json(f"invalid character in JSON input ({exc})") from None
    except RecursionError:
        raise bad_json("JSON nested too deeply") from None
    if not isinstance(body, dict):
        raise bad_json(f"json: cannot unmarshal {_json_type(body)} into Go value of type struct")
    params = {}
    for name, kind in schema.items():
        value = body.get(name)
        if value is not None and type(value) is not kind:
            raise bad_json(f"json: cannot unmarshal {_json_type(value)} into Go struct field "
                           f".{name} of type {_GO_TYPES[kind]}")
        params[name] = value
    return params


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), "value")


FORWARDED_FOR = "sb-forwarded-for"


def client_ip(request: Request) -> str | None:
    """The client's address (sessions.ip is inet): the first value of `Sb-Forwarded-For` when
    the project trusts it (GoTrue's GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED), so a server that
    signs its users in passes their addresses to the rate limits; else the peer. A malformed
    header falls back to the peer, as GoTrue does."""
    if context(request).config.sb_forwarded_for:
        forwarded = _ip(request.headers.get(FORWARDED_FOR, "").split(",")[0])
        if forwarded:
            return forwarded
    return _ip(request.client.host if request.client else "")


def _ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip())) if text.strip() else None
    except ValueError:
        return None


def bearer_token(request: Request) -> str | None:
    """The token of `Authorization: Bearer <token>`, like GoTrue's `^(?:B|b)earer (\\S+$)`."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme not in ("Bearer", "bearer") or not token or any(c.isspace() for c in token):
        return None
    return token
