"""Storing what a webhook delivered, for the company the webhook resolved (never one taken from
the payload): each message through `ingest_inbound_message` (one transaction each, idempotent on
company + channel + external id), each delivery status through `record_message_status`.

Errors are split in two: a message the database refuses for its content (SQLSTATE classes 22/23,
raised exceptions) is skipped with the reason and never fails the batch; anything else (the
database or the API unreachable) raises `StorageUnavailable`, so the webhook answers 503 and the
sender retries; what was already stored then comes back as a duplicate.
"""
from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

import httpx
from postgrest.exceptions import APIError

from omni_app.channels.models import InboundMessage, ParsedBody, StatusUpdate

log = logging.getLogger("omni.inbound")

RESULT_KEYS = ("interaction_id", "conversation_id", "client_id", "duplicate")
# A race the function's own locks resolve on a second attempt.
_RETRYABLE = {"23505", "40001", "40P01"}
# Calls in flight per event loop. More do not store faster on a small database; they queue in
# the HTTP client's pool, whose bookkeeping grows with every waiting request, and in row locks.
MAX_IN_FLIGHT = 4
_gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _gate() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Semaphore(MAX_IN_FLIGHT)
    return gate


class StorageUnavailable(RuntimeError):
    """The database could not be reached or failed for reasons unrelated to the payload."""


class MessageNotFound(LookupError):
    """A status for a message this company never sent."""


@dataclass
class Outcome:
    results: list[dict] = field(default_factory=list)
    statuses: int = 0                     # status updates recorded (changed or not)
    skipped: list[str] = field(default_factory=list)
    stored: bool = False                  # something new that open inboxes should show


def _is_data_error(error: APIError) -> bool:
    code = str(error.code or "")
    return (code[:2] in ("22", "23") or code == "P0001"
            or (code.startswith("PT4") and code != "PT429"))


def _utc_iso(moment) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def ingest_params(company_id: str, message: InboundMessage) -> dict[str, Any]:
    sender = message.sender
    return {
        "p_company_id": company_id,
        "p_channel": message.channel,
        "p_external_message_id": message.external_message_id,
        "p_sender": {"phone": sender.phone, "whatsapp_id": sender.whatsapp_id,
                     "instagram_id": sender.instagram_id, "name": sender.name},
        "p_content": message.text,
        "p_media": message.media_json(),
        "p_occurred_at": _utc_iso(message.occurred_at),
        "p_metadata": {**message.metadata, "kind": message.kind},
    }


async def _rpc(service, name: str, params: dict[str, Any]) -> Any:
    for attempt in (1, 2):
        try:
            async with _gate():
                return (await service.rpc(name, params).execute()).data
        except APIError as error:
            if str(error.code) in _RETRYABLE and attempt == 1:
                continue
            if _is_data_error(error):
                raise
            raise StorageUnavailable(f"{name}: {error.code}") from error
        except httpx.HTTPError as error:
            raise StorageUnavailable(f"{name}: {type(error).__name__}") from error


async def ingest_message(service, company_id: str, message: InboundMessage) -> dict:
    """One message, one transaction. Raises APIError (data) or StorageUnavailable."""
    row = await _rpc(service, "ingest_inbound_message", ingest_params(company_id, message))
    return {key: row[key] for key in RESULT_KEYS}


async def record_status(service, company_id: str, *, status: str,
                        interaction_id: str | None = None,
                        external_message_id: str | None = None,
                        error: str | None = None) -> dict:
    """Moves an outbound message's status forward (the function decides). Raises
    MessageNotFound, APIError (bad value) or StorageUnavailable."""
    params = {"p_company_id": company_id, "p_status": status,
              "p_interaction_id": interaction_id, "p_external_message_id": external_message_id,
              "p_error": error}
    try:
        return await _rpc(service, "record_message_status", params)
    except APIError as refused:
        if refused.code == "PT404":
            raise MessageNotFound(interaction_id or external_message_id) from None
        raise


async def _record_update(service, company_id: str, update: StatusUpdate, outcome: Outcome) -> None:
    try:
        result = await record_status(service, company_id, status=update.status,
                                     external_message_id=update.external_message_id,
                                     error=update.error)
    except MessageNotFound:
        # Statuses of messages sent outside Omni (the phone app, another tool) arrive too.
        outcome.skipped.append(f"status {update.status} for unknown message "
                               f"{update.external_message_id}")
        return
    except APIError as refused:
        outcome.skipped.append(f"status for {update.external_message_id}: {refused.message}")
        return
    outcome.statuses += 1
    outcome.stored = outcome.stored or bool(result and result.get("changed"))


async def ingest(service, company_id: str, parsed: ParsedBody) -> Outcome:
    """Everything in a parsed body, in order. Raises StorageUnavailable on an outage."""
    outcome = Outcome(skipped=list(parsed.skipped))
    for message in parsed.messages:
        try:
            result = await ingest_message(service, company_id, message)
        except APIError as refused:
            outcome.skipped.append(f"message {message.external_message_id}: {refused.message}")
            log.info("message refused company=%s code=%s", company_id, refused.code)
            continue
        outcome.results.append(result)
        outcome.stored = outcome.stored or not result["duplicate"]
    for update in parsed.statuses:
        await _record_update(service, company_id, update, outcome)
    return outcome

