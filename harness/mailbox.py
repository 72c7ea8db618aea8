"""Read what localbase's Auth "sent": the mailbox viewer's JSON API (its own port), as e2e
tests read links from the Supabase CLI's Inbucket/Mailpit."""
from __future__ import annotations

import time

import httpx


def latest_link(lb, email: str, marker: str = "token_hash=", timeout: float = 10.0) -> str:
    """The first link containing `marker` in the newest message to `email`, waiting for it."""
    deadline = time.monotonic() + timeout
    while True:
        answer = httpx.get(f"{lb.config.mailbox_url}/api/v1/message/latest",
                           params={"to": email})
        if answer.status_code == 200:
            links = [link for link in answer.json()["links"] if marker in link]
            if links:
                return links[0]
        if time.monotonic() > deadline:
            raise AssertionError(f"no e-mail with a link for {email}")
        time.sleep(0.2)
