"""Board data -> what the pipeline page renders: columns in the stage's name and color, cards
with the channel's icon, the last message's age, the next appointment and the days in the
stage in the reader's language. Pure functions (tested without a browser)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from omni_app.channels import registry
from omni_app.domain import board as board_data
from omni_app.domain.clock import parse_time
from omni_app.i18n import formatting as fmt
from omni_app.state import risk_rows
from omni_app.state.inbox_rows import Reader
from omni_app.state.stage_options import StageOption


@dataclass
class CardRow:
    id: str = ""
    name: str = ""
    stage: str = ""
    rank: str = ""              # board_rank, for the column's cursor
    icon: str = "user"          # the latest conversation's channel (lucide icon)
    icon_color: str = "gray"
    channel_label: str = ""
    snippet: str = ""
    age: str = ""               # the last message, short ("5 min")
    when: str = ""              # the last message, full (tooltip)
    unread: int = 0
    next_appointment: str = ""  # "" when none
    in_stage: str = ""          # "3 dias nesta etapa"
    owner: str = ""
    tags: list[str] = field(default_factory=list)
    risk: str = ""              # "medium" | "high" | "" (no badge)
    risk_badge: str = ""        # "Risco alto"
    risk_label: str = ""        # "Risco de falta: alto"
    risk_color: str = "gray"


@dataclass
class ColumnRow:
    key: str = ""
    name: str = ""
    color: str = "gray"
    total: int = 0
    total_label: str = ""
    has_more: bool = False
    cards: list[CardRow] = field(default_factory=list)


def card_row(card: dict, now: datetime, reader: Reader) -> CardRow:
    tr = reader.tr
    channel = registry.get(card.get("channel") or "")
    last = card.get("last_message_at")
    moment = parse_time(last) if last else None
    upcoming = card.get("next_appointment_at")
    since = card.get("in_stage_since") or card.get("created_at")
    days = max(0, (now - parse_time(since)).days) if since else 0
    return CardRow(
        id=card["id"], name=card.get("full_name") or "", stage=card.get("pipeline_stage") or "",
        rank=str(card.get("board_rank") or ""),
        icon=channel.icon if channel else "user", icon_color=channel.color if channel else "gray",
        channel_label=channel.label if channel else tr["pipeline.card.no_channel"],
        snippet=" ".join((card.get("snippet") or "").split()),
        age=reader.age(moment, now) if moment else "",
        when=reader.when(moment) if moment else "",
        unread=int(card.get("unread") or 0),
        next_appointment=reader.when(parse_time(upcoming)) if upcoming else "",
        in_stage=fmt.counted(tr, "pipeline.card.days_in_stage", days, reader.locale),
        owner=card.get("owner_name") or "",
        tags=list(card.get("tags") or []),
        risk=risk_rows.level(card.get("no_show_risk")),
        risk_badge=risk_rows.badge(card.get("no_show_risk"), tr),
        risk_label=risk_rows.label(card.get("no_show_risk"), [], tr, reader.locale),
        risk_color=risk_rows.color(card.get("no_show_risk")))


def column_row(column: board_data.Column, option: StageOption, now: datetime,
               reader: Reader) -> ColumnRow:
    return ColumnRow(
        key=option.key, name=option.name, color=option.color, total=column.total,
        total_label=str(column.total), has_more=column.has_more,
        cards=[card_row(card, now, reader) for card in column.cards])


def moved(columns: list[ColumnRow], card_id: str, stage: str,
          index: int) -> list[ColumnRow] | None:
    """The columns with the card taken out of its column and put at `index` of `stage`'s
    (counts adjusted): what the board shows while the move is saved. None if either is gone."""
    source = next((column for column in columns
                   if any(card.id == card_id for card in column.cards)), None)
    target = next((column for column in columns if column.key == stage), None)
    if source is None or target is None:
        return None
    card = next(card for card in source.cards if card.id == card_id)
    result = []
    for column in columns:
        cards = [other for other in column.cards if other.id != card_id]
        total = column.total
        if column.key == stage:
            position = max(0, min(index, len(cards)))
            cards.insert(position, CardRow(**{**card.__dict__, "stage": stage}))
            total += 0 if column.key == source.key else 1
        elif column.key == source.key:
            total -= 1
        result.append(ColumnRow(**{**column.__dict__, "cards": cards, "total": total,
                                   "total_label": str(total)}))
    return result


def neighbours(columns: list[ColumnRow], card_id: str) -> tuple[str | None, str | None]:
    """The cards above and below `card_id` in its column (None at an edge)."""
    for column in columns:
        ids = [card.id for card in column.cards]
        if card_id in ids:
            at = ids.index(card_id)
            return (ids[at - 1] if at > 0 else None,
                    ids[at + 1] if at + 1 < len(ids) else None)
    return None, None
