"""auth.sessions and auth.refresh_tokens: sign-in, rotation, reuse detection and logout.

Each sign-in opens a session; its refresh tokens form a chain (`parent` is the token it
replaced). Refreshing revokes the presented token and issues its child. Presenting a revoked
token again revokes every token of that session (GoTrue's RevokeTokenFamily), so a stolen token
and the legitimate one both stop working.
"""
from __future__ import annotations

import secrets
import uuid

from psycopg import AsyncConnection

from localbase.auth.sql import execute, fetch_one
from localbase.auth.users import NIL_UUID


def new_refresh_token() -> str:
    return secrets.token_urlsafe(16)


async def start(conn: AsyncConnection, user_id: uuid.UUID, ip: str | None,
                user_agent: str | None) -> tuple[dict, str]:
    """Open a session with its first refresh token; the session row and the token."""
    session = await fetch_one(conn, """
        insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
        values (%s, %s, now(), now(), 'aal1', %s, %s)
        returning *
        """, (uuid.uuid4(), user_id, user_agent, ip))
    token = new_refresh_token()
    await _insert_token(conn, token, user_id, session["id"], parent=None)
    return session, token


async def _insert_token(conn: AsyncConnection, token: str, user_id: uuid.UUID,
                        session_id: uuid.UUID, parent: str | None) -> None:
    await execute(conn, """
        insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at,
                                         updated_at, parent, session_id)
        values (%s, %s, %s, false, now(), now(), %s, %s)
        """, (NIL_UUID, token, str(user_id), parent, session_id))


async def find_refresh_token(conn: AsyncConnection, token: str) -> dict | None:
    """The token row, locked for the rest of the transaction so that two refreshes with the
    same token are serialized (the second one then sees it revoked)."""
    return await fetch_one(conn, "select * from auth.refresh_tokens where token = %s for update",
                           (token,))


async def find(conn: AsyncConnection, session_id: uuid.UUID) -> dict | None:
    return await fetch_one(conn, "select * from auth.sessions where id = %s", (session_id,))


async def delete_token(conn: AsyncConnection, token_id: int) -> None:
    await execute(conn, "delete from auth.refresh_tokens where id = %s", (token_id,))


async def rotate(conn: AsyncConnection, spent: dict, ip: str | None,
                 user_agent: str | None) -> tuple[dict, str]:
    """Revoke `spent`, issue its child; the refreshed session and the new token."""
    await execute(conn, "update auth.refresh_tokens set revoked = true, updated_at = now() "
                        "where id = %s", (spent["id"],))
    token = new_refresh_token()
    await _insert_token(conn, token, spent["user_id"], spent["session_id"], parent=spent["token"])
    session = await fetch_one(conn, """
        update auth.sessions
        set refreshed_at = now() at time zone 'utc', updated_at = now(), user_agent = %s, ip = %s
        where id = %s
        returning *
        """, (user_agent, ip, spent["session_id"]))
    return session, token


async def revoke_family(conn: AsyncConnection, session_id: uuid.UUID) -> None:
    await execute(conn, "update auth.refresh_tokens set revoked = true, updated_at = now() "
                        "where session_id = %s and not revoked", (session_id,))


async def log_out(conn: AsyncConnection, user_id: uuid.UUID, scope: str,
                  session_id: uuid.UUID | None) -> None:
    """End sessions (their refresh tokens go with them): `local` this one, `others` all but this
    one, `global` all of the user's."""
    if scope == "local" and session_id is not None:
        await execute(conn, "delete from auth.sessions where id = %s", (session_id,))
    elif scope == "others" and session_id is not None:
        await log_out_all_except(conn, user_id, session_id)
    else:
        await execute(conn, "delete from auth.sessions where user_id = %s", (user_id,))


async def log_out_all_except(conn: AsyncConnection, user_id: uuid.UUID,
                             session_id: uuid.UUID | None) -> None:
    await execute(conn, "delete from auth.sessions where user_id = %s and id is distinct from %s",
                  (user_id, session_id))
