"""Supabase client factories. Staff work runs as the signed-in user (`RestAsUser`), so RLS
decides; only webhooks, jobs and the session store use the service role, scoping every
statement themselves. Services (services.py) owns the instances."""
from __future__ import annotations

import asyncio
import weakref

from postgrest import AsyncPostgrestClient
from supabase import AClientOptions, AsyncClient, acreate_client
from supabase.lib.client_options import DEFAULT_HEADERS

from omni_app.settings import Settings

_NO_PERSISTENCE = dict(auto_refresh_token=False, persist_session=False)
# Auth counts sign-ins per client address; the app's own address would make every user one.
FORWARDED_FOR = "Sb-Forwarded-For"


async def anon_client(settings: Settings, forwarded_for: str | None = None) -> AsyncClient:
    """For Auth calls made on a user's behalf (sign-in, sign-out): a new client per call, as it
    keeps in memory the session it opens. `forwarded_for`: the browser's address, for Auth's
    per-address limits."""
    headers = {**DEFAULT_HEADERS, **({FORWARDED_FOR: forwarded_for} if forwarded_for else {})}
    return await acreate_client(settings.supabase_url, settings.supabase_anon_key,
                                AClientOptions(headers=headers, **_NO_PERSISTENCE))


async def service_client(settings: Settings) -> AsyncClient:
    return await acreate_client(settings.supabase_url,
                                settings.supabase_service_role_key.get_secret_value(),
                                AClientOptions(**_NO_PERSISTENCE))


class RestAsUser:
    """The REST API as a signed-in user (`.table()`, `.rpc()`): each client its own headers,
    all of them one connection pool per event loop. Building a whole Supabase client per
    request cost ~35 ms (an SSL context per sub-client)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    async def __call__(self, access_token: str) -> AsyncPostgrestClient:
        loop = asyncio.get_running_loop()
        template = self._templates.get(loop)
        if template is None:
            template = self._templates[loop] = (await anon_client(self.settings)).postgrest
        # A client of its own headers sharing the template's pool (postgrest's own way).
        return template.schema("public").auth(access_token)
