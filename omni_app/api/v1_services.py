"""GET /api/v1/services: the clinic's services (for n8n booking flows: which service, how long,
what it costs). Read through domain/services_catalog.py as /settings/services does."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from omni_app.api import v1_models as m
from omni_app.api.v1 import Caller, _errors
from omni_app.domain import services_catalog as catalog


class Service(m._Model):
    id: str
    name: str
    duration_minutes: int = Field(description="the default length of an appointment")
    price: Decimal = Field(description="in currency units, 2 decimals, as a string "
                           "(`\"250.00\"`)")
    currency: str = Field(description="the clinic's currency (ISO 4217)")
    color: str = Field(description="the service's color on the agenda (a Radix color name)")
    active: bool = Field(description="offered for new appointments")
    archived: bool = Field(description="removed after it was booked; kept for its "
                                       "appointments")


class ServiceList(m._Model):
    services: list[Service] = Field(description="by name")


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


def cents(amount) -> Decimal:
    """A numeric(12, 2) as PostgREST answers it (250.0) with its 2 decimals: 250.00."""
    return Decimal(str(amount)).quantize(Decimal("0.01"))


async def clinic_currency(caller) -> str:
    rows = (await caller.user.table("companies").select("currency").eq("id", caller.company_id)
            .limit(1).execute()).data
    return rows[0]["currency"] if rows else "BRL"


@router.get("/services", response_model=ServiceList,
            summary="The clinic's services, by name",
            description="Active and inactive services; archived ones only with "
                        "`include_archived=true`. Prices are in the clinic's currency.")
async def list_services(caller: Caller, include_archived: Annotated[bool, Query(
        description="also list archived services")] = False):
    currency = await clinic_currency(caller)
    return {"services": [{**row, "price": cents(row["price"]), "currency": currency,
                          "archived": row["archived_at"] is not None}
                         for row in await catalog.listed(caller.user, include_archived)]}
