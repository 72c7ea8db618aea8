"""The process-wide objects, built once on first use: the keyring and the session store."""
from __future__ import annotations

from omni_app.domain.crypto import Keyring
from omni_app.domain.sessions import SessionStore
from omni_app.settings import get_settings
from omni_app.supa import anon_client, service_client

SESSION_COOKIE = "omni_session"
_store: SessionStore | None = None


def keyring() -> Keyring:
    settings = get_settings()
    return Keyring({settings.omni_master_key_version: settings.master_key()},
                   current=settings.omni_master_key_version)


async def session_store() -> SessionStore:
    global _store
    if _store is None:
        _store = SessionStore(await service_client(), anon_client, keyring(),
                              get_settings().session_days)
    return _store
