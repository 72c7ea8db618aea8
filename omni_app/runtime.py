"""The process-wide objects, built once on first use: the keyring, the session store, the shared
counters, and the network rules read from the settings."""
from __future__ import annotations

from functools import lru_cache

from omni_app.api.http import Network, parse_networks
from omni_app.domain.counters import Counters
from omni_app.domain.crypto import Keyring
from omni_app.domain.outbound_policy import OutboundPolicy
from omni_app.domain.sessions import SessionStore
from omni_app.settings import get_settings
from omni_app.supa import anon_client, service_client

_store: SessionStore | None = None


def session_cookie() -> str:
    """`__Host-` in production: the browser then refuses the cookie unless it is Secure, for
    the whole site (Path=/) and not shared with subdomains (no Domain)."""
    return "__Host-omni_session" if get_settings().production else "omni_session"


def keyring() -> Keyring:
    settings = get_settings()
    return Keyring(settings.master_keys(), current=settings.omni_master_key_version)


async def session_store() -> SessionStore:
    global _store
    if _store is None:
        _store = SessionStore(await service_client(), anon_client, keyring(),
                              get_settings().session_days)
    return _store


async def counters() -> Counters:
    return Counters(await service_client())


@lru_cache(maxsize=1)
def trusted_proxies() -> tuple[Network, ...]:
    return parse_networks(get_settings().omni_trusted_proxies)


def outbound_policy() -> OutboundPolicy:
    settings = get_settings()
    return OutboundPolicy.create(production=settings.production,
                                 allow=settings.omni_outbound_allow)


def forget() -> None:
    """Drop what was built from the settings (tests that change the environment)."""
    global _store
    _store = None
    trusted_proxies.cache_clear()
