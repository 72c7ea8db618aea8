"""POST /recover and POST /invite (admin): the flows that e-mail a link (see mail.py).

/recover answers `{}` whether or not the address has an account, as GoTrue does, so it tells
nobody who is registered; only a second request for the same account within
`mail_max_frequency` seconds is refused (429), as GoTrue's SMTP_MAX_FREQUENCY does."""
from __future__ import annotations

import uuid

from psycopg import errors
from starlette.requests import Request
from starlette.responses import Response

from localbase.auth import mail, users
from localbase.auth.account import DUPLICATE_EMAIL
from localbase.auth.errors import json_response, unprocessable
from localbase.auth.guards import require_admin
from localbase.auth.validation import validate_email
from localbase.auth.web import context, endpoint, read_params

RECOVER_PARAMS = {"email": str, "code_challenge": str, "code_challenge_method": str}
INVITE_PARAMS = {"email": str, "data": dict}


@endpoint
async def recover(request: Request) -> Response:
    ctx = context(request)
    params = await read_params(request, RECOVER_PARAMS)
    email = validate_email(params["email"])
    async with ctx.db.admin.connection() as conn:
        user = await users.find_by_email(conn, email)
        if user is None or user["deleted_at"] is not None:
            return json_response({})
        async with conn.transaction():
            await mail.check_frequency(conn, ctx.config, user["id"], "recovery_sent_at")
            await mail.send(conn, ctx.config, "recovery", user,
                            request.query_params.get("redirect_to"))
    return json_response({})


@endpoint
async def invite(request: Request) -> Response:
    """A new user with no password, confirmed when they follow the link; an address invited
    before but not confirmed yet is invited again; a confirmed one is refused."""
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    params = await read_params(request, INVITE_PARAMS)
    email = validate_email(params["email"])
    data = params["data"] or {}
    async with ctx.db.admin.connection() as conn:
        user = await users.find_by_email(conn, email)
        if user is not None and user["email_confirmed_at"] is not None:
            raise unprocessable(*DUPLICATE_EMAIL)
        try:
            async with conn.transaction():
                if user is None:
                    user_id = uuid.uuid4()
                    await users.insert_user(conn, user_id=user_id, email=email,
                                            aud=users.AUDIENCE, role=users.DEFAULT_ROLE,
                                            password=None, password_hash="", user_metadata=data,
                                            app_metadata=users.EMAIL_PROVIDER)
                    await users.insert_email_identity(conn, user_id, email, data)
                else:
                    user_id = user["id"]
                    await mail.check_frequency(conn, ctx.config, user_id, "confirmation_sent_at")
                    if data:
                        await users.merge_metadata(conn, user_id, "raw_user_meta_data", data)
                user = await users.find_by_id(conn, user_id)
                await mail.send(conn, ctx.config, "invite", user,
                                request.query_params.get("redirect_to"),
                                extra_sets=", invited_at = now()")
                body = await users.load_json(conn, user_id)
        except errors.UniqueViolation:
            raise unprocessable(*DUPLICATE_EMAIL) from None
    return json_response(body)
