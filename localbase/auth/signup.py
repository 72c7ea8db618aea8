"""POST /signup with email + password. Email confirmation is automatic (the CLI's local
`enable_confirmations = false`), so the answer is a session, like GoTrue with autoconfirm."""
from __future__ import annotations

import uuid

from psycopg import errors
from starlette.requests import Request
from starlette.responses import Response

from localbase.auth import users
from localbase.auth.errors import bad_request, json_response, unprocessable, validation_failed
from localbase.auth.signin import open_session
from localbase.auth.validation import check_password_strength, validate_email
from localbase.auth.web import context, endpoint, read_params

PARAMS = {"email": str, "phone": str, "password": str, "data": dict}
USER_EXISTS = ("user_already_exists", "User already registered")


@endpoint
async def signup(request: Request) -> Response:
    ctx = context(request)
    params = await read_params(request, PARAMS)
    email, phone, password = params["email"] or "", params["phone"] or "", params["password"] or ""
    if not email and not phone:
        raise unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled")
    if not password:
        raise validation_failed("Signup requires a valid password")
    check_password_strength(password, ctx.config.min_password_length)
    if email and phone:
        raise validation_failed(
            "Only an email address or phone number should be provided on signup.")
    if phone:
        raise bad_request("phone_provider_disabled", "Phone signups are disabled")
    email = validate_email(email)
    data = params["data"] or {}

    async with ctx.db.admin.connection() as conn:
        if await users.email_taken(conn, email):
            raise unprocessable(*USER_EXISTS)
        user_id = uuid.uuid4()
        try:
            async with conn.transaction():
                await users.insert_user(conn, user_id=user_id, email=email, aud=users.AUDIENCE,
                                        role=users.DEFAULT_ROLE, password=password,
                                        password_hash=None, user_metadata=data,
                                        app_metadata=users.EMAIL_PROVIDER)
                await users.insert_email_identity(conn, user_id, email, data)
                await users.confirm_email(conn, user_id)
                body = await open_session(ctx, request, conn, user_id)
        except errors.UniqueViolation:
            raise unprocessable(*USER_EXISTS) from None  # a concurrent sign-up won the race
    return json_response(body)
