"""Who is calling: GoTrue's requireAuthentication (a user's access token whose user and session
still exist) and requireAdminCredentials (a token whose role is an admin role)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from psycopg import AsyncConnection
from starlette.requests import Request

from localbase.auth import sessions, users
from localbase.auth.errors import AuthError, bad_request, forbidden
from localbase.auth.tokens import verify
from localbase.auth.web import bearer_token

ADMIN_ROLES = frozenset({"service_role", "supabase_admin"})


@dataclass(frozen=True)
class Caller:
    claims: dict
    user: dict
    session: dict | None


def _claims(request: Request, secret: str) -> dict:
    token = bearer_token(request)
    if token is None:
        raise AuthError(401, "no_authorization", "This endpoint requires a Bearer token")
    return verify(token, secret)


async def authenticate(request: Request, conn: AsyncConnection, secret: str) -> Caller:
    """The signed-in caller. A token outlives neither its user nor its session: after a logout
    or a user deletion it is refused although its signature and expiry are still valid."""
    claims = _claims(request, secret)
    subject = claims.get("sub")
    if not subject:
        raise forbidden("bad_jwt", "invalid claim: missing sub claim")
    try:
        user_id = uuid.UUID(str(subject))
    except ValueError:
        raise bad_request("bad_jwt", "invalid claim: sub claim must be a UUID") from None
    user = await users.find_by_id(conn, user_id)
    if user is None:
        raise forbidden("user_not_found", "User from sub claim in JWT does not exist")
    session = None
    session_claim = claims.get("session_id")
    if session_claim and session_claim != str(users.NIL_UUID):
        try:
            session_id = uuid.UUID(str(session_claim))
        except ValueError:
            raise forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID") from None
        session = await sessions.find(conn, session_id)
        if session is None:
            raise forbidden("session_not_found",
                            "Session from session_id claim in JWT does not exist")
    return Caller(claims, user, session)


def require_admin(request: Request, secret: str) -> dict:
    """The claims of an admin token (the service_role key); anon keys and users get 403."""
    claims = _claims(request, secret)
    if claims.get("role") not in ADMIN_ROLES:
        raise forbidden("not_admin", "User not allowed")
    return claims
