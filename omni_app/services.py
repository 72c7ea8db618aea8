"""Everything process-wide, built once: by the composition root (omni_app.py) for the app, by a
command's `main` for scripts, by a fixture for tests. Only api/, state/, jobs/ and those entry
points reach it, through `current()`; domain functions get what they use as arguments
(tests/unit/test_layers.py).

Supabase clients are made on first use (they need a running event loop); everything else is
made here from the settings, so a bad setting fails at start, not at the first request."""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from postgrest import AsyncPostgrestClient
from supabase import AsyncClient

from omni_app import paths, supa
from omni_app.api.http import Network, parse_networks
from omni_app.api.integration_directory import IntegrationDirectory
from omni_app.api.rate_limit import TokenBucketLimiter
from omni_app.domain import integrations
from omni_app.domain.analyst import analyzers, llm
from omni_app.domain.counters import Counters
from omni_app.domain.crypto import Keyring
from omni_app.domain.outbound import Delivery, OutboundSetup, Policy
from omni_app.domain.outbound_policy import OutboundPolicy
from omni_app.domain.sessions import SessionStore
from omni_app.settings import Settings, get_settings

log = logging.getLogger("omni.services")

Publisher = Callable[[str], Awaitable[None]]


async def _nobody_listening(company_id: str) -> None:
    return None


@dataclass
class Services:
    settings: Settings
    keyring: Keyring
    delivery: Delivery
    trusted_proxies: tuple[Network, ...]
    # Where "a clinic's conversations changed" goes (the live inbox, once the app exists).
    publisher: Publisher = _nobody_listening
    # A clinic's webhook key: a flood waits its turn instead of saturating the database.
    webhook_limiter: TokenBucketLimiter = field(default_factory=TokenBucketLimiter)
    # Unknown webhook keys per source address: a burst of 20, then one every 2 s.
    unknown_keys: TokenBucketLimiter = field(
        default_factory=lambda: TokenBucketLimiter(rate=0.5, burst=20))
    # The analyst's analyzers (the rules; an LLM when the server has a key).
    analysts: analyzers.Analysts = field(default_factory=lambda: analyzers.build(None))
    # Called when a job is queued in this process: the worker looks at once (see jobs/).
    wake_worker: Callable[[], None] = lambda: None
    _service: AsyncClient | None = field(default=None, repr=False)
    _store: SessionStore | None = field(default=None, repr=False)
    _as_user: supa.RestAsUser = field(init=False, repr=False)
    # Webhooks' integration keys, resolved and kept for a moment.
    integrations: IntegrationDirectory = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._as_user = supa.RestAsUser(self.settings)

        async def lookup(key: str):
            return await integrations.resolve(await self.service(), key, self.keyring)
        self.integrations = IntegrationDirectory(lookup)

    @classmethod
    def from_settings(cls, settings: Settings) -> "Services":
        keyring = Keyring(settings.master_keys(), current=settings.omni_master_key_version)
        legacy = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        return cls(
            settings=settings, keyring=keyring,
            delivery=Delivery(
                keyring=keyring,
                allowed=OutboundPolicy.create(production=settings.production,
                                              allow=settings.omni_outbound_allow),
                setup=OutboundSetup(settings.omni_public_url, settings.n8n_outbound_url,
                                    legacy, settings.webhook_default_company_id),
                rules=Policy()),
            trusted_proxies=parse_networks(settings.omni_trusted_proxies),
            analysts=analysts_from(settings))

    @property
    def outbound_policy(self) -> OutboundPolicy:
        return self.delivery.allowed

    # -- Supabase ------------------------------------------------------------------------------

    async def service(self) -> AsyncClient:
        """The service role: webhooks, jobs and the session store only; scope every statement."""
        if self._service is None:
            self._service = await supa.service_client(self.settings)
        return self._service

    async def anon(self, forwarded_for: str | None = None) -> AsyncClient:
        """A fresh client for Auth calls made on a user's behalf (it keeps the session it opens,
        so it is never shared)."""
        return await supa.anon_client(self.settings, forwarded_for)

    async def as_user(self, access_token: str) -> AsyncPostgrestClient:
        return await self._as_user(access_token)

    # -- sessions, counters, integrations ----------------------------------------------------

    async def session_store(self) -> SessionStore:
        if self._store is None:
            self._store = SessionStore(await self.service(), self.anon, self.keyring,
                                       self.settings.session_days)
        return self._store

    def cookie_name(self, name: str) -> str:
        """`__Host-` in production: the browser then refuses the cookie unless it is Secure,
        for the whole site (Path=/) and not shared with subdomains (no Domain)."""
        return f"__Host-{name}" if self.settings.production else name

    def session_cookie(self) -> str:
        return self.cookie_name("omni_session")

    def login_email_cookie(self) -> str:
        """The e-mail of a refused sign-in, so the form comes back with it filled in."""
        return self.cookie_name("omni_login_email")

    def set_password_url(self) -> str:
        """Where Auth's e-mailed links (recovery, invitation) land; Auth must allow it as a
        redirect URL (README: production)."""
        return self.settings.omni_public_url + paths.SET_PASSWORD

    async def counters(self) -> Counters:
        return Counters(await self.service())

    # -- live updates --------------------------------------------------------------------------

    async def changed(self, company_id: str) -> None:
        """Open inboxes of the clinic refetch. A failed screen refresh never fails the webhook
        or the delivery that stored data."""
        try:
            await self.publisher(company_id)
        except Exception:
            log.exception("live inbox update failed for a company")


def analysts_from(settings: Settings) -> analyzers.Analysts:
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return analyzers.build(key, settings.openai_base_url, settings.openai_model,
                           settings.openai_timeout_seconds, settings.openai_max_retries,
                           llm.Prices(settings.omni_llm_price_input,
                                      settings.omni_llm_price_output))


_current: Services | None = None


def install(services: Services) -> Services:
    global _current
    _current = services
    return services


def current() -> Services:
    """The installed Services; built from the environment on first use when nothing installed
    one (commands run outside the app)."""
    if _current is None:
        return install(Services.from_settings(get_settings()))
    return _current
