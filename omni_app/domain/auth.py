"""Signing in and out against Supabase Auth, with the reasons a clinic's staff can act on."""
from __future__ import annotations

from supabase import AsyncClient
from supabase_auth.errors import AuthApiError, AuthError

from omni_app.supa import anon_client

# Supabase Auth error code -> the reason the login page explains.
_REASONS = {
    "invalid_credentials": "invalid_credentials",
    "user_banned": "locked",
    "over_request_rate_limit": "rate_limited",
    "email_not_confirmed": "not_confirmed",
    "validation_failed": "invalid_credentials",
}


class SignInRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


async def sign_in(email: str, password: str):
    """A Supabase session, or SignInRefused with one of: invalid_credentials, locked,
    rate_limited, not_confirmed, unavailable."""
    if not email.strip() or not password:
        raise SignInRefused("invalid_credentials")
    client = await anon_client()
    try:
        response = await client.auth.sign_in_with_password(
            {"email": email.strip(), "password": password})
    except AuthApiError as exc:
        if exc.status == 429:
            raise SignInRefused("rate_limited") from None
        raise SignInRefused(_REASONS.get(exc.code or "", "invalid_credentials")) from None
    except AuthError:
        raise SignInRefused("unavailable") from None
    return response.session


async def sign_out_upstream(access_token: str) -> None:
    """End the Supabase session behind an access token; an already-ended one is fine."""
    client = await anon_client()
    try:
        await client.auth.admin.sign_out(access_token, scope="local")
    except AuthError:
        pass


async def profile(user: AsyncClient) -> dict | None:
    """The signed-in user's own row and clinic (see `my_profile()`), None if there is none."""
    return (await user.rpc("my_profile", {}).execute()).data
