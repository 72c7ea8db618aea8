"""A client's payments: recorded by any member (the profile's payments card, the API) through
`record_payment`, which checks the client, the appointment (one of that client's) and the
values in one transaction as the caller (RLS: another clinic's client or appointment is not
found). Recording a payment changes nothing else. A payment's status moves with
`set_payment_status`; refunded payments count in no total."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain.amounts import MAX_AMOUNT
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

METHODS = ("pix", "credit_card", "debit_card", "cash", "bank_transfer", "other")
STATUSES = ("paid", "pending", "refunded")
COLUMNS = "id,client_id,appointment_id,amount,method,status,paid_at,created_at"
MAX_LISTED = 500


@dataclass(frozen=True)
class Payment:
    """A payment to record."""
    client_id: str
    amount: Decimal
    method: str
    status: str = "paid"
    appointment_id: str | None = None
    paid_at: datetime | None = None     # paid or refunded without one: now


def checked(payment: Payment) -> Payment:
    """Refused: client_not_found, appointment_not_found, amount (not above 0, or more than 2
    decimals), amount_too_high, method, status."""
    if not is_uuid(payment.client_id):
        raise Refused("client_not_found")
    if payment.appointment_id is not None and not is_uuid(payment.appointment_id):
        raise Refused("appointment_not_found")
    if payment.amount <= 0 or payment.amount != payment.amount.quantize(Decimal("0.01")):
        raise Refused("amount")
    if payment.amount > MAX_AMOUNT:
        raise Refused("amount_too_high")
    if payment.method not in METHODS:
        raise Refused("method")
    if payment.status not in STATUSES:
        raise Refused("status")
    return payment


def local_moment(text: str, zone_name: str) -> datetime | None:
    """A date and time typed in a `datetime-local` input ("2026-12-02T14:30"), read in the
    clinic's time zone; None for nothing typed. Refused: paid_at."""
    if not (text or "").strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
        zone = ZoneInfo(zone_name)
    except (ValueError, ZoneInfoNotFoundError):
        raise Refused("paid_at") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


async def record(user: AsyncClient, payment: Payment) -> dict:
    """The payment recorded; Refused: those of `checked`, appointment_of_another_client."""
    payment = checked(payment)
    try:
        return (await user.rpc("record_payment", {
            "p_client_id": payment.client_id, "p_amount": str(payment.amount),
            "p_method": payment.method, "p_status": payment.status,
            "p_appointment_id": payment.appointment_id,
            "p_paid_at": payment.paid_at.isoformat() if payment.paid_at else None,
        }).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def set_status(user: AsyncClient, payment_id: str, status: str) -> dict:
    """Refused: not_found, status."""
    if status not in STATUSES:
        raise Refused("status")
    if not is_uuid(payment_id):
        raise Refused("not_found")
    try:
        return (await user.rpc("set_payment_status", {"p_payment_id": payment_id,
                                                      "p_status": status}).execute()).data
    except APIError as refused:
        raise from_database(refused) from None


async def listed(user: AsyncClient, client_id: str | None = None,
                 appointment_id: str | None = None, limit: int = 100) -> list[dict]:
    """The clinic's payments, newest first, of one client and/or one appointment."""
    query = user.table("payments").select(COLUMNS)
    if client_id is not None:
        query = query.eq("client_id", client_id)
    if appointment_id is not None:
        query = query.eq("appointment_id", appointment_id)
    return (await query.order("created_at", desc=True).order("id")
            .limit(min(max(limit, 1), MAX_LISTED)).execute()).data


async def exists(user: AsyncClient, table: str, row_id: str) -> bool:
    """Whether the clinic has this client or appointment (RLS hides another clinic's)."""
    if not is_uuid(row_id):
        return False
    return bool((await user.table(table).select("id").eq("id", row_id).limit(1)
                 .execute()).data)
