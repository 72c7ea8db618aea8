"""/api/v1/payments: record a client's payment (optionally for one of their appointments) and
list payments, through domain/payments.py as the profile's payments card does
(`record_payment`: one transaction, as the caller; another clinic's client or appointment is
not found)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from omni_app.api.errors import HttpError, refusal
from omni_app.api.v1 import Caller, _body, _errors, _uuid
from omni_app.api.v1_services import cents, clinic_currency
from omni_app.domain import payments
from omni_app.domain.refusals import Refused

Method = Literal[payments.METHODS]  # type: ignore[valid-type]
Status = Literal[payments.STATUSES]  # type: ignore[valid-type]
_REFUSALS = {
    "client_not_found": (404, "client not found", "client_id"),
    "appointment_not_found": (404, "appointment not found", "appointment_id"),
    "appointment_of_another_client": (422, "the appointment is another client's",
                                      "appointment_id"),
    "amount": (422, "amount must be above 0 with at most 2 decimals", "amount"),
    "amount_too_high": (422, "amount is too high", "amount"),
    "method": (422, "unknown method", "method"),
    "status": (422, "unknown status", "status"),
    "not_found": (404, "payment not found", None),
}


class PaymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    appointment_id: UUID | None = Field(default=None, description="one of the client's "
                                        "appointments; 422 when it is another client's")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2,
                            description="in currency units (the clinic's currency), e.g. "
                            "`250.00`; a number or a string")
    method: Method
    status: Status
    paid_at: AwareDatetime | None = Field(default=None, description="ISO 8601 with an offset; "
                                          "paid or refunded without one: now")


class Payment(BaseModel):
    id: str
    client_id: str
    appointment_id: str | None
    amount: Decimal = Field(description="in currency units, as a string (`\"250.00\"`)")
    currency: str = Field(description="the clinic's currency (ISO 4217)")
    method: Method
    status: Status
    paid_at: datetime | None
    created_at: datetime


class PaymentList(BaseModel):
    payments: list[Payment] = Field(description="newest first")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


def _refused(refused: Refused) -> HttpError:
    return refusal(refused.reason, *_REFUSALS.get(refused.reason,
                                                  (422, f"refused: {refused.reason}", None)))


def _shown(row: dict, currency: str) -> dict:
    return {**row, "amount": cents(row["amount"]), "currency": currency}


@router.post("/payments", status_code=201, response_model=Payment,
             summary="Record a client's payment",
             description="For a client of the caller's clinic, optionally for one of that "
                         "client's appointments. Recording a payment changes nothing else (the "
                         "appointment keeps its status). It shows on the client's profile, in "
                         "the paid or pending total.",
             responses=_errors(400, 404, 413, 422),
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": PaymentCreate.model_json_schema()}}}})
async def record_payment(caller: Caller,
                         body: Annotated[PaymentCreate, Depends(_body(PaymentCreate))]):
    try:
        row = await payments.record(caller.user, payments.Payment(
            str(body.client_id), body.amount, body.method, body.status,
            str(body.appointment_id) if body.appointment_id else None, body.paid_at))
    except Refused as refused:
        raise _refused(refused) from None
    return _shown(row, await clinic_currency(caller))


@router.get("/payments", response_model=PaymentList,
            summary="A clinic's payments, newest first",
            description="Filtered by client and/or appointment; another clinic's client or "
                        "appointment answers 404.",
            responses=_errors(404, 422))
async def list_payments(
        caller: Caller,
        client_id: Annotated[str | None, Query(json_schema_extra={"format": "uuid"})] = None,
        appointment_id: Annotated[str | None, Query(json_schema_extra={"format": "uuid"})] = None,
        limit: Annotated[int, Query(ge=1, le=payments.MAX_LISTED)] = 100):
    for table, value, what in (("clients", client_id, "client"),
                               ("appointments", appointment_id, "appointment")):
        if value is not None and not await payments.exists(caller.user, table,
                                                           _uuid(value, what)):
            raise HttpError(404, f"{what} not found")
    rows = await payments.listed(caller.user, client_id and _uuid(client_id, "client"),
                                 appointment_id and _uuid(appointment_id, "appointment"), limit)
    currency = await clinic_currency(caller)
    return {"payments": [_shown(row, currency) for row in rows]}
