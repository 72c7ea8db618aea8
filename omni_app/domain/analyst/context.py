"""What an analyzer reads about one client: who they are to the clinic (no CPF, no contact
data, no secrets), their last messages across channels (or one conversation's), their
appointment history, a payments summary, their stage and the previous snapshot. `assemble`
keeps only rows of the one client and clinic asked for, whatever the loader handed it; `render`
writes it as prompt text within a token budget, dropping the oldest messages first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from omni_app.domain.analyst import tokens

MAX_MESSAGES = 50
DEFAULT_BUDGET = 3000   # tokens of context; the instructions and the schema come on top
MESSAGE_CHARS = 600     # one very long message must not crowd out the others


@dataclass(frozen=True)
class Message:
    at: dt.datetime
    inbound: bool
    channel: str
    text: str
    is_template: bool = False


@dataclass(frozen=True)
class Visit:
    starts_at: dt.datetime
    booked_at: dt.datetime
    status: str            # scheduled | confirmed | completed | cancelled | no_show
    service: str | None = None
    professional: str | None = None
    cancelled_at: dt.datetime | None = None

    @property
    def lead_days(self) -> float:
        return (self.starts_at - self.booked_at).total_seconds() / 86400

    @property
    def late_cancellation(self) -> bool:
        """Cancelled less than a day before it was to start."""
        return (self.status == "cancelled" and self.cancelled_at is not None
                and (self.starts_at - self.cancelled_at) < dt.timedelta(days=1))


@dataclass(frozen=True)
class Payments:
    paid: float = 0.0
    pending: float = 0.0
    count: int = 0


@dataclass(frozen=True)
class ClientContext:
    company_id: str
    client_id: str
    first_name: str
    stage: str
    is_lead: bool
    clinic_name: str
    clinic_language: str    # pt-BR | en | es: the summary is written in it
    timezone: str
    now: dt.datetime
    tags: tuple[str, ...] = ()
    source_channel: str | None = None
    currency: str = "BRL"
    instructions: str | None = None
    messages: tuple[Message, ...] = ()    # oldest first
    visits: tuple[Visit, ...] = ()        # oldest first
    payments: Payments = field(default_factory=Payments)
    previous_summary: str | None = None
    previous_flags: dict | None = None

    @property
    def upcoming(self) -> tuple[Visit, ...]:
        return tuple(v for v in self.visits
                     if v.starts_at >= self.now and v.status in ("scheduled", "confirmed"))


def _when(value: str | None, zone: ZoneInfo) -> dt.datetime | None:
    """In the clinic's time zone: weekdays and hours are the clinic's."""
    return dt.datetime.fromisoformat(value).astimezone(zone) if value else None


def _ours(row: dict, company_id: str, client_id: str) -> bool:
    return row.get("company_id") == company_id and row.get("client_id") == client_id


def assemble(raw: dict, company_id: str, client_id: str, now: dt.datetime) -> ClientContext:
    """From `analyst_context`'s JSON. Raises LookupError when the client is not there (another
    clinic's, or gone) or was erased."""
    client = raw.get("client") or {}
    if client.get("id") != client_id or client.get("company_id") != company_id:
        raise LookupError("client not found")
    if client.get("erased_at"):
        raise LookupError("client erased")
    clinic = raw.get("clinic") or {}
    timezone = clinic.get("timezone") or "America/Sao_Paulo"
    zone = ZoneInfo(timezone)
    messages = [Message(_when(m["occurred_at"], zone), m["direction"] == "inbound", m["channel"],
                        m["content"], bool(m.get("is_template")))
                for m in raw.get("messages") or []
                if _ours(m, company_id, client_id) and m.get("content")]
    visits = [Visit(_when(a["starts_at"], zone), _when(a["created_at"], zone), a["status"],
                    a.get("service"), a.get("professional"), _when(a.get("cancelled_at"), zone))
              for a in raw.get("appointments") or [] if _ours(a, company_id, client_id)]
    money = raw.get("payments") or {}
    previous = raw.get("previous") or {}
    return ClientContext(
        company_id=company_id, client_id=client_id,
        first_name=(client.get("full_name") or "").split(" ")[0],
        stage=client.get("stage_name") or client.get("stage") or "new",
        is_lead=bool(client.get("is_lead")), tags=tuple(client.get("tags") or ()),
        source_channel=client.get("source_channel"),
        clinic_name=clinic.get("name") or "", clinic_language=clinic.get("locale") or "pt-BR",
        timezone=timezone,
        currency=clinic.get("currency") or "BRL", instructions=clinic.get("instructions"),
        now=now.astimezone(zone),
        messages=tuple(sorted(messages, key=lambda m: m.at)[-MAX_MESSAGES:]),
        visits=tuple(sorted(visits, key=lambda v: v.starts_at)),
        payments=Payments(float(money.get("paid") or 0), float(money.get("pending") or 0),
                          int(money.get("count") or 0)),
        previous_summary=previous.get("summary"), previous_flags=previous.get("flags"))


@dataclass(frozen=True)
class Inputs:
    """What an analyzer read (recorded with its snapshot)."""
    messages: int = 0
    chars: int = 0
    appointments: int = 0


def whole(ctx: ClientContext) -> Inputs:
    """All of the context (the rules read it as it is, no budget)."""
    return Inputs(len(ctx.messages), sum(len(m.text) for m in ctx.messages), len(ctx.visits))


@dataclass(frozen=True)
class Rendered:
    text: str
    tokens: int
    messages: int        # how many of the context's messages fit
    appointments: int

    @property
    def inputs(self) -> Inputs:
        return Inputs(self.messages, len(self.text), self.appointments)


def _day(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %a %H:%M")


def _header(ctx: ClientContext) -> list[str]:
    lines = [f"Clinic: {ctx.clinic_name} (language {ctx.clinic_language}, time zone "
             f"{ctx.timezone}). Today: {_day(ctx.now)}.",
             f"Client: {ctx.first_name}; {'lead' if ctx.is_lead else 'patient'}; stage "
             f"{ctx.stage}; came through {ctx.source_channel or 'unknown'}"
             + (f"; tags {', '.join(ctx.tags)}" if ctx.tags else "") + ".",
             f"Payments: {ctx.payments.count} ({ctx.currency} {ctx.payments.paid:.2f} paid, "
             f"{ctx.payments.pending:.2f} pending)."]
    if ctx.previous_summary:
        lines.append(f"Previous summary: {ctx.previous_summary}")
    return lines


def _visit_lines(ctx: ClientContext) -> list[str]:
    lines = ["Appointments (oldest first):" if ctx.visits else "Appointments: none."]
    for v in ctx.visits[-20:]:
        extra = " (cancelled less than a day before)" if v.late_cancellation else ""
        lines.append(f"- {_day(v.starts_at)} {v.status}{extra}; booked {v.lead_days:.0f} days "
                     f"ahead; {v.service or 'no service'}; {v.professional or 'any professional'}")
    return lines


def _message_line(m: Message) -> str:
    who = "client" if m.inbound else ("clinic (template)" if m.is_template else "clinic")
    return f"[{_day(m.at)} {m.channel}] {who}: {m.text[:MESSAGE_CHARS]}"


def render(ctx: ClientContext, budget: int = DEFAULT_BUDGET) -> Rendered:
    """The context as text of at most `budget` tokens (as counted by `tokens.count`): the
    header and appointments always, then as many of the newest messages as fit."""
    fixed = "\n".join(_header(ctx) + _visit_lines(ctx) + ["Messages (oldest first):"])
    used = tokens.count(fixed) + 1
    kept: list[str] = []
    for message in reversed(ctx.messages):
        line = _message_line(message)
        cost = tokens.count(line) + 1
        if used + cost > budget:
            break
        kept.append(line)
        used += cost
    text = fixed + "\n" + ("\n".join(reversed(kept)) if kept else "(none)")
    return Rendered(text, used, len(kept), min(len(ctx.visits), 20))


async def fetch(db, company_id: str, client_id: str,
                conversation_id: str | None = None) -> dict:
    """`analyst_context`'s JSON (the client's data and the clinic's analyst settings), as
    whoever `db` is: a member (RLS), or the service role (the function's own scoping by clinic
    and client)."""
    return (await db.rpc("analyst_context", {
        "p_company_id": company_id, "p_client_id": client_id,
        "p_conversation_id": conversation_id, "p_messages": MAX_MESSAGES}).execute()).data or {}


async def load(db, company_id: str, client_id: str, now: dt.datetime,
               conversation_id: str | None = None) -> ClientContext:
    return assemble(await fetch(db, company_id, client_id, conversation_id), company_id,
                    client_id, now)
