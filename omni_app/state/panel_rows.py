"""The client panel's reads (domain/client_panel.py) -> what the panel renders: the phone in
national form, times in the clinic's time zone, labels in the reader's language (the
analyst's snapshot: state/snapshot_rows.py). Pure functions, tested without a browser."""
from __future__ import annotations

from dataclasses import dataclass, field

from omni_app.channels import phones
from omni_app.domain.clock import parse_time
from omni_app.state.inbox_rows import MemberOption, Reader


@dataclass
class ClientCard:
    id: str = ""
    name: str = ""
    phone: str = ""          # national form
    whatsapp: str = ""       # only when it is another number than the phone
    instagram: str = ""      # @handle
    lead: bool = True
    stage: str = ""
    owner_id: str = ""       # "" when nobody
    tags: list[str] = field(default_factory=list)


@dataclass
class NextAppointment:
    when: str = ""           # "" when there is none
    service: str = ""
    professional: str = ""   # "with <name>", "" when nobody is set
    status_label: str = ""


@dataclass
class PinnedNote:
    id: str = ""
    body: str = ""
    author: str = ""
    when: str = ""


def member_name(row: dict) -> str:
    return (row.get("full_name") or "").strip() or row.get("email") or ""


def client_card(row: dict) -> ClientCard:
    phone = phones.display(row.get("phone"))
    whatsapp = phones.display("+" + row["whatsapp_id"]) if row.get("whatsapp_id") else ""
    return ClientCard(
        id=row["id"], name=row.get("full_name") or "", phone=phone,
        whatsapp="" if whatsapp == phone else whatsapp,
        instagram=f"@{row['instagram_id']}" if row.get("instagram_id") else "",
        lead=bool(row.get("is_lead")), stage=row.get("pipeline_stage") or "",
        owner_id=row.get("owner_id") or "", tags=list(row.get("tags") or []))


def owner_options(members: list[dict], owner_id: str) -> list[MemberOption]:
    """The clinic's active members, and the owner even when no longer active (the select
    shows who it is rather than nothing)."""
    return [MemberOption(row["id"], member_name(row)) for row in members
            if row.get("status") == "active" or row["id"] == owner_id]


def next_appointment(row: dict | None, members: list[dict], reader: Reader) -> NextAppointment:
    if row is None:
        return NextAppointment()
    tr = reader.tr
    names = {member["id"]: member_name(member) for member in members}
    professional = row.get("professional_id") or ""
    return NextAppointment(
        when=reader.when(parse_time(row["starts_at"])),
        service=row.get("service_name") or tr["client_panel.appointment.no_service"],
        professional=tr["client_panel.appointment.with"].format(name=names[professional])
        if professional in names else "",
        status_label=tr[f"client_profile.appointment.{row['status']}"])


def pinned_note(row: dict, reader: Reader) -> PinnedNote:
    return PinnedNote(id=row["id"], body=row["body"],
                      author=row.get("author_name") or reader.tr["client_panel.notes.no_author"],
                      when=reader.when(parse_time(row["created_at"])))
