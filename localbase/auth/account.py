"""The signed-in user's own endpoints: GET/PUT /user and POST /logout."""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response

from localbase.auth import sessions, users
from localbase.auth.errors import (forbidden, json_response, not_implemented, unprocessable,
                                   validation_failed)
from localbase.auth.guards import ADMIN_ROLES, authenticate
from localbase.auth.validation import check_password_strength, validate_email
from localbase.auth.web import context, endpoint, read_params

UPDATE_PARAMS = {"email": str, "phone": str, "password": str, "data": dict,
                 "app_metadata": dict}
DUPLICATE_EMAIL = ("email_exists", "A user with this email address has already been registered")
LOGOUT_SCOPES = ("global", "local", "others")


@endpoint
async def get_user(request: Request) -> Response:
    ctx = context(request)
    async with ctx.db.admin.connection() as conn:
        caller = await authenticate(request, conn, ctx.config.jwt_secret)
        body = await users.load_json(conn, caller.user["id"])
    return json_response(body)


@endpoint
async def update_user(request: Request) -> Response:
    """Password, user metadata (`data`) and email. A new email is a pending secure change, as in
    GoTrue (`new_email`, `email_change_sent_at`); localbase sends no mail, so it is never
    confirmed and `email` stays as it was."""
    ctx = context(request)
    async with ctx.db.admin.connection() as conn:
        caller = await authenticate(request, conn, ctx.config.jwt_secret)
        params = await read_params(request, UPDATE_PARAMS)
        user, user_id = caller.user, caller.user["id"]
        email = validate_email(params["email"]) if params["email"] else None
        if params["phone"]:
            raise not_implemented("changing a phone number")
        password = params["password"]
        if password is not None:
            check_password_strength(password, ctx.config.min_password_length)
        if params["app_metadata"] is not None and user["role"] not in ADMIN_ROLES:
            raise forbidden("not_admin", "Updating app_metadata requires admin privileges")
        new_email = email if email and email != (user["email"] or "") else None
        if new_email and await users.email_taken(conn, new_email, user["aud"], except_id=user_id):
            raise unprocessable(*DUPLICATE_EMAIL)
        if password and users.has_password(user) and \
                await users.password_matches(conn, user_id, password):
            raise unprocessable("same_password",
                                "New password should be different from the old password.")

        async with conn.transaction():
            if password is not None:
                await users.set_password(conn, user_id, password)
                # A new password signs the user out everywhere else.
                await sessions.log_out_all_except(
                    conn, user_id, caller.session["id"] if caller.session else None)
            if params["data"] is not None:
                await users.merge_metadata(conn, user_id, "raw_user_meta_data", params["data"])
            if params["app_metadata"] is not None:
                await users.merge_metadata(conn, user_id, "raw_app_meta_data",
                                           params["app_metadata"])
            if new_email:
                await users.request_email_change(conn, user_id, new_email)
            body = await users.load_json(conn, user_id)
    return json_response(body)


@endpoint
async def logout(request: Request) -> Response:
    ctx = context(request)
    async with ctx.db.admin.connection() as conn:
        caller = await authenticate(request, conn, ctx.config.jwt_secret)
        scope = request.query_params.get("scope") or "global"
        if scope not in LOGOUT_SCOPES:
            raise validation_failed(f"Unsupported logout scope {json.dumps(scope)}")
        async with conn.transaction():
            await sessions.log_out(conn, caller.user["id"], scope,
                                   caller.session["id"] if caller.session else None)
    return Response(status_code=204)
