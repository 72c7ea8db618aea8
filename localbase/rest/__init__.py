"""PostgREST's API under /rest/v1: functions (`/rpc/{name}`, rpc.py) and tables and views
(`/{table}`, tables.py), over the schema cache that startup() loads and keeps fresh."""
from __future__ import annotations

import asyncio
import contextlib
from typing import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from localbase.context import Context
from localbase.errors import ApiError
from localbase.rest import rpc, schema_cache, tables

__all__ = ["routes", "startup", "shutdown", "error_response"]

Endpoint = Callable[[Request], Awaitable[Response]]
_LISTENER = "rest.schema_listener"


def error_response(error: ApiError) -> Response:
    """PostgREST's error response; Proxy-Status carries the code even where a body cannot
    (HEAD), and the client reads it there."""
    response = error.response()
    if error.code:
        response.headers["Proxy-Status"] = f"PostgREST; error={error.code}"
    return response


def _answering_errors(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except ApiError as error:
            return error_response(error)
    return guarded


routes = [
    Route("/rpc/{name}", _answering_errors(rpc.handle), methods=["GET", "POST", "HEAD"]),
    Route("/{table}", _answering_errors(tables.handle),
          methods=["GET", "HEAD", "POST", "PATCH", "DELETE", "PUT"]),
]


async def startup(ctx: Context) -> None:
    await schema_cache.reload(ctx)
    ctx.extras[_LISTENER] = asyncio.create_task(schema_cache.listen_for_reloads(ctx))


async def shutdown(ctx: Context) -> None:
    listener = ctx.extras.pop(_LISTENER, None)
    if listener is not None:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
