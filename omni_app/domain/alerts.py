"""Alerts for new messages (`my_alerts`): the clinic's unread count for the tab title, the
user's own choices (browser notifications, sound), and the messages that alert them: the first
of a new conversation, or one in a conversation whose latest reply is theirs (conversations have
no assignee)."""
from __future__ import annotations

from dataclasses import dataclass, field

from supabase import AsyncClient


@dataclass(frozen=True)
class Alerts:
    now: str | None                  # the database's clock: the next call's `since`
    unread: int = 0
    browser: bool = False
    sound: bool = False
    messages: list[dict] = field(default_factory=list)   # id, conversation_id, client_name,
                                                          # preview, kind (new | mine)


async def read(user: AsyncClient, since: str | None) -> Alerts:
    """What alerts the user since `since` (None: nothing yet, only the counts and choices)."""
    data = (await user.rpc("my_alerts", {"p_since": since}).execute()).data
    if not data:
        return Alerts(None)
    return Alerts(data["now"], int(data.get("unread") or 0), bool(data.get("browser")),
                  bool(data.get("sound")), list(data.get("messages") or []))


async def choose(user: AsyncClient, browser: bool, sound: bool) -> None:
    await user.rpc("set_my_alerts", {"p_browser": bool(browser), "p_sound": bool(sound)}).execute()
