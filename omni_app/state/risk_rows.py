"""A client's no-show risk in words: the badge (only medium and high get one, so calm cards stay
calm), its accessible label with the reasons, and home's list of high-risk appointments. Reason
codes (`prior_no_shows:2`) are translated with their number; anything else (an LLM's sentence)
is shown as it is. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_skeleton

from omni_app import paths
from omni_app.domain.no_show_watch import RiskyAppointment
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_rows import Reader
from omni_app.state.snapshot_rows import RISK_COLORS, reason_text

BADGED = ("medium", "high")


@dataclass
class RiskRow:
    id: str = ""
    day: str = ""               # "ter., 15 de dez." on the clinic's clock
    time: str = ""              # "09:30"
    client_name: str = ""
    client_href: str = ""
    professional: str = ""
    service: str = ""
    reasons: str = ""           # "2 faltas anteriores · Não respondeu à confirmação"
    status: str = ""            # scheduled | confirmed
    status_label: str = ""
    sent: str = ""              # "Confirmação na fila · 10:32" (a date when not today; "": none)
    sent_failed: bool = False
    send_label: str = ""        # "Enviar confirmação para Joana Prado"


def level(value: str | None) -> str:
    """The level a badge shows: "medium", "high" or "" (low, none, unknown)."""
    return value if value in BADGED else ""


def color(value: str | None) -> str:
    return RISK_COLORS[level(value)] if level(value) else "gray"


def badge(value: str | None, tr: dict) -> str:
    """The badge's own text ("Risco alto"); "" when there is no badge."""
    return tr[f"risk.badge.{level(value)}"] if level(value) else ""


def reasons(codes: list[str] | None, tr: dict, locale: str) -> str:
    return " · ".join(reason_text(str(code), tr, locale) for code in codes or []
                      if str(code).strip())


def label(value: str | None, codes: list[str] | None, tr: dict, locale: str) -> str:
    """"Risco de falta: alto — 2 faltas anteriores" (tooltip and screen readers); ""
    without a badge."""
    if not level(value):
        return ""
    said = tr[f"risk.label.{level(value)}"]
    why = reasons(codes, tr, locale)
    return f"{said} — {why}" if why else said


def risk_row(item: RiskyAppointment, reader: Reader, now: datetime) -> RiskRow:
    tr, locale = reader.tr, reader.locale
    sent = ""
    if item.confirmation_status:
        sent = tr.get(f"risk.sent.{item.confirmation_status}", tr["risk.sent.queued"])
        if item.confirmation_at is not None:
            sent += " · " + reader.clock_time(item.confirmation_at, now)
    return RiskRow(
        id=item.id,
        day=format_skeleton("MMMEd", item.starts_at.astimezone(fmt.zone(reader.tz)).date(),
                            locale=fmt.babel_locale(locale)),
        time=fmt.time_of_day(item.starts_at, locale, reader.tz),
        client_name=item.client_name, client_href=f"{paths.CLIENTS}/{item.client_id}",
        professional=item.professional_name or "", service=item.service_name or "",
        reasons=reasons(item.reasons, tr, locale) or tr["risk.reasons.none"],
        status=item.status, status_label=tr.get(f"agenda.status.{item.status}", item.status),
        sent=sent, sent_failed=item.confirmation_status == "failed",
        send_label=tr["risk.home.send_label"].format(name=item.client_name))
