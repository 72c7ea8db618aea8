"""Access tokens as GoTrue issues them, and the session response that carries them."""
from __future__ import annotations

import time

import jwt

from localbase import keys
from localbase.auth.errors import forbidden
from localbase.config import LocalbaseConfig


def issuer(config: LocalbaseConfig) -> str:
    return f"{config.api_url}/auth/v1"


def access_token(config: LocalbaseConfig, user: dict, session: dict) -> tuple[str, int]:
    """Sign the user's access token for `session`; the token and its expiry (unix seconds).

    `amr` dates the sign-in that opened the session, so it survives refreshes."""
    issued_at = int(time.time())
    expires_at = issued_at + config.jwt_expiry
    claims = {
        "iss": issuer(config),
        "sub": str(user["id"]),
        "aud": user["aud"] or "",
        "exp": expires_at,
        "iat": issued_at,
        "email": user["email"] or "",
        "phone": user["phone"] or "",
        "app_metadata": user["raw_app_meta_data"] or {},
        "user_metadata": user["raw_user_meta_data"] or {},
        "role": user["role"] or "",
        "aal": session["aal"] or "aal1",
        "amr": [{"method": "password", "timestamp": int(session["created_at"].timestamp())}],
        "session_id": str(session["id"]),
        "is_anonymous": bool(user["is_anonymous"]),
    }
    return keys.sign(claims, config.jwt_secret), expires_at


def session_response(config: LocalbaseConfig, user: dict, user_body: dict, session: dict,
                     refresh_token: str, weak_password: dict | None = None) -> dict:
    """GoTrue's AccessTokenResponse for `user` (its row) rendered as `user_body`."""
    token, expires_at = access_token(config, user, session)
    body = {"access_token": token, "token_type": "bearer", "expires_in": config.jwt_expiry,
            "expires_at": expires_at, "refresh_token": refresh_token, "user": user_body}
    if weak_password:
        body["weak_password"] = weak_password
    return body


def verify(token: str, secret: str) -> dict:
    """The claims of a token signed with the project secret, or 403 bad_jwt worded like
    golang-jwt's errors."""
    try:
        return keys.decode(token, secret)
    except jwt.ExpiredSignatureError:
        reason = "token has invalid claims: token is expired"
    except jwt.ImmatureSignatureError:
        reason = "token has invalid claims: token is not valid yet"
    except jwt.InvalidSignatureError:
        reason = "token signature is invalid: signature is invalid"
    except jwt.DecodeError as exc:
        reason = f"token is malformed: {exc}"
    except jwt.InvalidTokenError as exc:
        reason = f"token is unverifiable: {exc}"
    raise forbidden("bad_jwt", f"invalid JWT: unable to parse or verify signature, {reason}")
