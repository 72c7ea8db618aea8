"""Replies out: recorded `queued` as the user (visible at once) together with a delivery job
(`queue_outbound_message`, one transaction); a worker (jobs/) then calls `deliver`, which POSTs
the reply, signed, to the clinic's n8n workflow; n8n reports later steps to /webhooks/status.

Delivery: 2xx -> `sent` (with n8n's `external_message_id` when it gives one); timeout, connection
error, 5xx, 408 or 429 -> retried with exponential backoff, a bounded number of times, then
`failed` with the error; any other answer (4xx, a redirect) -> `failed` at once. The URL must
pass the outbound policy at every send (see outbound_policy: no internal addresses) and the
connection goes to the address that was checked. What n8n answers is never stored or logged:
the error says only the status code, in our words. Status changes go through
`record_message_status` with the service role, scoped by the company the message belongs to.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

import httpx
from postgrest.exceptions import APIError
from supabase import AsyncClient
from tenacity import (AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt,
                      wait_exponential)

from omni_app.channels import registry
from omni_app.domain import delivery_failures as failures
from omni_app.domain import inbound
from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring, SealError
from omni_app.domain.outbound_policy import Destination, OutboundPolicy
from omni_app.domain.refusals import Refused, from_database
from omni_app.domain.signing import sign_headers

log = logging.getLogger("omni.outbound")

RETRYABLE_STATUSES = {408, 425, 429}
EXTERNAL_ID = re.compile(r"^[A-Za-z0-9._:=+/@-]{1,256}$")
MESSAGE_COLUMNS = ("id,company_id,conversation_id,client_id,channel,direction,content,status,"
                   "reply_to_id,metadata")


@dataclass(frozen=True)
class Policy:
    attempts: int = 4            # in all, the first included
    first_wait: float = 0.5      # seconds before the 2nd attempt; doubles each time
    max_wait: float = 8.0
    timeout: float = 10.0        # per attempt


@dataclass(frozen=True)
class OutboundSetup:
    """What the operator configured: where status callbacks come back (OMNI_PUBLIC_URL), the
    n8n URL for clinics without one of their own, and the legacy single-secret setup."""
    public_url: str
    fallback_url: str | None = None
    legacy_secret: str | None = field(default=None, repr=False)
    legacy_company_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """Everything `deliver` needs besides the database: the keys that open the signing secret,
    where it may send, the operator's setup and the retry rules."""
    keyring: Keyring
    allowed: OutboundPolicy
    setup: OutboundSetup
    rules: Policy = Policy()


@dataclass(frozen=True)
class Target:
    url: str
    secret: str = field(repr=False)
    callback_url: str


class TargetMissing(Exception):
    """Nowhere to send (no active integration, URL or secret): the reply fails at once."""


class _Retryable(Exception):
    """An answer worth trying again (5xx, 408, 429)."""

    def __init__(self, status: int):
        super().__init__(f"HTTP {status}")
        self.status = status


async def send(user: AsyncClient, conversation_id: str, text: str,
               reply_to: str | None = None) -> dict:
    """Records the reply `queued` as the signed-in user, with its thread's preview and its
    delivery job, in one transaction (`queue_outbound_message`, scoped to their clinic);
    `reply_to` quotes a message of the same conversation."""
    text = text.replace("\x00", "").strip()
    if not text:
        raise Refused("empty")
    arguments = {"p_conversation_id": conversation_id, "p_content": text}
    if reply_to:
        arguments["p_reply_to"] = reply_to
    try:
        row = (await user.rpc("queue_outbound_message", arguments).execute()).data
    except APIError as refused:  # Refused: empty, too_long, not_found, closed, bad_quote
        raise from_database(refused, {"PT409": "closed", "22023": "empty",
                                      "PT400": "bad_quote"}) from None
    return row


async def retry(user: AsyncClient, interaction_id: str) -> dict:
    """Queues a failed reply again with a new delivery job (`retry_outbound_message`, scoped
    to the user's clinic)."""
    try:
        return (await user.rpc("retry_outbound_message", {"p_interaction_id": interaction_id})
                .execute()).data
    except APIError:
        raise Refused("not_failed") from None


async def give_up(service: AsyncClient, company_id: str, interaction_id: str,
                  reason: str) -> str:
    """Delivery could not run (it crashed, or its worker died too often): `failed`, so a
    retry is offered instead of a reply waiting forever."""
    return await _finish(service, company_id, interaction_id, "failed",
                         error=failures.describe("could_not_run", reason=reason))


async def deliver(service: AsyncClient, company_id: str, interaction_id: str,
                  delivery: Delivery) -> str:
    """Delivers one queued reply; returns the status it ended in (sent, failed, the current
    one when it was no longer queued, "missing" or "unknown"). Raises StorageUnavailable when
    the outcome could not be recorded, so the job runs again: the reply is still queued then,
    and n8n gets the same Idempotency-Key."""
    rules, allowed = delivery.rules, delivery.allowed
    rows = (await service.table("interactions").select(MESSAGE_COLUMNS)
            .eq("company_id", company_id).eq("id", interaction_id)
            .eq("direction", "outbound").limit(1).execute()).data
    if not rows:
        log.warning("delivery of an unknown message interaction=%s", interaction_id)
        return "missing"
    message = rows[0]
    if message["status"] != "queued":
        return message["status"]
    try:
        target = await resolve_target(service, company_id, message["channel"], delivery)
    except TargetMissing as missing:
        return await _finish(service, company_id, interaction_id, "failed", error=str(missing))
    try:
        destination = await allowed.check(target.url)
    except Refused as refused:
        log.warning("delivery refused by the outbound policy interaction=%s reason=%s",
                    interaction_id, refused.reason)
        return await _finish(service, company_id, interaction_id, "failed",
                             error=failures.describe("url_not_allowed", reason=refused.reason))
    body = await _body(service, message, target)
    try:
        response = await _post(target, destination, body, interaction_id, rules)
    except RetryError as exhausted:
        return await _finish(service, company_id, interaction_id, "failed",
                             error=_exhausted(exhausted.last_attempt.exception(), rules.attempts))
    if response.is_success:
        return await _finish(service, company_id, interaction_id, "sent",
                             external_id=_external_id(response))
    return await _finish(service, company_id, interaction_id, "failed",
                         error=failures.describe("n8n_status", status=response.status_code))


async def resolve_target(service: AsyncClient, company_id: str, channel: str,
                         delivery: Delivery) -> Target:
    """Where a company's replies on `channel` go and the secret that signs them: its active
    integration (its own URL, else N8N_OUTBOUND_URL); without one, the legacy single-secret
    setup when it is configured for this very company. Service role, scoped by company."""
    setup = delivery.setup
    rows = (await service.table("integrations")
            .select("status,public_key,outbound_url,secrets_sealed")
            .eq("company_id", company_id).eq("channel", channel).limit(1).execute()).data
    if rows and rows[0]["status"] == "active":
        row = rows[0]
        try:
            secret = vault.open_sealed(row["secrets_sealed"], delivery.keyring, company_id,
                                       channel).signing_secret
        except SealError:
            raise TargetMissing(failures.describe("secrets_sealed")) from None
        url = row["outbound_url"] or setup.fallback_url
        if not url or not secret:
            raise TargetMissing(failures.describe(
                "no_outbound_url" if not url else "no_signing_secret", channel=channel))
        return Target(url, secret, vault.status_url(setup.public_url, row["public_key"]))
    if setup.legacy_secret and setup.legacy_company_id == company_id and setup.fallback_url:
        return Target(setup.fallback_url, setup.legacy_secret,
                      f"{setup.public_url}/webhooks/status")
    raise TargetMissing(failures.describe("no_integration", channel=channel))


async def _body(service: AsyncClient, message: dict, target: Target) -> bytes:
    channel = registry.CHANNELS[message["channel"]]
    client = (await service.table("clients").select(f"full_name,{channel.identity}")
              .eq("company_id", message["company_id"]).eq("id", message["client_id"])
              .limit(1).execute()).data[0]
    to = channel.recipient(client)
    payload = {"interaction_id": message["id"], "company_id": message["company_id"],
               "channel": message["channel"], "to": to, "text": message["content"],
               "callback_url": target.callback_url}
    quoted = await _provider_id(service, message["company_id"], message.get("reply_to_id"))
    if quoted:
        payload["context"] = {"message_id": quoted}   # the provider's id of the quoted message
    template = (message.get("metadata") or {}).get("template")
    if template:   # a WhatsApp template (queue_template_message); `text` is it rendered
        payload["template"] = {"name": template["name"], "language": template["language"],
                               "variables": list(template["variables"])}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


async def _provider_id(service: AsyncClient, company_id: str,
                       interaction_id: str | None) -> str | None:
    if not interaction_id:
        return None
    rows = (await service.table("interactions").select("external_message_id")
            .eq("company_id", company_id).eq("id", interaction_id).limit(1).execute()).data
    return rows[0]["external_message_id"] if rows else None


async def _post(target: Target, destination: Destination, body: bytes, interaction_id: str,
                rules: Policy) -> httpx.Response:
    """POSTs to the checked address until an answer that is not worth retrying; RetryError
    when attempts run out."""
    retrying = AsyncRetrying(
        stop=stop_after_attempt(rules.attempts),
        wait=wait_exponential(multiplier=rules.first_wait, min=rules.first_wait,
                              max=rules.max_wait),
        retry=retry_if_exception_type((_Retryable, httpx.TransportError)),
        reraise=False)
    extensions = {"sni_hostname": destination.host} if destination.scheme == "https" else {}
    async with httpx.AsyncClient(timeout=rules.timeout, follow_redirects=False,
                                 trust_env=False) as http:
        async for attempt in retrying:
            with attempt:
                headers = {"Host": destination.host_header, "Content-Type": "application/json",
                           "Idempotency-Key": interaction_id,
                           **sign_headers(target.secret, body)}  # fresh timestamp each time
                response = await http.post(destination.request_url, content=body,
                                           headers=headers, extensions=extensions)
                if response.status_code >= 500 or response.status_code in RETRYABLE_STATUSES:
                    raise _Retryable(response.status_code)
                return response
    raise AssertionError("unreachable: tenacity either returns or raises")


async def _finish(service: AsyncClient, company_id: str, interaction_id: str, status: str, *,
                  error: str | None = None, external_id: str | None = None) -> str:
    if status == "failed":
        log.info("delivery failed interaction=%s: %s", interaction_id, error)
    try:
        result = await inbound.record_status(service, company_id, status=status,
                                             interaction_id=interaction_id,
                                             external_message_id=external_id, error=error)
    except (APIError, inbound.MessageNotFound):
        log.exception("could not record status %s interaction=%s", status, interaction_id)
        return "unknown"
    return result["status"]


def _external_id(response: httpx.Response) -> str | None:
    """n8n's id for the sent message, when it gives a plausible one; nothing else of the
    answer is kept."""
    try:
        value = response.json().get("external_message_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and EXTERNAL_ID.match(value) else None


def _exhausted(error: BaseException | None, attempts: int) -> str:
    if isinstance(error, _Retryable):
        return failures.describe("n8n_status_retried", status=error.status, attempts=attempts)
    if isinstance(error, httpx.TimeoutException):
        return failures.describe("n8n_timeout_retried", attempts=attempts)
    return failures.describe("n8n_unreachable_retried", kind=type(error).__name__,
                             attempts=attempts)

