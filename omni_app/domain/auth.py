"""Signing in and out against Supabase Auth, with the reasons a clinic's staff can act on."""
from __future__ import annotations

from supabase import AsyncClient
from supabase_auth.errors import AuthApiError, AuthError

from postgrest.exceptions import APIError

from omni_app.domain.refusals import Refused, from_database

MIN_PASSWORD_LENGTH = 8  # the account page's field says it before the route refuses

# Supabase Auth error code -> the reason the login page explains.
_REASONS = {
    "invalid_credentials": "invalid_credentials",
    "user_banned": "locked",
    "over_request_rate_limit": "rate_limited",
    "email_not_confirmed": "not_confirmed",
    "validation_failed": "invalid_credentials",
    "weak_password": "weak_password",
    "same_password": "same_password",
}


async def sign_in(auth_client: AsyncClient, email: str, password: str):
    """A Supabase session, or Refused: invalid_credentials, locked, rate_limited,
    not_confirmed, unavailable. `auth_client` is a fresh anon client (it keeps the session it
    opens), made to forward the browser's address to Auth."""
    if not email.strip() or not password:
        raise Refused("invalid_credentials")
    try:
        response = await auth_client.auth.sign_in_with_password(
            {"email": email.strip(), "password": password})
    except AuthApiError as exc:
        if exc.status == 429:
            raise Refused("rate_limited") from None
        raise Refused(_REASONS.get(exc.code or "", "invalid_credentials")) from None
    except AuthError:
        raise Refused("unavailable") from None
    return response.session


async def change_password(auth_client: AsyncClient, session, new_password: str) -> None:
    """Sets a new password for the user of `session` (one just opened with the current
    password). Auth ends the user's other Supabase sessions; a database trigger ends every
    browser session the app keeps for them."""
    try:
        await auth_client.auth.set_session(session.access_token, session.refresh_token)
        await auth_client.auth.update_user({"password": new_password})
    except AuthApiError as exc:
        raise Refused(_REASONS.get(exc.code or "", "unavailable")) from None
    except AuthError:
        raise Refused("unavailable") from None


async def sign_out_upstream(auth_client: AsyncClient, access_token: str,
                            scope: str = "local") -> None:
    """End the Supabase session behind an access token (`global`: all of the user's); an
    already-ended one is fine."""
    try:
        await auth_client.auth.admin.sign_out(access_token, scope=scope)
    except AuthError:
        pass


MAX_NAME_LENGTH = 200
THEMES = ("light", "dark", "system")


async def set_name(user: AsyncClient, full_name: str) -> str:
    """The signed-in user's own name (also Auth's user_metadata, audited); the name as kept.
    Refused: invalid (empty or longer than MAX_NAME_LENGTH)."""
    name = " ".join(full_name.split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise Refused("invalid")
    try:
        return (await user.rpc("set_my_name", {"p_full_name": name}).execute()).data
    except APIError as error:
        raise from_database(error) from None


async def set_theme(user: AsyncClient, theme: str) -> None:
    """The signed-in user's colour mode: light, dark or system (follow the device)."""
    if theme not in THEMES:
        raise Refused("invalid")
    await user.rpc("set_my_theme", {"p_theme": theme}).execute()


async def set_locale(user: AsyncClient, locale: str) -> None:
    """The signed-in user's interface language (pt-BR, en or es), kept in `users.locale` and
    Auth's user_metadata.locale (the language of Auth's e-mails)."""
    await user.rpc("set_my_locale", {"p_locale": locale}).execute()


async def profile(user: AsyncClient) -> dict | None:
    """The signed-in user's own row and clinic (see `my_profile()`), None if there is none."""
    return (await user.rpc("my_profile", {}).execute()).data
