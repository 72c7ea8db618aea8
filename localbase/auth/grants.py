"""POST /token: the password grant (sign-in) and the refresh_token grant (rotation).

Both are rate limited per client IP and account; an unknown refresh token counts against the
IP's anonymous bucket, which is what slows down guessing.
"""
from __future__ import annotations

import uuid

from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from localbase.auth import sessions, users
from localbase.auth.errors import (AuthError, OAuthError, bad_request, json_response,
                                   not_implemented, validation_failed)
from localbase.auth.ratelimit import check_token_rate
from localbase.auth.signin import open_session, session_body
from localbase.auth.validation import weak_password_notice
from localbase.auth.web import client_ip, context, endpoint, read_params

PASSWORD_PARAMS = {"email": str, "phone": str, "password": str}
REFRESH_PARAMS = {"refresh_token": str}


@endpoint
async def token(request: Request) -> Response:
    grant_type = request.query_params.get("grant_type", "")
    if grant_type == "password":
        return await _password_grant(request)
    if grant_type == "refresh_token":
        return await _refresh_grant(request)
    if grant_type in ("pkce", "id_token", "web3"):
        raise not_implemented(f"the {grant_type} grant")
    raise OAuthError("unsupported_grant_type")


def _invalid_credentials() -> AuthError:
    # The same answer for an unknown address and a wrong password: no account enumeration.
    return bad_request("invalid_credentials", "Invalid login credentials")


async def _password_grant(request: Request) -> Response:
    ctx = context(request)
    params = await read_params(request, PASSWORD_PARAMS)
    email, phone, password = params["email"] or "", params["phone"] or "", params["password"] or ""
    check_token_rate(ctx, client_ip(request), email or phone)
    if email and phone:
        raise validation_failed(
            "Only an email address or phone number should be provided on login.")
    if phone:
        raise bad_request("phone_provider_disabled", "Phone logins are disabled")
    if not email:
        raise validation_failed("missing email or phone")

    async with ctx.db.admin.connection() as conn:
        user = await users.find_by_email(conn, email)
        if user is None or not users.has_password(user):
            raise _invalid_credentials()
        if users.is_banned(user):
            raise bad_request("user_banned", "User is banned")
        if not await users.password_matches(conn, user["id"], password):
            raise _invalid_credentials()
        if user["email_confirmed_at"] is None:
            raise bad_request("email_not_confirmed", "Email not confirmed")
        notice = weak_password_notice(password, ctx.config.min_password_length)
        async with conn.transaction():
            body = await open_session(ctx, request, conn, user["id"], notice)
    return json_response(body)


async def _refresh_grant(request: Request) -> Response:
    ctx = context(request)
    params = await read_params(request, REFRESH_PARAMS)
    presented = params["refresh_token"]
    if not presented:
        raise OAuthError("invalid_request", "refresh_token required")
    ip = client_ip(request)

    async with ctx.db.admin.connection() as conn:
        # Some outcomes must commit their writes and still answer an error.
        failure: AuthError | None = None
        async with conn.transaction():
            row = await sessions.find_refresh_token(conn, presented)
            user = await _token_owner(conn, row)
            check_token_rate(ctx, ip, (user["email"] or "") if user else "")
            if row is None or user is None:
                raise bad_request("refresh_token_not_found",
                                  "Invalid Refresh Token: Refresh Token Not Found")
            if users.is_banned(user):
                raise bad_request("user_banned", "Invalid Refresh Token: User Banned")
            if row["session_id"] is None:
                await sessions.delete_token(conn, row["id"])
                failure = bad_request("session_not_found",
                                      "Invalid Refresh Token: No Valid Session Found")
            elif row["revoked"]:
                # A spent token came back: someone holds a copy. End the whole family.
                await sessions.revoke_family(conn, row["session_id"])
                failure = bad_request("refresh_token_already_used",
                                      "Invalid Refresh Token: Already Used")
            else:
                session, new_token = await sessions.rotate(conn, row, ip,
                                                           request.headers.get("user-agent"))
                body = await session_body(ctx, conn, user["id"], session, new_token)
        if failure is not None:
            raise failure
    return json_response(body)


async def _token_owner(conn: AsyncConnection, row: dict | None) -> dict | None:
    """The user a refresh token row names (its user_id column is text)."""
    if row is None:
        return None
    try:
        user_id = uuid.UUID(row["user_id"])
    except (TypeError, ValueError):
        return None
    return await users.find_by_id(conn, user_id)
