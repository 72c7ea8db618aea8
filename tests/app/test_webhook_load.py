"""Concurrent deliveries against a real localbase: retries racing each other and a burst of new
senders must leave exactly one row per message, one client per sender and one open thread."""
from __future__ import annotations

import asyncio
import collections
import time

from tests.app.test_webhooks import deliver, encode, fresh_limits, http, new_hook, omni_message, rows

__all__ = ["fresh_limits", "http"]  # fixtures used here


async def test_fifty_concurrent_deliveries_of_one_message_store_one_row(http):
    hook = new_hook()
    body = encode(omni_message("wamid.RACE", phone="+5511987654321"))

    # Redeliveries are signed afresh (a replay of the very same signature is refused).
    now = time.time()
    answers = await asyncio.gather(*(deliver(http, hook, body, now=now - n) for n in range(50)))

    assert {a.status_code for a in answers} == {200}
    results = [a.json()["results"][0] for a in answers]
    assert sum(not r["duplicate"] for r in results) == 1
    assert len({r["interaction_id"] for r in results}) == 1
    assert len(await rows("interactions", hook.company_id)) == 1
    assert len(await rows("clients", hook.company_id)) == 1
    thread = await rows("conversation_threads", hook.company_id)
    assert len(thread) == 1 and thread[0]["unread_count"] == 1


async def test_a_burst_of_new_senders_gets_one_client_and_one_thread_each(http):
    hook = new_hook()
    phones = [f"+55119876{n:05d}" for n in range(10)]
    messages = [omni_message(f"wamid.BURST{n}", phone=phones[n % 10], text=f"msg {n}")
                for n in range(60)]
    bodies = [encode(m) for m in messages] + [encode(m) for m in messages[:20]]  # retries too

    now = time.time()
    answers = await asyncio.gather(*(deliver(http, hook, body, now=now - n // 60)
                                     for n, body in enumerate(bodies)))

    assert {a.status_code for a in answers} == {200}
    assert len(await rows("interactions", hook.company_id)) == 60
    clients = await rows("clients", hook.company_id)
    assert sorted(c["phone"] for c in clients) == sorted(phones)
    threads = await rows("conversation_threads", hook.company_id)
    per_client = collections.Counter(t["client_id"] for t in threads)
    assert len(threads) == 10 and set(per_client.values()) == {1}
    assert all(t["status"] == "active" and t["unread_count"] == 6 for t in threads)
