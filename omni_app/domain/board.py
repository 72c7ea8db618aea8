"""The pipeline board: the clinic's active stages as columns of client cards, read as the
signed-in user (RLS scopes everything to their clinic).

Each column is one page of `clients.listed` in board order (the same filters and search as the
clients page), counted; the columns are read concurrently, then one `board_cards` call adds what
the shown cards need beyond the client row. A move names the card's new neighbours, so a card
dropped between two others lands between them whatever else moved meanwhile."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clients, pipeline
from omni_app.domain.clients import ClientFilter
from omni_app.domain.ids import is_uuid
from omni_app.domain.pipeline import Stage
from omni_app.domain.refusals import Refused, from_database

PER_COLUMN = 20
MAX_PER_COLUMN = 500
# board_rank is numeric: read as text, so the cursor keeps every digit.
CARD_COLUMNS = ("id,full_name,phone,instagram_id,source_channel,tags,owner_id,pipeline_stage,"
                "last_interaction_at,created_at,board_rank::text,no_show_risk")


@dataclass(frozen=True)
class Column:
    stage: Stage
    cards: list[dict]           # client rows in board order, each with its card details
    total: int
    has_more: bool


@dataclass(frozen=True)
class Board:
    stages: list[Stage]         # every stage of the clinic (archived too: names for history)
    columns: list[Column] = field(default_factory=list)


def cursor_of(card: dict) -> tuple[str, str]:
    return card["board_rank"], card["id"]


async def _column(user: AsyncClient, stage: Stage, wanted: ClientFilter, limit: int,
                  after: tuple[str, str] | None = None) -> clients.Page:
    chosen = ClientFilter(search=wanted.search, tag=wanted.tag, source=wanted.source,
                          owner=wanted.owner, stage=stage.key, sort="board")
    return await clients.listed(user, chosen, limit=limit, after=after, count=after is None,
                                columns=CARD_COLUMNS)


async def details(user: AsyncClient, rows: list[dict]) -> list[dict]:
    """`rows` with each card's details (channel, snippet, last_message_at, unread,
    next_appointment_at, owner_name, in_stage_since) merged in."""
    if not rows:
        return []
    found = (await user.rpc("board_cards", {"p_client_ids": [row["id"] for row in rows]})
             .execute()).data or []
    extra = {row["client_id"]: row for row in found}
    return [{**row, **{key: value for key, value in extra.get(row["id"], {}).items()
                       if key != "client_id"}} for row in rows]


async def board(user: AsyncClient, wanted: ClientFilter = ClientFilter(),
                shown: dict[str, int] | None = None) -> Board:
    """Every active stage's first cards (`shown[key]` of them when more were loaded, so a live
    refresh keeps what the user scrolled to) and its count."""
    stages = await pipeline.stages(user)
    columns = pipeline.active(stages)
    limits = [min(max((shown or {}).get(stage.key, 0), PER_COLUMN), MAX_PER_COLUMN)
              for stage in columns]
    pages = await asyncio.gather(*[_column(user, stage, wanted, limit)
                                   for stage, limit in zip(columns, limits)])
    cards = await details(user, [row for page in pages for row in page.rows])
    by_id = {card["id"]: card for card in cards}
    return Board(stages, [Column(stage, [by_id[row["id"]] for row in page.rows],
                                 page.total or 0, page.has_more)
                          for stage, page in zip(columns, pages)])


async def more(user: AsyncClient, stage: Stage, wanted: ClientFilter,
               after: tuple[str, str]) -> clients.Page:
    """The next cards of one column, after the last one shown."""
    page = await _column(user, stage, wanted, PER_COLUMN, after)
    return clients.Page(await details(user, page.rows), page.has_more)


async def place(user: AsyncClient, client_id: str, stage: str, above: str | None = None,
                below: str | None = None) -> dict:
    """Moves the client to `stage` between cards `above` and `below` (None: the column's edge).
    Refused: not_found, stage (not one of the clinic's), stage_archived."""
    if not is_uuid(client_id) or not clients.STAGE_KEY.match(stage or ""):
        raise Refused("not_found" if not is_uuid(client_id) else "stage")
    try:
        return (await user.rpc("place_on_board", {
            "p_client_id": client_id, "p_stage": stage,
            "p_above": above if above and is_uuid(above) else None,
            "p_below": below if below and is_uuid(below) else None}).execute()).data
    except APIError as refused:
        raise from_database(refused, {"23503": "stage"}) from None
