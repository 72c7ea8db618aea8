"""Database rows -> what the inbox renders: times in the clinic's time zone and the reader's
language (i18n/formatting), short relative ages, media links and placeholders. Pure functions,
so they are tested without a browser."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from omni_app import paths
from omni_app.channels import registry
from omni_app.domain import delivery_failures as failures
from omni_app.domain import search
from omni_app.domain.clock import parse_time
from omni_app.i18n import formatting as fmt

PLACEHOLDER_KINDS = ("unsupported", "unknown")


@dataclass
class ConversationRow:
    id: str = ""
    href: str = ""          # /inbox/<id>
    client_name: str = ""
    channel: str = ""
    preview: str = ""
    outbound_preview: bool = False
    age: str = ""           # "5 min", "3 h", "2 d", a date
    when: str = ""          # full local date and time, for the tooltip
    unread: int = 0
    closed: bool = False
    failed: bool = False    # a reply in it failed
    assignee: str = ""      # who looks after it (a name), "" when nobody


@dataclass
class MemberOption:
    """A member the conversation can be assigned to."""
    id: str = ""
    name: str = ""


@dataclass
class HitPart:
    text: str = ""
    match: bool = False


@dataclass
class SearchHit:
    """A message that matched a text search, linking to its place in the conversation."""
    id: str = ""
    href: str = ""          # /inbox/<conversation>?m=<message>
    client_name: str = ""
    channel: str = ""
    outbound: bool = False
    parts: list[HitPart] = field(default_factory=list)
    age: str = ""
    when: str = ""
    occurred_at: str = ""   # the keyset for the next page of hits


@dataclass
class MediaLink:
    url: str = ""
    label: str = ""


@dataclass
class MessageRow:
    id: str = ""
    outbound: bool = False
    text: str = ""
    caption: str = ""
    placeholder: str = ""   # what to say instead of content we cannot show
    links: list[MediaLink] = field(default_factory=list)
    time: str = ""
    when: str = ""
    status: str = ""        # received, queued, sent, delivered, read, failed
    error: str = ""         # why it failed, in the reader's language
    error_detail: str = ""  # the stored error, shown on demand
    note: bool = False      # a private note: staff only, never sent
    author: str = ""        # a note's author
    quote: str = ""         # what the message it replies to says (shortened)
    quote_outbound: bool = False


@dataclass
class QuotedMessage:
    """The message the reply being written quotes."""
    id: str = ""
    text: str = ""
    outbound: bool = False


@dataclass
class PaneHeader:
    client_name: str = ""
    contact: str = ""       # phone or @instagram id
    channel: str = ""
    closed: bool = False
    assignee_id: str = ""   # "" when nobody
    assignee_name: str = ""
    reply_limit: int = max(channel.reply_limit for channel in registry.CHANNELS.values())


@dataclass(frozen=True)
class Reader:
    """Who reads the rows: their language and its catalog, and the clinic's time zone."""
    locale: str
    tz: str
    tr: dict[str, str]

    def age(self, moment: datetime, now: datetime) -> str:
        return fmt.age(moment, now, self.locale, self.tz, self.tr["inbox.age.now"])

    def when(self, moment: datetime) -> str:
        return fmt.date_time(moment, self.locale, self.tz)

    def clock_time(self, moment: datetime, now: datetime) -> str:
        """The time of day for today, the date and time before."""
        if fmt.same_day(moment, now, self.tz):
            return fmt.time_of_day(moment, self.locale, self.tz)
        return self.when(moment)


def conversation_row(row: dict, now: datetime, reader: Reader) -> ConversationRow:
    last = row.get("last_message_at")
    moment = parse_time(last) if last else None
    return ConversationRow(
        id=row["id"], href=f"{paths.INBOX}/{row['id']}", client_name=row.get("client_name") or "", channel=row["channel"],
        preview=row.get("last_message_preview") or "",
        outbound_preview=row.get("last_message_direction") == "outbound",
        age=reader.age(moment, now) if moment else "",
        when=reader.when(moment) if moment else "",
        unread=int(row.get("unread_count") or 0), closed=row.get("status") == "closed",
        failed=bool(row.get("has_failed_reply")),
        assignee=row.get("assignee_name") or "" if row.get("assignee_id") else "")


def search_hit(row: dict, now: datetime, reader: Reader) -> SearchHit:
    moment = parse_time(row["occurred_at"])
    return SearchHit(
        id=row["interaction_id"],
        href=f"{paths.INBOX}/{row['conversation_id']}?m={row['interaction_id']}",
        client_name=row.get("client_name") or "", channel=row["channel"],
        outbound=row.get("direction") == "outbound",
        parts=[HitPart(part.text, part.match)
               for part in search.headline_segments(row.get("headline") or "")],
        age=reader.age(moment, now), when=reader.when(moment), occurred_at=row["occurred_at"])


def pane_header(row: dict) -> PaneHeader:
    channel = registry.CHANNELS[row["channel"]]  # the database allows no other
    contact = channel.contact(row.get(f"client_{channel.identity}"), row.get("client_phone"))
    return PaneHeader(client_name=row.get("client_name") or "", contact=contact,
                      channel=row["channel"], closed=row.get("status") == "closed",
                      assignee_id=row.get("assignee_id") or "",
                      assignee_name=row.get("assignee_name") or "",
                      reply_limit=channel.reply_limit)


def member_options(rows: list[dict]) -> list[MemberOption]:
    """The clinic's active members (the team read), as the assignee select lists them."""
    return [MemberOption(row["id"], row.get("full_name") or row.get("email") or "")
            for row in rows if row.get("status") == "active"]


def failure_text(error: str | None, tr: dict[str, str]) -> str:
    failure = failures.read(error)
    values = dict(failure.values)
    if "channel" in values and values["channel"] in registry.CHANNELS:
        values["channel"] = registry.CHANNELS[values["channel"]].label
    return tr[f"inbox.failure.{failure.reason}"].format(**values)


def message_row(row: dict, now: datetime, reader: Reader) -> MessageRow:
    moment, tr = parse_time(row["occurred_at"]), reader.tr
    media = row.get("media") if isinstance(row.get("media"), dict) else {}
    kind = row.get("kind") or media.get("type") or "text"
    links, missing = [], []
    for item in media.get("items") or []:
        if not isinstance(item, dict):
            continue
        label = tr["inbox.media.file"].format(type=item.get("type") or kind)
        if str(item.get("url") or "").startswith(("https://", "http://")):
            links.append(MediaLink(url=item["url"], label=label))
        else:
            missing.append(label)
    text = row.get("content") or ""
    if media and text == f"[{kind}]":  # what parsers store when a message is only media
        text = ""
    placeholder = ""
    if kind in PLACEHOLDER_KINDS:
        placeholder, text = tr["inbox.unsupported"], ""
    elif missing:
        placeholder = tr["inbox.media.unavailable"].format(what=", ".join(missing))
    caption = media.get("caption") or ""
    return MessageRow(
        id=row["id"], outbound=row["direction"] == "outbound",
        text=text if text != caption else "", caption=caption, placeholder=placeholder,
        links=links, when=reader.when(moment), status=row["status"],
        time=reader.clock_time(moment, now),
        error=failure_text(row.get("error"), tr) if row["status"] == "failed" else "",
        error_detail=row.get("error") or "")


QUOTE_LENGTH = 140


def _quote(row: dict | None, tr: dict[str, str]) -> tuple[str, bool]:
    if row is None:
        return "", False
    text = (row.get("content") or "").strip() or tr["inbox.unsupported"]
    short = text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH - 1].rstrip() + "…"
    return short, row.get("direction") == "outbound"


def note_row(note: dict, now: datetime, reader: Reader) -> MessageRow:
    moment = parse_time(note["created_at"])
    return MessageRow(
        id=note["id"], note=True, text=note["body"], author=note.get("author_name") or "",
        when=reader.when(moment),
        time=reader.clock_time(moment, now))


def pane_rows(rows: list[dict], notes: list[dict], quoted: dict[str, dict], now: datetime,
              reader: Reader) -> list[MessageRow]:
    """Messages (`rows`, newest first) and notes in one timeline, oldest first; a reply shows
    the start of the message it quotes."""
    timeline = []
    for row in rows:
        shown = message_row(row, now, reader)
        if row.get("reply_to_id"):
            shown.quote, shown.quote_outbound = _quote(quoted.get(row["reply_to_id"]), reader.tr)
        timeline.append((parse_time(row["occurred_at"]), 1, int(row.get("seq") or 0), shown))
    for note in notes:
        timeline.append((parse_time(note["created_at"]), 0, 0, note_row(note, now, reader)))
    timeline.sort(key=lambda item: item[:3])   # time, then a note before a message, then seq
    return [item[3] for item in timeline]
