"""Sent e-mails as files under the instance's state folder (`<dir>/mail/<sortable id>.json`),
written atomically, so the API, the viewer and a test process all see the same messages."""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

_ID = re.compile(r"[0-9]{20}-[0-9a-f]{32}")
_LINK = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class Message:
    id: str
    to: str
    subject: str
    html: str
    kind: str            # recovery, invite, confirmation
    created_at: str

    @property
    def links(self) -> list[str]:
        """The links of the body, unescaped (`&amp;` back to `&`)."""
        return [link.replace("&amp;", "&") for link in _LINK.findall(self.html)]

    def summary(self) -> dict:
        return {"id": self.id, "to": self.to, "subject": self.subject, "kind": self.kind,
                "created_at": self.created_at}

    def full(self) -> dict:
        return {**asdict(self), "links": self.links}


class Mailbox:
    def __init__(self, folder: Path):
        self.folder = folder

    def deliver(self, to: str, subject: str, html: str, kind: str) -> Message:
        self.folder.mkdir(parents=True, exist_ok=True)
        message = Message(id=f"{time.time_ns():020d}-{uuid.uuid4().hex}", to=to.lower(),
                          subject=subject, html=html, kind=kind,
                          created_at=datetime.now(timezone.utc).isoformat())
        temporary = self.folder / f".{message.id}.tmp"
        temporary.write_text(json.dumps(asdict(message)))
        os.replace(temporary, self.folder / f"{message.id}.json")
        return message

    def messages(self, to: str | None = None, limit: int = 50) -> list[Message]:
        """Newest first, for one address (case-insensitive) or all."""
        found = []
        for path in sorted(self._files(), reverse=True):
            message = self._read(path)
            if message and (to is None or message.to == to.strip().lower()):
                found.append(message)
                if len(found) >= limit:
                    break
        return found

    def get(self, message_id: str) -> Message | None:
        if not _ID.fullmatch(message_id):
            return None
        return self._read(self.folder / f"{message_id}.json")

    def latest(self, to: str | None = None) -> Message | None:
        found = self.messages(to, limit=1)
        return found[0] if found else None

    def clear(self) -> None:
        for path in self._files():
            path.unlink(missing_ok=True)

    def _files(self) -> list[Path]:
        return list(self.folder.glob("*.json")) if self.folder.is_dir() else []

    @staticmethod
    def _read(path: Path) -> Message | None:
        try:
            return Message(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None
