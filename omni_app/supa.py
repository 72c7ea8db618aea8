"""Supabase clients. Staff work runs as the signed-in user (`as_user`), so RLS decides; only
webhooks, jobs and the session store use the service role, scoping every statement themselves."""
from __future__ import annotations

import asyncio
import weakref

from postgrest import AsyncPostgrestClient
from supabase import AClientOptions, AsyncClient, acreate_client
from supabase.lib.client_options import DEFAULT_HEADERS

from omni_app.settings import get_settings

_NO_PERSISTENCE = dict(auto_refresh_token=False, persist_session=False)
# Auth counts sign-ins per client address; the app's own address would make every user one.
FORWARDED_FOR = "Sb-Forwarded-For"


async def anon_client(forwarded_for: str | None = None) -> AsyncClient:
    """For Auth calls made on a user's behalf (sign-in, sign-out); keeps no session beyond the
    call. `forwarded_for`: the browser's address, for Auth's per-address limits."""
    settings = get_settings()
    headers = {**DEFAULT_HEADERS, **({FORWARDED_FOR: forwarded_for} if forwarded_for else {})}
    return await acreate_client(settings.supabase_url, settings.supabase_anon_key,
                                AClientOptions(headers=headers, **_NO_PERSISTENCE))


# One anon client per event loop whose REST connection pool every signed-in request shares:
# building a whole Supabase client costs ~35 ms (an SSL context per sub-client), per request.
_rest_templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


async def _rest_template() -> AsyncPostgrestClient:
    loop = asyncio.get_running_loop()
    template = _rest_templates.get(loop)
    if template is None:
        template = _rest_templates[loop] = (await anon_client()).postgrest
    return template


async def as_user(access_token: str) -> AsyncPostgrestClient:
    """The REST API as the signed-in user (`.table()`, `.rpc()`): RLS decides. Its own headers,
    the shared connection pool."""
    template = await _rest_template()
    client = AsyncPostgrestClient(str(template.base_url), schema="public",
                                  headers=dict(template.headers), http_client=template.session)
    client._owns_session = False  # the pool outlives this request's client
    return client.auth(access_token)


_service: AsyncClient | None = None


async def service_client() -> AsyncClient:
    global _service
    if _service is None:
        settings = get_settings()
        _service = await acreate_client(settings.supabase_url,
                                        settings.supabase_service_role_key.get_secret_value(),
                                        AClientOptions(**_NO_PERSISTENCE))
    return _service
