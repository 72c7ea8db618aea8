"""One transaction per REST request, set up exactly as PostgREST does it.

The role comes from the verified JWT's `role` claim (anon without a token); the claims, method,
path and lower-cased headers are transaction-local settings that `auth.uid()` and policies read.
"""
from __future__ import annotations

import json
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator

import jwt
import psycopg
from psycopg import AsyncConnection
from starlette.requests import Request

from localbase import keys
from localbase.context import Context
from localbase.errors import ApiError, from_database

EXPOSED_SCHEMAS = ("public",)
_SETUP = (
    "select set_config('search_path', 'public, extensions', true),"
    " set_config('role', %s, true),"
    " set_config('request.jwt.claims', %s, true),"
    " set_config('request.method', %s, true),"
    " set_config('request.path', %s, true),"
    " set_config('request.headers', %s, true)"
)


@dataclass(frozen=True)
class RequestAuth:
    role: str
    claims: dict

    @property
    def anonymous(self) -> bool:
        return self.role == "anon"


def _invalid_token(code: str, message: str) -> ApiError:
    return ApiError(401, code, message,
                    headers={"WWW-Authenticate": f'Bearer error="invalid_token", '
                                                 f'error_description="{message}"'})


def authenticate(request: Request, secret: str) -> RequestAuth:
    header = request.headers.get("authorization", "")
    if not header:
        return RequestAuth("anon", {"role": "anon"})
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _invalid_token("PGRST301", "Authorization header is not a Bearer token")
    try:
        claims = keys.decode(token.strip(), secret)
    except jwt.ExpiredSignatureError:
        raise _invalid_token("PGRST303", "JWT expired") from None
    except jwt.InvalidTokenError:
        raise _invalid_token("PGRST301", "JWSError JWSInvalidSignature") from None
    role = claims.get("role") or "anon"
    if role not in keys.KNOWN_ROLES:
        raise ApiError(401, "22023", f'role "{role}" does not exist',
                       headers={"WWW-Authenticate": "Bearer"})
    return RequestAuth(role, claims)


def check_profile(request: Request) -> None:
    """Only `public` is exposed; a request naming another schema gets 406 PGRST106."""
    reading = request.method in ("GET", "HEAD")
    header = "accept-profile" if reading else "content-profile"
    schema = request.headers.get(header)
    if schema is not None and schema not in EXPOSED_SCHEMAS:
        raise ApiError(406, "PGRST106",
                       f"The schema must be one of the following: {', '.join(EXPOSED_SCHEMAS)}")


def api_path(request: Request) -> str:
    """The path as PostgREST sees it behind the gateway: `/todos`, not `/rest/v1/todos`."""
    return request.url.path.removeprefix(request.scope.get("root_path", "")) or "/"


@asynccontextmanager
async def request_transaction(ctx: Context, request: Request, auth: RequestAuth,
                              read_only: bool) -> AsyncIterator[AsyncConnection]:
    """Yield a connection inside the request's transaction; commit on success.

    Database errors raised inside the block (or at commit) become ApiError. Raise any
    exception inside the block to roll back (an ApiError is re-raised unchanged). The
    connection is in pipeline mode: a query's errors surface when its results are fetched."""
    headers = json.dumps({k.lower(): v for k, v in request.headers.items()})
    async with ctx.db.api.connection() as conn:
        try:
            # Pipeline mode: BEGIN and the settings travel with the request's query, and
            # COMMIT goes when the block ends, so a request costs two round trips, not four.
            async with conn.pipeline():
                await conn.execute("begin read only" if read_only else "begin")
                await conn.execute(_SETUP, (auth.role, json.dumps(auth.claims),
                                            request.method, api_path(request), headers))
                yield conn
                await conn.execute("commit")
        except psycopg.Error as exc:
            await _rollback(conn)
            raise from_database(exc, auth.anonymous) from None
        except BaseException:
            await _rollback(conn)
            raise


async def _rollback(conn: AsyncConnection) -> None:
    if not conn.closed:
        await conn.execute("rollback")
