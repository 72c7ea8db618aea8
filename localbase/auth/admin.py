"""/admin/users: GoTrue's user administration, for admin tokens (the service_role key) only."""
from __future__ import annotations

import re
import secrets
import uuid
from datetime import timedelta

from psycopg import errors
from starlette.requests import Request
from starlette.responses import Response

from localbase.auth import sessions, users
from localbase.auth.account import DUPLICATE_EMAIL
from localbase.auth.errors import (json_response, not_found, not_implemented, unexpected_failure,
                                   unprocessable, validation_failed)
from localbase.auth.guards import require_admin
from localbase.auth.pagination import link_header, page_params, sort_ascending
from localbase.auth.shapes import user_json
from localbase.auth.validation import (MAX_PASSWORD_LENGTH, check_password_strength,
                                       parse_go_duration, validate_email)
from localbase.auth.web import context, endpoint, read_params

PARAMS = {"id": str, "aud": str, "role": str, "email": str, "phone": str, "password": str,
          "password_hash": str, "email_confirm": bool,
          "user_metadata": dict, "app_metadata": dict, "ban_duration": str}
DELETE_PARAMS = {"should_soft_delete": bool}
_BCRYPT_HASH = re.compile(r"\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}")


@endpoint
async def list_users(request: Request) -> Response:
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    page, per_page = page_params(request)
    ascending = sort_ascending(request)
    async with ctx.db.admin.connection() as conn:
        rows, total = await users.page(conn, users.AUDIENCE, per_page, (page - 1) * per_page,
                                       ascending, request.query_params.get("filter", ""))
        identities = await users.identities_of(conn, [row["id"] for row in rows])
    body = {"users": [user_json(row, identities[row["id"]]) for row in rows],
            "aud": users.AUDIENCE}
    return json_response(body, headers={"Link": link_header(request, page, per_page, total),
                                        "X-Total-Count": str(total)})


@endpoint
async def create_user(request: Request) -> Response:
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    params = await read_params(request, PARAMS)
    aud = params["aud"] or users.AUDIENCE
    if not params["email"] and not params["phone"]:
        raise validation_failed("Cannot create a user without either an email or phone")
    if params["phone"]:
        raise not_implemented("phone numbers")
    email = validate_email(params["email"])
    password, password_hash = params["password"], params["password_hash"] or None
    if password is not None and password_hash:
        raise validation_failed("Only a password or a password hash should be provided")
    if not password and not password_hash:
        password = secrets.token_urlsafe(48)  # GoTrue gives such users an unknowable password
    if password_hash and not _BCRYPT_HASH.fullmatch(password_hash):
        raise validation_failed("Invalid password hash: localbase accepts bcrypt hashes only")
    if password and len(password.encode()) > MAX_PASSWORD_LENGTH:
        raise validation_failed("bcrypt: password length exceeds 72 bytes")
    user_id = _custom_id(params["id"]) if params["id"] else uuid.uuid4()
    ban = _ban_duration(params["ban_duration"])

    async with ctx.db.admin.connection() as conn:
        if await users.email_taken(conn, email, aud):
            raise unprocessable(*DUPLICATE_EMAIL)
        try:
            async with conn.transaction():
                await users.insert_user(conn, user_id=user_id, email=email, aud=aud,
                                        role=params["role"] or users.DEFAULT_ROLE,
                                        password=password if not password_hash else None,
                                        password_hash=password_hash,
                                        user_metadata=params["user_metadata"] or {},
                                        app_metadata=users.EMAIL_PROVIDER)
                await users.insert_email_identity(conn, user_id, email)
                if params["app_metadata"] is not None:
                    await users.merge_metadata(conn, user_id, "raw_app_meta_data",
                                               params["app_metadata"])
                if params["email_confirm"]:
                    await users.confirm_email(conn, user_id)
                if ban is not None:
                    await users.ban(conn, user_id, ban)
                body = await users.load_json(conn, user_id)
        except errors.UniqueViolation as exc:
            if "email" in (exc.diag.constraint_name or ""):
                raise unprocessable(*DUPLICATE_EMAIL) from None
            raise unexpected_failure("Database error creating new user") from None
    return json_response(body)


@endpoint
async def get_user(request: Request) -> Response:
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    user_id = _path_user_id(request)
    async with ctx.db.admin.connection() as conn:
        body = await users.load_json(conn, user_id)
    if body is None:
        raise _user_not_found()
    return json_response(body)


@endpoint
async def update_user(request: Request) -> Response:
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    user_id = _path_user_id(request)
    async with ctx.db.admin.connection() as conn:
        user = await users.find_by_id(conn, user_id)
        if user is None:
            raise _user_not_found()
        params = await read_params(request, PARAMS)
        email = validate_email(params["email"]) if params["email"] else None
        if params["phone"]:
            raise not_implemented("phone numbers")
        ban = _ban_duration(params["ban_duration"])
        password = params["password"]
        if password is not None:
            check_password_strength(password, ctx.config.min_password_length)
        if email and email != (user["email"] or "") and \
                await users.email_taken(conn, email, user["aud"], except_id=user_id):
            raise unprocessable(*DUPLICATE_EMAIL)

        async with conn.transaction():
            if params["role"]:
                await users.set_role(conn, user_id, params["role"])
            if params["email_confirm"]:
                await users.confirm_email(conn, user_id)
            if password is not None:
                await users.set_password(conn, user_id, password)
                await sessions.log_out(conn, user_id, "global", None)
            if email:
                await users.set_email(conn, user_id, email, verified=bool(params["email_confirm"]))
            if params["app_metadata"] is not None:
                await users.merge_metadata(conn, user_id, "raw_app_meta_data",
                                           params["app_metadata"])
            if params["user_metadata"] is not None:
                await users.merge_metadata(conn, user_id, "raw_user_meta_data",
                                           params["user_metadata"])
            if ban is not None:
                await users.ban(conn, user_id, ban)
            body = await users.load_json(conn, user_id)
    return json_response(body)


@endpoint
async def delete_user(request: Request) -> Response:
    ctx = context(request)
    require_admin(request, ctx.config.jwt_secret)
    user_id = _path_user_id(request)
    async with ctx.db.admin.connection() as conn:
        user = await users.find_by_id(conn, user_id)
        if user is None:
            raise _user_not_found()
        params = await read_params(request, DELETE_PARAMS, optional=True)
        async with conn.transaction():
            if not params["should_soft_delete"]:
                await users.delete(conn, user_id)
            elif user["deleted_at"] is None:
                await users.soft_delete(conn, user_id)
    return json_response({})


def _path_user_id(request: Request) -> uuid.UUID:
    try:
        return uuid.UUID(request.path_params["user_id"])
    except ValueError:
        raise not_found("validation_failed", "user_id must be an UUID") from None


def _user_not_found():
    return not_found("user_not_found", "User not found")


def _custom_id(text: str) -> uuid.UUID:
    try:
        user_id = uuid.UUID(text)
    except ValueError:
        raise validation_failed("ID must conform to the uuid v4 format") from None
    if user_id.int == 0:
        raise validation_failed("ID cannot be a nil uuid")
    return user_id


def _ban_duration(text: str | None) -> timedelta | None:
    """None to leave the ban alone; zero ("none") lifts it."""
    if not text:
        return None
    if text == "none":
        return timedelta(0)
    try:
        return parse_go_duration(text)
    except ValueError as exc:
        raise validation_failed(f"invalid format for ban duration: {exc}") from None
