"""GET /api/v1/pipeline/stages: the caller's clinic's pipeline stages in board order, for n8n
flows that move leads (POST /api/v1/clients/{id}/stage takes a stage's `key`)."""
from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from omni_app.api import v1_models as m
from omni_app.api.v1 import Caller, _errors
from omni_app.domain import pipeline
from omni_app.i18n import CATALOGS, supported


class Stage(m._Model):
    key: str = Field(description="stable; what filters, moves and the stage history use")
    name: str = Field(description="the admin's label, or a default stage's name in the "
                                  "clinic's language")
    label: str | None = Field(description="the admin's label; null for a default stage "
                                          "never renamed")
    color: str
    position: int = Field(description="board order, from 0")
    archived: bool = Field(description="archived stages take no clients but stay in history")


class StageList(m._Model):
    stages: list[Stage]


router = APIRouter(prefix="/api/v1", tags=["API v1"], responses=_errors(401, 403, 429, 503))


@router.get("/pipeline/stages", response_model=StageList,
            summary="The clinic's pipeline stages, in board order (archived ones too)")
async def list_stages(caller: Caller):
    rows = (await caller.user.table("companies").select("locale").eq("id", caller.company_id)
            .limit(1).execute()).data
    tr = CATALOGS[supported(rows[0]["locale"] if rows else None)]
    return {"stages": [{"key": stage.key, "name": pipeline.name(stage, tr), "label": stage.label,
                        "color": stage.color, "position": stage.position,
                        "archived": stage.archived}
                       for stage in await pipeline.stages(caller.user)]}
