"""The client panel's reads (domain/client_panel.py) -> what the panel renders: the phone in
national form, times in the clinic's time zone, labels in the reader's language. Pure functions,
tested without a browser."""
from __future__ import annotations

from dataclasses import dataclass, field

from omni_app.channels import phones
from omni_app.domain.clock import parse_time
from omni_app.state.inbox_rows import MemberOption, Reader

RISK_LEVELS = ("low", "medium", "high")
RISK_COLORS = {"low": "green", "medium": "amber", "high": "red"}


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


@dataclass
class SnapshotCard:
    summary: str = ""        # "" when the analyst has not written one yet
    risk: str = ""           # low, medium, high; "" when the snapshot does not say
    risk_label: str = ""
    risk_color: str = "gray"
    when: str = ""           # "Updated <date and time>"


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


def risk_level(value) -> str:
    """The analyst's no-show risk as a level: a word (low, medium, high) or a probability
    from 0 to 1; "" for anything else."""
    if isinstance(value, str):
        return value.strip().lower() if value.strip().lower() in RISK_LEVELS else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return "high" if value >= 0.5 else "medium" if value >= 0.2 else "low"
    return ""


def snapshot_card(row: dict | None, reader: Reader) -> SnapshotCard:
    if row is None:
        return SnapshotCard()
    flags = row.get("important_flags") or {}
    risk = risk_level(flags.get("no_show_risk") if isinstance(flags, dict) else None)
    return SnapshotCard(
        summary=row.get("summary") or "", risk=risk,
        risk_label=reader.tr[f"client_panel.risk.{risk}"] if risk else "",
        risk_color=RISK_COLORS.get(risk, "gray"),
        when=reader.tr["client_panel.snapshot.when"].format(
            when=reader.when(parse_time(row["generated_at"]))))
