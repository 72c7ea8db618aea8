"""The ASGI app: Kong's API-key gate in front of `/auth/v1` (GoTrue) and `/rest/v1` (PostgREST)."""
from __future__ import annotations

import contextlib
import json

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

import jwt

from localbase import auth, keys, rest
from localbase.config import LocalbaseConfig
from localbase.context import Context
from localbase.db import Database


# Kong's `auth-v1-open` routes: reached from e-mails and browsers, without an API key.
OPEN_PATHS = frozenset({"/auth/v1/verify"})


class ApiKeyGate:
    """Like Kong: a request without a valid `apikey` (header or query) never reaches the APIs."""

    def __init__(self, app: ASGIApp, secret: str):
        self.app, self.secret = app, secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/auth/v1", "/rest/v1")):
            return await self.app(scope, receive, send)
        if scope["path"] in OPEN_PATHS and scope["method"] == "GET":
            return await self.app(scope, receive, send)   # e-mailed links carry no key
        request = Request(scope)
        key = request.headers.get("apikey") or request.query_params.get("apikey")
        if not key:
            return await _kong_refusal("No API key found in request")(scope, receive, send)
        try:
            claims = keys.decode(key, self.secret)
        except jwt.InvalidTokenError:
            return await _kong_refusal("Invalid API key")(scope, receive, send)
        if claims.get("role") not in keys.KNOWN_ROLES:
            return await _kong_refusal("Invalid API key")(scope, receive, send)
        await self.app(scope, receive, send)


def _kong_refusal(message: str) -> Response:
    return JSONResponse({"message": message}, status_code=401)


class BodyLimit:
    """Like the gateway's request size limit: a body to the APIs larger than `limit` answers 413
    before any handler reads it, whatever Content-Length claims (chunked bodies are counted)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/auth/v1", "/rest/v1")):
            return await self.app(scope, receive, send)
        declared = Request(scope).headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            return await _too_large(self.limit)(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await _too_large(self.limit)(scope, receive, send)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _too_large(limit: int) -> Response:
    return JSONResponse({"message": f"Request body larger than {limit} bytes"}, status_code=413)


async def health(request: Request) -> Response:
    ctx: Context = request.app.state.ctx
    async with ctx.db.admin.connection() as conn:
        await conn.execute("select 1")
    return Response(json.dumps({"status": "ok"}), media_type="application/json")


def create_app(config: LocalbaseConfig) -> Starlette:
    ctx = Context(config=config, db=Database(config))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await ctx.db.open()
        await rest.startup(ctx)
        try:
            yield
        finally:
            await rest.shutdown(ctx)
            await ctx.db.close()

    app = Starlette(
        routes=[Route("/health", health), Mount("/auth/v1", routes=auth.routes),
                Mount("/rest/v1", routes=rest.routes)],
        middleware=[Middleware(BodyLimit, limit=config.max_body_bytes),
                    Middleware(ApiKeyGate, secret=config.jwt_secret)],
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    return app
