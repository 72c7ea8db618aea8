"""Who is posting to a webhook, and whether the signature proves it.

The integration is named by `?integration=<public key>` or `X-Omni-Integration`; without one,
the legacy single secret (`WEBHOOK_SECRET` + `WEBHOOK_DEFAULT_COMPANY_ID`, both required)
stands in. Anything else is 404, without saying whether the key is unknown, inactive or of
another channel. The company always comes from here, never from the payload.

Resolved integrations are kept for a couple of seconds (`IntegrationDirectory`). A signature
that fails against a kept entry is checked again against a fresh lookup, so a just-rotated
secret works at once; a deactivation takes effect within RESOLVE_TTL_S.

Keys that resolve to nothing cost a lookup each, so an address that keeps naming unknown keys
is answered 429 before looking (`Services.unknown_keys`, per process: it guards this process's
work).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from postgrest.exceptions import APIError
from starlette.requests import Request

from omni_app import services as services_module
from omni_app.api.errors import HttpError, unavailable
from omni_app.api.http import client_address
from omni_app.api.rate_limit import retry_after_header
from omni_app.domain import integrations, signing
from omni_app.domain.crypto import SealError

log = logging.getLogger("omni.webhooks")

MAX_KEY_LENGTH = 128
SIGNATURE_HEADERS = {"omni": signing.SIGNATURE_HEADER, "meta": signing.META_SIGNATURE_HEADER}


@dataclass(frozen=True)
class Sender:
    """An integration, or the legacy single-secret setup (no integration id)."""
    company_id: str
    integration_id: str | None
    signing_secrets: tuple[str, ...]
    meta_app_secret: str | None = None
    meta_verify_token: str | None = None
    kept: bool = False         # came from the short-lived cache

    @property
    def bucket(self) -> str:
        return self.integration_id or f"legacy:{self.company_id}"


def signature_of(request: Request, scheme: str) -> str:
    """The signature header that verified the request under `scheme`."""
    return request.headers.get(SIGNATURE_HEADERS[scheme], "")


async def _resolve(key: str, fresh: bool) -> tuple[integrations.ResolvedIntegration | None, bool]:
    try:
        return await services_module.current().integrations.find(key, fresh)
    except (APIError, httpx.HTTPError, SealError):
        log.exception("integration lookup failed")
        raise unavailable() from None


async def identify(request: Request, channel: str | None, fresh: bool = False) -> Sender:
    """The sender a request names, for this channel when given; 404 otherwise."""
    key = request.query_params.get("integration") or request.headers.get(signing.INTEGRATION_HEADER)
    services = services_module.current()
    if not key:
        settings = services.settings
        if settings.webhook_secret and settings.webhook_default_company_id:
            return Sender(settings.webhook_default_company_id, None,
                          (settings.webhook_secret.get_secret_value(),))
        raise HttpError(404, "not found")
    address = client_address(request, services.trusted_proxies)
    wait = services.unknown_keys.waiting(address)
    if wait > 0:
        raise HttpError(429, "too many unknown integration keys",
                      {"Retry-After": retry_after_header(wait)})
    found, kept = (None, False) if len(key) > MAX_KEY_LENGTH else await _resolve(key, fresh)
    if found is None:
        services.unknown_keys.take(address)
    if found is None or (channel is not None and found.channel != channel):
        log.info("webhook refused: unknown, inactive or other-channel integration")
        raise HttpError(404, "not found")
    return Sender(str(found.company_id), str(found.id), tuple(found.signing_secrets),
                  found.meta_app_secret, found.meta_verify_token, kept)


def _verified_scheme(request: Request, body: bytes, sender: Sender,
                     allow_meta: bool) -> str | None:
    timestamp = request.headers.get(signing.TIMESTAMP_HEADER)
    signature = request.headers.get(signing.SIGNATURE_HEADER)
    if timestamp and signature and sender.signing_secrets and \
            signing.verify_omni(sender.signing_secrets, body, timestamp, signature):
        return "omni"
    hub = request.headers.get(signing.META_SIGNATURE_HEADER)
    if allow_meta and hub and sender.meta_app_secret and \
            signing.verify_meta(sender.meta_app_secret, body, hub):
        return "meta"
    return None


async def authenticate(request: Request, body: bytes, channel: str | None,
                       allow_meta: bool) -> tuple[Sender, str]:
    """The sender and the scheme that verified ('omni' or 'meta'); 404 or 401 otherwise."""
    sender = await identify(request, channel)
    scheme = _verified_scheme(request, body, sender, allow_meta)
    if scheme is None and sender.kept:
        sender = await identify(request, channel, fresh=True)
        scheme = _verified_scheme(request, body, sender, allow_meta)
    if scheme is None:
        signed = (request.headers.get(signing.SIGNATURE_HEADER)
                  or request.headers.get(signing.META_SIGNATURE_HEADER))
        reason = "invalid or stale" if signed else "missing"
        log.info("webhook refused: %s signature integration=%s", reason, sender.integration_id)
        raise HttpError(401, f"{reason} signature")
    return sender, scheme


async def touch(sender: Sender) -> None:
    """Records when the integration last received something, at most every TOUCH_EVERY_S."""
    services = services_module.current()
    if sender.integration_id is None or not services.integrations.due_for_touch(
            sender.integration_id):
        return
    try:
        await integrations.touch(await services.service(), sender.integration_id)
    except Exception:  # bookkeeping; what was delivered is stored already
        log.warning("could not record last use of integration=%s", sender.integration_id)
