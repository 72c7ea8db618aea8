"""/verify: redeem an e-mailed token (recovery, invite, signup confirmation).

POST (what `verify_otp` sends: `{type, token_hash}` or `{type, email, token}`) answers a session.
GET (the `{{ .ConfirmationURL }}` link, reachable without an API key as behind Kong) redirects
to `redirect_to` with the session in the URL fragment, or with `error=access_denied&
error_code=otp_expired` there when the link is spent, expired or unknown. Tokens are single-use
and expire after `otp_expiry` seconds."""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from localbase.auth import mail, users
from localbase.auth.errors import AuthError, forbidden, json_response, validation_failed
from localbase.auth.signin import open_session
from localbase.auth.sql import execute, fetch_one
from localbase.auth.validation import validate_email
from localbase.auth.web import context, endpoint, read_params
from localbase.context import Context

PARAMS = {"type": str, "token_hash": str, "token": str, "email": str}
EXPIRED = ("otp_expired", "Token has expired or is invalid")


@endpoint
async def verify_post(request: Request) -> Response:
    ctx = context(request)
    params = await read_params(request, PARAMS)
    flow = _flow(params["type"])
    hashed = params["token_hash"]
    if not hashed:
        if not params["token"] or not params["email"]:
            raise validation_failed("Only an email address or phone number should be provided "
                                    "on verify, with a token or token_hash")
        hashed = mail.token_hash(validate_email(params["email"]), params["token"].strip())
    return json_response(await _redeem(ctx, request, flow, hashed))


@endpoint
async def verify_get(request: Request) -> Response:
    ctx = context(request)
    query = request.query_params
    target = mail.redirect_target(ctx.config, query.get("redirect_to"))
    try:
        flow = _flow(query.get("type"))
        body = await _redeem(ctx, request, flow, query.get("token") or "")
    except AuthError as exc:
        fragment = {"error": "access_denied", "error_code": exc.code,
                    "error_description": "Email link is invalid or has expired"}
    else:
        fragment = {key: body[key] for key in ("access_token", "expires_at", "expires_in",
                                               "refresh_token", "token_type")}
        fragment["type"] = flow
    return RedirectResponse(f"{target}#{urlencode(fragment)}", status_code=303)


def _flow(kind: str | None) -> str:
    if kind not in mail.TOKEN_COLUMNS:
        raise validation_failed(f"Verify requires a verification type among "
                                f"{', '.join(mail.TOKEN_COLUMNS)}")
    return kind


async def _redeem(ctx: Context, request: Request, flow: str, hashed: str) -> dict:
    """Spend the token and open a session for its user; 403 otp_expired otherwise."""
    if not hashed or len(hashed) > 255:
        raise forbidden(*EXPIRED)
    token_column, sent_column = mail.TOKEN_COLUMNS[flow]
    async with ctx.db.admin.connection() as conn:
        async with conn.transaction():
            user = await fetch_one(conn, f"""
                select * from auth.users
                where {token_column} = %s and {token_column} <> '' and deleted_at is null
                for update
                """, (hashed,))
            if user is None:
                raise forbidden(*EXPIRED)
            fresh = await _fresh(conn, user["id"], sent_column, ctx.config.otp_expiry)
            # Spent even when expired: an old link never works again.
            await execute(conn, f"update auth.users set {token_column} = '', updated_at = now() "
                                "where id = %s", (user["id"],))
            if not fresh:
                failure = forbidden(*EXPIRED)
            else:
                failure = None
                if users.is_banned(user):
                    failure = forbidden("user_banned", "User is banned")
                else:
                    if user["email_confirmed_at"] is None:
                        await users.confirm_email(conn, user["id"])
                    body = await open_session(ctx, request, conn, user["id"])
        if failure is not None:
            raise failure
    return body


async def _fresh(conn: AsyncConnection, user_id: uuid.UUID, sent_column: str,
                 expiry: int) -> bool:
    row = await fetch_one(conn, f"select {sent_column} + make_interval(secs => %s) > now() "
                                "as fresh from auth.users where id = %s", (expiry, user_id))
    return bool(row and row["fresh"])
