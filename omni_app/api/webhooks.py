"""Inbound webhooks: `POST /webhooks/{whatsapp,instagram}` (messages and delivery statuses),
`GET` on the same paths (Meta's verification handshake) and `POST /webhooks/status` (n8n reports
what happened to a reply).

Order matters: the body is read with a size limit, the integration named in the URL or header
is resolved (404 without saying why), the signature is checked over the raw bytes (401, nothing
stored), then the rate limit, then parsing (400 says what is wrong), then the replay guard for
what is not idempotent (`needs_replay_guard`: a signature already accepted answers 409, a Meta
body older than the guard remembers 401), then storage for the company the integration belongs
to. The payload never chooses the company. An outage answers 503 and forgets the signature, so
the sender's retry gets through; retries of what was stored come back as duplicates.
Logs carry ids and outcomes, never secrets or bodies.
"""
from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx
from postgrest.exceptions import APIError
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from omni_app import services as services_module
from omni_app.api import bodies, webhook_reference as reference
from omni_app.api.rate_limit import retry_after_header
from omni_app.api.errors import HttpError, unavailable
from omni_app.api.webhook_models import MAX_BODY_BYTES, StatusCallback
from omni_app.api.webhook_auth import Sender, authenticate, identify, signature_of, touch
from omni_app.channels import is_meta_body, parse, registry
from omni_app.channels.models import ParsedBody, PayloadError
from omni_app.domain import inbound, replay_guard

log = logging.getLogger("omni.webhooks")



def check_rate(sender: Sender) -> None:
    wait = services_module.current().webhook_limiter.take(sender.bucket)
    if wait > 0:
        log.info("webhook rate limited integration=%s", sender.integration_id)
        raise HttpError(429, "too many requests", {"Retry-After": retry_after_header(wait)})


def _newest(parsed: ParsedBody) -> datetime | None:
    moments = [m.occurred_at for m in parsed.messages] + \
              [s.occurred_at for s in parsed.statuses if s.occurred_at is not None]
    return max(moments, default=None)


def needs_replay_guard(scheme: str, parsed: ParsedBody) -> bool:
    """Messages are stored once whatever repeats them (idempotent on their external id), so an
    Omni-signed body of messages alone may come again within its 300 s; statuses change state,
    and Meta's signature has no timestamp at all: those are accepted once."""
    return scheme == "meta" or bool(parsed.statuses)


async def guard_replay(request: Request, sender: Sender, scheme: str,
                       parsed: ParsedBody | None = None) -> str:
    """The accepted signature (to forget if storage fails); HttpError for a replay or a stale
    Meta body."""
    if parsed is not None and replay_guard.too_old(scheme, _newest(parsed)):
        raise HttpError(401, "Meta body too old to be accepted")
    signature = signature_of(request, scheme)
    try:
        first = await replay_guard.accept(await services_module.current().service(),
                                          sender.bucket, scheme, signature)
    except (APIError, httpx.HTTPError):
        log.exception("replay guard unavailable integration=%s", sender.integration_id)
        raise unavailable() from None
    if not first:
        log.info("webhook replay refused integration=%s", sender.integration_id)
        raise HttpError(409, "replayed request: this signature was already accepted; sign each "
                           "delivery afresh")
    return signature


async def _forget(sender: Sender, signature: str) -> None:
    try:
        await replay_guard.forget(await services_module.current().service(), sender.bucket,
                                  signature)
    except Exception:  # the retry will be refused as a replay; nothing else to do
        log.exception("could not forget a signature integration=%s", sender.integration_id)


def parse_body(channel: str, payload, scheme: str):
    if scheme == "meta" and not is_meta_body(payload):
        # Meta's signature vouches only for bodies Meta itself sends.
        raise HttpError(401, "X-Hub-Signature-256 is accepted only on Meta's own bodies")
    try:
        return parse(channel, payload)
    except ValidationError as error:
        raise HttpError(400, _validation_message(error)) from None
    except PayloadError as error:
        raise HttpError(400, str(error)) from None
    except Exception:  # a parser bug must not turn a sender's body into a 500 loop
        log.exception("parser failed channel=%s", channel)
        raise HttpError(400, "payload could not be read") from None


async def _signed_body(request: Request, channel: str | None) -> tuple[bytes, Sender, str]:
    """The first steps of every POST: the body (bounded), who signed it, within their rate."""
    body = await bodies.read_limited(request, MAX_BODY_BYTES)
    sender, scheme = await authenticate(request, body, channel, allow_meta=channel is not None)
    check_rate(sender)
    return body, sender, scheme


async def _storage_failed(sender: Sender, signature: str | None) -> HttpError:
    """503, with the signature forgotten so the sender's retry is not taken for a replay."""
    log.exception("webhook storage failed integration=%s", sender.integration_id)
    if signature:
        await _forget(sender, signature)
    return unavailable()


async def _stored(sender: Sender, changed: bool) -> None:
    await touch(sender)
    if changed:
        await services_module.current().changed(sender.company_id)


async def receive(request: Request) -> Response:
    channel = request.url.path.rstrip("/").rsplit("/", 1)[-1]
    try:
        body, sender, scheme = await _signed_body(request, channel)
        parsed = parse_body(channel, bodies.decode_json(body), scheme)
        signature = await guard_replay(request, sender, scheme, parsed) \
            if needs_replay_guard(scheme, parsed) else None
        try:
            outcome = await inbound.ingest(await services_module.current().service(),
                                           sender.company_id, parsed)
        except inbound.StorageUnavailable:
            raise await _storage_failed(sender, signature) from None
    except HttpError as error:
        return error.response()
    await _stored(sender, outcome.stored)
    new = sum(1 for result in outcome.results if not result["duplicate"])
    log.info("webhook %s integration=%s company=%s stored=%d duplicates=%d statuses=%d "
             "skipped=%d", channel, sender.integration_id, sender.company_id, new,
             len(outcome.results) - new, outcome.statuses, len(outcome.skipped))
    return JSONResponse({"results": outcome.results, "statuses": outcome.statuses,
                         "skipped": outcome.skipped})


async def handshake(request: Request) -> Response:
    """Meta's subscription check: echo hub.challenge when hub.verify_token matches."""
    channel = request.url.path.rstrip("/").rsplit("/", 1)[-1]
    params = request.query_params
    try:
        sender = await identify(request, channel, fresh=True)  # a token just set must work
    except HttpError as error:
        return error.response()
    expected = sender.meta_verify_token
    token = params.get("hub.verify_token") or ""
    challenge = params.get("hub.challenge")
    if (params.get("hub.mode") == "subscribe" and expected and challenge is not None
            and hmac.compare_digest(token.encode(), expected.encode())):
        return PlainTextResponse(challenge)
    log.info("webhook handshake refused integration=%s", sender.integration_id)
    return PlainTextResponse("Forbidden", status_code=403)


async def status_callback(request: Request) -> Response:
    try:
        body, sender, scheme = await _signed_body(request, None)
        payload = bodies.decode_json(body)
        try:
            update = StatusCallback.model_validate(payload)
        except ValidationError as error:
            raise HttpError(400, _validation_message(error)) from None
        signature = await guard_replay(request, sender, scheme)
        try:
            result = await inbound.record_status(
                await services_module.current().service(), sender.company_id,
                status=update.status,
                interaction_id=str(update.interaction_id) if update.interaction_id else None,
                external_message_id=update.external_message_id, error=update.error_text())
        except inbound.MessageNotFound:
            raise HttpError(404, "message not found") from None
        except APIError as refused:
            raise HttpError(400, refused.message or "refused") from None
        except inbound.StorageUnavailable:
            raise await _storage_failed(sender, signature) from None
    except HttpError as error:
        return error.response()
    await _stored(sender, bool(result.get("changed")))
    log.info("status callback integration=%s interaction=%s status=%s changed=%s",
             sender.integration_id, result.get("interaction_id"), result.get("status"),
             result.get("changed"))
    return JSONResponse(result)


def _validation_message(error: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                     for e in error.errors())


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Callable
    reference: dict  # FastAPI route arguments that document it: summary, responses, …


ENDPOINTS = [
    Endpoint("POST", "/webhooks/status", status_callback, reference.STATUS_CALLBACK),
    *(Endpoint("POST", f"/webhooks/{channel}", receive, reference.inbound(channel))
      for channel in registry.NAMES),
    *(Endpoint("GET", f"/webhooks/{channel}", handshake, reference.handshake(channel))
      for channel in registry.NAMES),
]
routes = [Route(endpoint.path, endpoint.handler, methods=[endpoint.method])
          for endpoint in ENDPOINTS]
