"""Profile sections (domain/client_profile.py) -> what the profile page renders: times in the
clinic's time zone, money and labels in the reader's language. Pure functions, tested without a
browser."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from omni_app import paths
from omni_app.channels import registry
from omni_app.domain.clock import parse_time
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_rows import Reader
from omni_app.state.stage_options import StageOption, shown


@dataclass
class NoteRow:
    id: str = ""
    body: str = ""
    author: str = ""
    when: str = ""
    pinned: bool = False


@dataclass
class MessageRow:
    id: str = ""
    text: str = ""
    outbound: bool = False
    direction_label: str = ""
    when: str = ""
    channel: str = ""
    href: str = ""          # the message in its inbox conversation


@dataclass
class ThreadRow:
    id: str = ""
    href: str = ""          # /inbox/<id>
    channel: str = ""
    channel_label: str = ""
    closed: bool = False
    status_label: str = ""
    when: str = ""          # last activity


@dataclass
class AppointmentRow:
    id: str = ""
    when: str = ""
    service: str = ""
    status: str = ""
    status_label: str = ""


@dataclass
class PaymentRow:
    id: str = ""
    amount: str = ""
    status: str = ""
    status_label: str = ""
    method_label: str = ""
    when: str = ""


@dataclass
class ChangeRow:
    id: str = ""
    from_label: str = ""
    to_label: str = ""
    who: str = ""
    when: str = ""


def note_row(row: dict, reader: Reader) -> NoteRow:
    return NoteRow(id=row["id"], body=row["body"], pinned=bool(row.get("pinned")),
                   author=row.get("author_name") or reader.tr["client_profile.notes.no_author"],
                   when=reader.when(parse_time(row["created_at"])))


def message_row(row: dict, reader: Reader) -> MessageRow:
    outbound = row["direction"] == "outbound"
    return MessageRow(
        id=row["id"], text=row.get("content") or reader.tr["client_profile.messages.media"],
        outbound=outbound, when=reader.when(parse_time(row["occurred_at"])),
        direction_label=reader.tr["client_profile.messages." +
                                  ("outbound" if outbound else "inbound")],
        channel=row["channel"], href=f"{paths.INBOX}/{row['conversation_id']}?m={row['id']}")


def channel_label(channel: str) -> str:
    spec = registry.get(channel)
    return spec.label if spec else channel


def thread_row(row: dict, reader: Reader) -> ThreadRow:
    last = row.get("last_message_at") or row.get("started_at")
    closed = row["status"] == "closed"
    return ThreadRow(
        id=row["id"], href=f"{paths.INBOX}/{row['id']}", channel=row["channel"],
        channel_label=channel_label(row["channel"]), closed=closed,
        status_label=reader.tr["client_profile.threads." + ("closed" if closed else "open")],
        when=reader.when(parse_time(last)) if last else "")


def appointment_row(row: dict, reader: Reader) -> AppointmentRow:
    return AppointmentRow(
        id=row["id"], when=reader.when(parse_time(row["starts_at"])),
        service=row.get("service_name") or reader.tr["client_profile.appointments.no_service"],
        status=row["status"],
        status_label=reader.tr[f"client_profile.appointment.{row['status']}"])


def split_appointments(rows: list[dict], now: datetime) -> tuple[list[dict], list[dict]]:
    """(upcoming, soonest first; past, latest first): rows come newest first."""
    upcoming = [row for row in rows if parse_time(row["starts_at"]) >= now]
    past = [row for row in rows if parse_time(row["starts_at"]) < now]
    return list(reversed(upcoming)), past


def payment_row(row: dict, reader: Reader, currency: str = fmt.DEFAULT_CURRENCY) -> PaymentRow:
    moment = row.get("paid_at") or row["created_at"]
    return PaymentRow(
        id=row["id"], amount=fmt.money(row["amount"], reader.locale, currency), status=row["status"],
        status_label=reader.tr[f"client_profile.payment.{row['status']}"],
        method_label=reader.tr[f"client_profile.method.{row['method']}"],
        when=reader.when(parse_time(moment)))


def change_row(row: dict, reader: Reader, stages: list[StageOption]) -> ChangeRow:
    tr = reader.tr
    return ChangeRow(
        id=row["id"], to_label=shown(stages, row["to_stage"]).name,
        from_label=shown(stages, row["from_stage"]).name if row.get("from_stage")
        else tr["client_profile.history.created"],
        who=row.get("changed_by_name") or tr["client_profile.history.system"],
        when=reader.when(parse_time(row["changed_at"])))
