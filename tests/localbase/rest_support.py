"""Helpers for the REST API tests: raw HTTP where the client cannot say something, user tokens,
the errors the client raises and, for unit tests, the ApiError a call raises. The `anon` and
`service` clients are fixtures (conftest.py); auth_support has the rest (clients, sign-ups, SQL)."""
from __future__ import annotations

import time
import uuid

import httpx
import pytest
from postgrest.exceptions import APIError

from localbase.errors import ApiError
from localbase.keys import sign


def raw(lb, method: str, path: str, token: str | None = None, **kwargs) -> httpx.Response:
    """`/rest/v1/{path}` (`items?id=eq.1`, `rpc/fn`) with the anon key as apikey, as the
    client sends it, and `token` as the Bearer token (the anon key when None)."""
    headers = {"apikey": lb.anon_key, "Authorization": f"Bearer {token or lb.anon_key}",
               **kwargs.pop("headers", {})}
    return httpx.request(method, f"{lb.url}/rest/v1/{path}", headers=headers, **kwargs)


def user_token(lb, sub: str | None = None, expires_in: int = 600, secret: str | None = None,
               **claims) -> str:
    """An access token of an `authenticated` user (a new one unless `sub`), signed with the
    project's secret unless another is given; `claims` add to or replace the usual ones."""
    return sign({"sub": sub or str(uuid.uuid4()), "role": "authenticated",
                 "aud": "authenticated", "exp": int(time.time()) + expires_in, **claims},
                secret or lb.jwt_secret)


def api_error(call) -> APIError:
    """What the client raises when executing `call`, a request that must fail."""
    with pytest.raises(APIError) as caught:
        call.execute()
    return caught.value


def refused(call, status: int = 400, code: str = "PGRST100") -> ApiError:
    """The ApiError that `call()` must raise, checked for its status and code."""
    with pytest.raises(ApiError) as caught:
        call()
    assert (caught.value.status, caught.value.code) == (status, code), caught.value.body()
    return caught.value
