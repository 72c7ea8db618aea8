"""Opening a session for a user who has just proved who they are (sign-up or password grant)."""
from __future__ import annotations

import uuid

from psycopg import AsyncConnection
from starlette.requests import Request

from localbase.auth import sessions, tokens, users
from localbase.auth.shapes import user_json
from localbase.auth.web import client_ip
from localbase.context import Context


async def open_session(ctx: Context, request: Request, conn: AsyncConnection, user_id: uuid.UUID,
                       weak_password: dict | None = None) -> dict:
    """Stamp last_sign_in_at, start a session; the session response. Call inside a transaction."""
    await users.touch_last_sign_in(conn, user_id)
    session, refresh_token = await sessions.start(conn, user_id, client_ip(request),
                                                  request.headers.get("user-agent"))
    return await session_body(ctx, conn, user_id, session, refresh_token, weak_password)


async def session_body(ctx: Context, conn: AsyncConnection, user_id: uuid.UUID, session: dict,
                       refresh_token: str, weak_password: dict | None = None) -> dict:
    user = await users.find_by_id(conn, user_id)
    identities = await users.identities_of(conn, [user_id])
    return tokens.session_response(ctx.config, user, user_json(user, identities[user_id]),
                                   session, refresh_token, weak_password)
