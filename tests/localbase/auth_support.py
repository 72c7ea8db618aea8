"""Helpers for the Auth API conformance tests: real clients, raw HTTP, direct SQL."""
from __future__ import annotations

import uuid

import httpx
import jwt
import psycopg
from supabase import (AClientOptions, AsyncClient, Client, ClientOptions, acreate_client,
                      create_client)

PASSWORD = "correct-horse-42"
API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}


def unique_email(prefix: str = "user") -> str:
    # Mixed case on purpose: GoTrue stores addresses lower-cased.
    return f"{prefix}-{uuid.uuid4().hex[:12]}@Example.Test"


def client(lb, key: str | None = None) -> Client:
    """A sync client that neither refreshes in the background nor shares storage."""
    return create_client(lb.url, key or lb.anon_key,
                         ClientOptions(auto_refresh_token=False, persist_session=False))


async def async_client(lb, key: str | None = None) -> AsyncClient:
    return await acreate_client(lb.url, key or lb.anon_key,
                                AClientOptions(auto_refresh_token=False, persist_session=False))


def admin(lb) -> Client:
    return client(lb, lb.service_role_key)


def signed_up(lb, email: str | None = None, password: str = PASSWORD, data: dict | None = None):
    """A client signed in as a new user, and the sign-up response."""
    c = client(lb)
    response = c.auth.sign_up({"email": email or unique_email(), "password": password,
                               "options": {"data": data or {}}})
    return c, response


def http(lb) -> httpx.Client:
    return httpx.Client(base_url=f"{lb.url}/auth/v1",
                        headers={"apikey": lb.anon_key, **API_VERSION})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def password_grant(h: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    return h.post("/token", params={"grant_type": "password"},
                  json={"email": email, "password": password})


def refresh_grant(h: httpx.Client, refresh_token: str) -> httpx.Response:
    return h.post("/token", params={"grant_type": "refresh_token"},
                  json={"refresh_token": refresh_token})


def claims(lb, token: str) -> dict:
    return jwt.decode(token, lb.jwt_secret, algorithms=["HS256"], audience="authenticated")


def sql(lb, query: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        cur = conn.execute(query, params)
        return cur.fetchall() if cur.description else []


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["x-supabase-api-version"] == "2024-01-01"
    body = response.json()
    assert body["code"] == code, body
    return body
