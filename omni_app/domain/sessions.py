"""Browser sign-ins kept on the server.

The browser holds an opaque random id (cookie); `app_sessions` keeps its SHA-256 and the
Supabase refresh and access tokens sealed under a key bound to that row. Resolving a session
refreshes the access token shortly before it expires; refreshes of one session are serialized
in this process, because Supabase refresh tokens are single-use (a lock per session exists only
while someone holds or waits for it, so the map never outgrows the requests in flight).
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Awaitable, Callable

from supabase import AsyncClient
from supabase_auth.errors import AuthApiError

from omni_app.domain.crypto import Keyring, SealError

REFRESH_MARGIN_S = 120
SEEN_EVERY_S = 300  # "last seen" on the profile page is this precise, for one write per interval
SESSION_COLUMNS = "id,user_agent,ip,created_at,last_seen_at"
PURPOSE = "session"
# Why a signed-in tab lost its session, as the sign-in page may say it (`?reason=`).
END_REASONS = ("disabled",)


@dataclass(frozen=True)
class ActiveSession:
    row_id: str
    auth_user_id: str
    access_token: str
    access_expires_at: int

    @property
    def app_metadata(self) -> dict:
        """The access token's app_metadata (set by the service role only). The token came from
        Auth and was kept sealed on this server, so its payload is read, not re-verified."""
        try:
            payload = self.access_token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (IndexError, ValueError):
            return {}
        return claims.get("app_metadata") or {}


@dataclass
class _Turn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, service: AsyncClient, auth_client: Callable[[], Awaitable[AsyncClient]],
                 keyring: Keyring, idle_days: int):
        # A fresh Auth client per refresh: the client remembers the session it refreshed,
        # which must never be shared between users.
        self.service, self.auth_client, self.keyring = service, auth_client, keyring
        self.idle = timedelta(days=idle_days)
        self._turns: dict[str, _Turn] = {}

    @asynccontextmanager
    async def _one_at_a_time(self, digest: str) -> AsyncIterator[None]:
        turn = self._turns.setdefault(digest, _Turn())
        turn.users += 1
        try:
            async with turn.lock:
                yield
        finally:
            turn.users -= 1
            if turn.users == 0:
                del self._turns[digest]

    async def create(self, session, user_agent: str | None, ip: str | None) -> str:
        """Store a fresh Supabase session; returns the cookie value (never stored itself)."""
        token = new_session_token()
        digest = token_hash(token)
        now = datetime.now(timezone.utc)
        await self.service.table("app_sessions").insert({
            "token_hash": digest, "auth_user_id": session.user.id,
            "refresh_token_sealed": self.keyring.seal(session.refresh_token, PURPOSE, digest),
            "access_token_sealed": self.keyring.seal(session.access_token, PURPOSE, digest),
            "access_expires_at": _iso(session.expires_at), "key_version": self.keyring.current,
            "user_agent": (user_agent or "")[:300], "ip": ip,
            "expires_at": (now + self.idle).isoformat()}, returning="minimal").execute()
        return token

    async def resolve(self, token: str | None) -> ActiveSession | None:
        """The signed-in session behind a cookie value, with a usable access token; None when
        the cookie is unknown, revoked, expired or its tokens no longer refresh."""
        if not token or len(token) > 100:
            return None
        digest = token_hash(token)
        async with self._one_at_a_time(digest):
            row = await self._load(digest)
            if row is None:
                return None
            try:
                access = self.keyring.open(row["access_token_sealed"], PURPOSE, digest)
                expires = _epoch(row["access_expires_at"])
                if expires - time.time() < REFRESH_MARGIN_S:
                    access, expires = await self._refresh(row, digest)
                elif time.time() - _epoch(row["last_seen_at"]) > SEEN_EVERY_S:
                    await self._seen(row["id"])
            except (SealError, AuthApiError):
                await self.revoke(token)
                return None
            return ActiveSession(row["id"], row["auth_user_id"], access, expires)

    async def revoke(self, token: str) -> str | None:
        """Forget a session; returns its last access token so the caller can end it upstream."""
        digest = token_hash(token)
        rows = (await self.service.table("app_sessions").delete().eq("token_hash", digest)
                .execute()).data
        if not rows:
            return None
        try:
            return self.keyring.open(rows[0]["access_token_sealed"], PURPOSE, digest)
        except SealError:
            return None

    async def list_for(self, auth_user_id: str) -> list[dict]:
        """The user's signed-in browsers (SESSION_COLUMNS), the most recently seen first."""
        return (await self.service.table("app_sessions").select(SESSION_COLUMNS)
                .eq("auth_user_id", auth_user_id).gt("expires_at", _iso(time.time()))
                .order("last_seen_at", desc=True).order("id").execute()).data

    async def revoke_one(self, auth_user_id: str, row_id: str) -> str | None:
        """End one of the user's own sessions by its row id (another user's id matches nothing);
        returns its last access token so the caller can end it upstream."""
        try:
            uuid.UUID(row_id)
        except ValueError:
            return None
        rows = (await self.service.table("app_sessions").delete().eq("id", row_id)
                .eq("auth_user_id", auth_user_id).execute()).data
        if not rows:
            return None
        try:
            return self.keyring.open(rows[0]["access_token_sealed"], PURPOSE,
                                     rows[0]["token_hash"])
        except SealError:
            return None

    async def revoke_user(self, auth_user_id: str) -> int:
        """Sign a user out of every browser (disabled by an admin, password changed, ...)."""
        rows = (await self.service.table("app_sessions").delete()
                .eq("auth_user_id", auth_user_id).execute()).data
        return len(rows)

    async def why_ended(self, member_id: str) -> str | None:
        """Why a tab signed in as `member_id` (public.users.id, as the tab last knew it) has no
        session any more: "disabled" when an admin disabled the member, None otherwise (signed
        out, expired, password changed ...)."""
        try:
            uuid.UUID(member_id)
        except ValueError:
            return None
        rows = (await self.service.table("users").select("status").eq("id", member_id)
                .execute()).data
        return "disabled" if rows and rows[0]["status"] == "disabled" else None

    async def _load(self, digest: str) -> dict | None:
        rows = (await self.service.table("app_sessions").select("*")
                .eq("token_hash", digest).gt("expires_at", _iso(time.time())).execute()).data
        return rows[0] if rows else None

    async def _seen(self, row_id: str) -> None:
        await self.service.table("app_sessions").update(
            {"last_seen_at": datetime.now(timezone.utc).isoformat()},
            returning="minimal").eq("id", row_id).execute()

    async def _refresh(self, row: dict, digest: str) -> tuple[str, int]:
        refresh = self.keyring.open(row["refresh_token_sealed"], PURPOSE, digest)
        fresh = (await (await self.auth_client()).auth.refresh_session(refresh)).session
        now = datetime.now(timezone.utc)
        await self.service.table("app_sessions").update({
            "refresh_token_sealed": self.keyring.seal(fresh.refresh_token, PURPOSE, digest),
            "access_token_sealed": self.keyring.seal(fresh.access_token, PURPOSE, digest),
            "access_expires_at": _iso(fresh.expires_at), "key_version": self.keyring.current,
            "last_seen_at": now.isoformat(), "expires_at": (now + self.idle).isoformat(),
        }).eq("id", row["id"]).execute()
        return fresh.access_token, int(fresh.expires_at)


def _iso(epoch: float | int | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat()


def _epoch(value: str | None) -> int:
    return int(datetime.fromisoformat(value).timestamp()) if value else 0
