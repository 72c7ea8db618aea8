"""HS256 JWTs signed with the project secret: the API keys and users' access tokens."""
from __future__ import annotations

import copy
import time
from functools import lru_cache

import jwt

API_KEY_ISSUER = "supabase-demo"
API_KEY_EXPIRY = 1983812996  # the Supabase CLI's demo keys expire then
KNOWN_ROLES = frozenset({"anon", "authenticated", "service_role"})


def sign(claims: dict, secret: str) -> str:
    return jwt.encode(claims, secret, algorithm="HS256")


def api_key(secret: str, role: str) -> str:
    return sign({"iss": API_KEY_ISSUER, "role": role, "exp": API_KEY_EXPIRY}, secret)


def decode(token: str, secret: str) -> dict:
    """Verify signature and expiry; audience is not checked (API keys carry none).

    Raises jwt.ExpiredSignatureError or jwt.InvalidTokenError. Tokens that verified once are
    remembered (every API request verifies two), so only their expiry is checked again."""
    claims = _verified(token, secret)
    if "exp" in claims and int(claims["exp"]) <= time.time():
        raise jwt.ExpiredSignatureError("Signature has expired")
    return copy.deepcopy(claims)


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False},
                      leeway=0)
