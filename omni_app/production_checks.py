"""What production refuses to start with: the Supabase CLI's demo secrets, a Supabase on this
very machine, a weak or missing master key, a public URL that cannot carry Secure cookies, an
LLM reached in plain http across the network.

`problems(settings)` lists each one naming its environment variable; `enforce(settings)` raises
with all of them at once, so an operator fixes the list in one go."""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import jwt

from omni_app.settings import LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY, Settings, decoded_key

DEMO_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
DEMO_ISSUER = "supabase-demo"
MIN_DISTINCT_KEY_BYTES = 20   # 32 random bytes show ~30 distinct values; 20 or fewer is a pattern


class UnsafeProductionSettings(RuntimeError):
    pass


def problems(settings: Settings) -> list[str]:
    if not settings.production:
        return []
    found = []
    jwt_secret = settings.supabase_jwt_secret.get_secret_value() \
        if settings.supabase_jwt_secret else None
    if jwt_secret == DEMO_JWT_SECRET:
        found.append("SUPABASE_JWT_SECRET is the Supabase CLI's public demo secret")
    for name, key, demo in (
            ("SUPABASE_SERVICE_ROLE_KEY", settings.supabase_service_role_key.get_secret_value(),
             LOCAL_SERVICE_ROLE_KEY),
            ("SUPABASE_ANON_KEY", settings.supabase_anon_key, LOCAL_ANON_KEY)):
        if key == demo or _is_demo_jwt(key):
            found.append(f"{name} is a Supabase CLI demo key (anyone can mint it)")
    if _is_loopback(urlsplit(settings.supabase_url).hostname):
        found.append("SUPABASE_URL points at this machine (localbase or `supabase start` are "
                     "for development)")
    found += _master_key_problems(settings)
    if urlsplit(settings.omni_public_url).scheme != "https":
        found.append("OMNI_PUBLIC_URL must be https:// (session cookies are Secure)")
    llm = urlsplit(settings.openai_base_url or "https://api.openai.com/v1")
    if llm.scheme != "https" and not _is_loopback(llm.hostname):
        found.append("OPENAI_BASE_URL must be https:// unless it is on this machine (patients' "
                     "messages and the API key travel to it)")
    return found


def enforce(settings: Settings) -> None:
    found = problems(settings)
    if found:
        raise UnsafeProductionSettings(
            "Omni refuses to start with OMNI_ENV=production:\n  - " + "\n  - ".join(found))


def _is_demo_jwt(token: str) -> bool:
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return False
    if claims.get("iss") == DEMO_ISSUER:
        return True
    try:
        jwt.decode(token, DEMO_JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False,
                                                                           "verify_aud": False})
        return True
    except jwt.InvalidTokenError:
        return False


def _is_loopback(host: str | None) -> bool:
    if not host or host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _master_key_problems(settings: Settings) -> list[str]:
    if settings.omni_master_key is None:
        return ["OMNI_MASTER_KEY is required (base64 of 32 random bytes)"]
    try:
        key = decoded_key(settings.omni_master_key.get_secret_value(), "OMNI_MASTER_KEY")
    except ValueError as problem:
        return [str(problem)]
    if len(set(key)) <= MIN_DISTINCT_KEY_BYTES or all(0x20 <= b < 0x7f for b in key):
        return ["OMNI_MASTER_KEY is weak (a repeated pattern or typed text); generate one with "
                "`python -c \"import os, base64; print(base64.b64encode(os.urandom(32)).decode())\"`"]
    return []
