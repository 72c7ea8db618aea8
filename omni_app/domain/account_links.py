"""The account flows Supabase Auth runs by e-mail: "forgot my password", invitation links, and
self sign-up. Links land on the app's set-password page (`redirect_to`), whose form redeems the
token on the server (`verify_otp` with the link's token_hash), sets the new password with the
service role and signs the person in with it.

Nothing here tells whether an address has an account: a recovery request answers the same for
every address (Auth itself does too), and its failures are swallowed."""
from __future__ import annotations

import logging

from supabase import AsyncClient
from supabase_auth.errors import AuthApiError, AuthError

from omni_app.domain.auth import MIN_PASSWORD_LENGTH
from omni_app.domain.refusals import Refused

log = logging.getLogger("omni.account")
LINK_TYPES = ("recovery", "invite")
# app_metadata flag: the person signed in with a password someone else chose (an invitation's
# temporary password) and must choose their own before anything else.
MUST_SET_PASSWORD = "must_set_password"


async def request_recovery(auth_client: AsyncClient, email: str, redirect_to: str) -> None:
    """Ask Auth to e-mail a recovery link. Silent whatever happens (unknown address, too many
    requests, Auth down): the page says the same to everyone."""
    email = email.strip()
    if not email or len(email) > 320 or "@" not in email:
        return
    try:
        await auth_client.auth.reset_password_for_email(email, {"redirect_to": redirect_to})
    except AuthError as exc:
        # The status only: the address is personal and stays out of the log.
        log.warning("password recovery request not sent (%s)", getattr(exc, "status", "?"))


def check_new_password(new: str, confirm: str) -> None:
    """Refused: too_short, mismatch."""
    if len(new) < MIN_PASSWORD_LENGTH:
        raise Refused("too_short")
    if new != confirm:
        raise Refused("mismatch")


async def redeem(auth_client: AsyncClient, link_type: str, token_hash: str):
    """The session an e-mailed link opens (the link is spent); Refused("link_expired") when it
    is unknown, spent or expired."""
    if link_type not in LINK_TYPES or not token_hash or len(token_hash) > 255:
        raise Refused("link_expired")
    try:
        session = (await auth_client.auth.verify_otp(
            {"type": link_type, "token_hash": token_hash})).session
    except AuthApiError:
        raise Refused("link_expired") from None
    except AuthError:
        raise Refused("unavailable") from None
    if session is None:
        raise Refused("link_expired")
    return session


async def set_own_password(service: AsyncClient, auth_user_id: str, password: str) -> None:
    """The person's own password, and no longer a temporary one. Auth (and a database trigger)
    end every other session of the user."""
    try:
        await service.auth.admin.update_user_by_id(auth_user_id, {
            "password": password, "app_metadata": {MUST_SET_PASSWORD: None}})
    except AuthApiError as exc:
        raise Refused("weak_password" if exc.code == "weak_password" else "unavailable") \
            from None
    except AuthError:
        raise Refused("unavailable") from None


def must_set_password(app_metadata: dict | None) -> bool:
    return bool((app_metadata or {}).get(MUST_SET_PASSWORD))


async def sign_up(auth_client: AsyncClient, email: str, password: str, full_name: str,
                  locale: str):
    """A new account; its session, or None when Auth first wants the address confirmed.
    Refused: email, too_short, exists, weak_password, rate_limited, unavailable."""
    email = email.strip()
    if not email or len(email) > 320 or "@" not in email:
        raise Refused("email")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused("too_short")
    try:
        response = await auth_client.auth.sign_up({
            "email": email, "password": password,
            "options": {"data": {"full_name": full_name.strip()[:200], "locale": locale}}})
    except AuthApiError as exc:
        reasons = {"user_already_exists": "exists", "email_exists": "exists",
                   "weak_password": "weak_password", "validation_failed": "email",
                   "over_request_rate_limit": "rate_limited",
                   "over_email_send_rate_limit": "rate_limited"}
        raise Refused(reasons.get(exc.code or "", "unavailable")) from None
    except AuthError:
        raise Refused("unavailable") from None
    return response.session
