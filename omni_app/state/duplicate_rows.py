"""Suggested duplicates -> what /clients/duplicates renders: both clients as the clients list
shows them (national phone, stage name and color, last activity), the reason in the reader's
language, and which of the two is kept (the suggestion until the member chooses). Pure."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from omni_app.domain.merge import Pair
from omni_app.state.client_rows import ClientRow, client_row
from omni_app.state.inbox_rows import Reader
from omni_app.state.stage_options import StageOption


@dataclass
class DuplicatePair:
    key: str = ""                 # "<first id>:<second id>", stable while the pair is listed
    reason: str = ""
    reason_label: str = ""
    first: ClientRow = field(default_factory=ClientRow)
    second: ClientRow = field(default_factory=ClientRow)
    keep_id: str = ""             # first.id or second.id
    keep_name: str = ""
    merge_name: str = ""


def duplicate_pair(pair: Pair, now: datetime, reader: Reader,
                   stages: list[StageOption]) -> DuplicatePair:
    first = client_row(pair.keep, now, reader, stages)
    second = client_row(pair.merge, now, reader, stages)
    return kept(DuplicatePair(key=f"{first.id}:{second.id}", reason=pair.reason,
                              reason_label=reader.tr[f"merge.reason.{pair.reason}"],
                              first=first, second=second), first.id)


def kept(row: DuplicatePair, client_id: str) -> DuplicatePair:
    """The pair with `client_id` (one of its two) as the one who stays."""
    if client_id not in (row.first.id, row.second.id):
        return row
    stays, goes = ((row.first, row.second) if client_id == row.first.id
                   else (row.second, row.first))
    return replace(row, keep_id=stays.id, keep_name=stays.name, merge_name=goes.name)


def merged_away(row: DuplicatePair) -> str:
    return row.second.id if row.keep_id == row.first.id else row.first.id
