"""Database rows -> what the inbox renders: times in the clinic's time zone, short relative ages,
media links and placeholders. Pure functions, so they are tested without a browser."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from omni_app.domain.conversations import parse_time

PLACEHOLDER_KINDS = ("unsupported", "unknown")


@dataclass
class ConversationRow:
    id: str = ""
    client_name: str = ""
    channel: str = ""
    preview: str = ""
    outbound_preview: bool = False
    age: str = ""           # "5 min", "3 h", "2 d", a date
    when: str = ""          # full local date and time, for the tooltip
    unread: int = 0
    closed: bool = False


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
    error: str = ""


@dataclass
class PaneHeader:
    client_name: str = ""
    contact: str = ""       # phone or @instagram id
    channel: str = ""
    closed: bool = False


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("America/Sao_Paulo")


def age(moment: datetime, now: datetime, tr: dict[str, str], tz: ZoneInfo) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return tr["inbox.age.now"]
    if seconds < 3600:
        return tr["inbox.age.minutes"].format(n=seconds // 60)
    if seconds < 86400:
        return tr["inbox.age.hours"].format(n=seconds // 3600)
    if seconds < 7 * 86400:
        return tr["inbox.age.days"].format(n=seconds // 86400)
    return moment.astimezone(tz).strftime(tr["inbox.date_format"])


def full_time(moment: datetime, tr: dict[str, str], tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return local.strftime(tr["inbox.date_format"]) + " " + local.strftime("%H:%M")


def conversation_row(row: dict, now: datetime, tr: dict[str, str], tz: ZoneInfo
                     ) -> ConversationRow:
    last = row.get("last_message_at")
    moment = parse_time(last) if last else None
    return ConversationRow(
        id=row["id"], client_name=row.get("client_name") or "", channel=row["channel"],
        preview=row.get("last_message_preview") or "",
        outbound_preview=row.get("last_message_direction") == "outbound",
        age=age(moment, now, tr, tz) if moment else "",
        when=full_time(moment, tr, tz) if moment else "",
        unread=int(row.get("unread_count") or 0), closed=row.get("status") == "closed")


def pane_header(row: dict) -> PaneHeader:
    if row["channel"] == "instagram" and row.get("client_instagram_id"):
        contact = "@" + row["client_instagram_id"]
    else:
        contact = row.get("client_phone") or ""
    return PaneHeader(client_name=row.get("client_name") or "", contact=contact,
                      channel=row["channel"], closed=row.get("status") == "closed")


def message_row(row: dict, now: datetime, tr: dict[str, str], tz: ZoneInfo) -> MessageRow:
    moment = parse_time(row["occurred_at"])
    local = moment.astimezone(tz)
    same_day = local.date() == now.astimezone(tz).date()
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
        links=links, time=local.strftime("%H:%M") if same_day else full_time(moment, tr, tz),
        when=full_time(moment, tr, tz), status=row["status"], error=row.get("error") or "")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
