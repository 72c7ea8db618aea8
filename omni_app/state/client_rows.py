"""Database rows -> what the clients page renders: phones in national form, stage and kind in
the reader's language, last activity as a short age. Pure functions (tested without a browser);
the CPF is never part of a list row."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from omni_app.channels import phones
from omni_app.domain import cpf
from omni_app.domain.clock import parse_time
from omni_app.state.inbox_rows import Reader
from omni_app.state.stage_options import StageOption, shown

NO_SOURCE = "none"    # the source select's value for "not given" (Radix has no empty value)
NOBODY = "none"       # the owner select's value for "nobody"


@dataclass
class ClientRow:
    id: str = ""
    name: str = ""
    phone: str = ""         # national form for the clinic's country
    email: str = ""
    instagram: str = ""
    stage: str = ""
    stage_label: str = ""
    stage_color: str = "gray"
    lead: bool = True
    kind_label: str = ""
    tags: list[str] = field(default_factory=list)
    source_label: str = ""
    age: str = ""           # last activity, short
    when: str = ""          # last activity, full (tooltip)
    owner: str = ""         # the owner's name, short ("Ana L."); "" : nobody
    owner_name: str = ""    # in full (tooltip)


@dataclass
class OwnerOption:
    """A member who can own clients."""
    id: str = ""
    name: str = ""


@dataclass
class ClientForm:
    """The create/edit dialog's starting values (the inputs are uncontrolled)."""
    id: str = ""            # "" : a new client
    name: str = ""
    phone: str = ""
    email: str = ""
    birth_date: str = ""
    cpf_masked: str = ""    # the stored CPF, masked; the input itself starts blank
    tags: str = ""
    source: str = "manual"
    instagram: str = ""     # without "@"
    owner_id: str = NOBODY


def short_name(name: str) -> str:
    """A member's name as a list row shows it: the first name and the last one's initial."""
    parts = name.split()
    if len(parts) < 2 or "@" in name:
        return name
    return f"{parts[0]} {parts[-1][0]}."


def owner_options(members: list[dict], keep: str = "") -> list[OwnerOption]:
    """The clinic's active members, by name; plus member `keep` (a client's current owner)
    even when no longer active, so their select still shows them."""
    return [OwnerOption(row["id"], (row.get("full_name") or "").strip() or row.get("email") or "")
            for row in members if row.get("status") == "active" or row["id"] == keep]


def owner_names(members: list[dict]) -> dict[str, str]:
    """id -> name of every member (active or not: a client keeps an owner who left)."""
    return {row["id"]: (row.get("full_name") or "").strip() or row.get("email") or ""
            for row in members}


def client_row(row: dict, now: datetime, reader: Reader, stages: list[StageOption],
               owners: dict[str, str] | None = None) -> ClientRow:
    tr, last = reader.tr, row.get("last_interaction_at")
    owner = (owners or {}).get(row.get("owner_id") or "", "")
    stage = shown(stages, row["pipeline_stage"])
    moment = parse_time(last) if last else None
    source = row.get("source_channel")
    return ClientRow(
        id=row["id"], name=row.get("full_name") or "", phone=phones.display(row.get("phone")),
        email=row.get("email") or "",
        instagram=f"@{row['instagram_id']}" if row.get("instagram_id") else "",
        stage=stage.key, stage_label=stage.name, stage_color=stage.color,
        lead=bool(row.get("is_lead")),
        kind_label=tr["clients.kind.lead" if row.get("is_lead") else "clients.kind.patient"],
        tags=list(row.get("tags") or []),
        source_label=tr.get(f"clients.source.{source}", "") if source else "",
        age=reader.age(moment, now) if moment else tr["clients.no_activity"],
        when=reader.when(moment) if moment else "",
        owner=short_name(owner), owner_name=owner)


def client_form(row: dict | None) -> ClientForm:
    if not row:
        return ClientForm()
    return ClientForm(
        id=row["id"], name=row.get("full_name") or "",
        phone=phones.display(row.get("phone")), email=row.get("email") or "",
        birth_date=row.get("birth_date") or "", cpf_masked=cpf.masked(row.get("cpf")),
        tags=", ".join(row.get("tags") or []), source=row.get("source_channel") or NO_SOURCE,
        instagram=row.get("instagram_id") or "", owner_id=row.get("owner_id") or NOBODY)
