"""What /api/v1's limits cost (finding 6): the conversation list through the API with an API key
(three `rate_limit_hit` calls in the database on every request), next to the same list read by
SQL, and one counting call alone, on a counter that already exists as the API's do.

    .venv/bin/python -m benchmarks.api_v1_limits [--requests 300]

The API runs in process (ASGI) against a real localbase; the clinic holds 200 conversations.
"""
from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

import httpx
import psycopg

from benchmarks.http_load import percentile_ms
from harness.app_env import env_for, install_services
from harness.clinics import new_company, new_member, patient_message, service_role
from localbase.testing import running_localbase

ROOT = Path(__file__).resolve().parent.parent
LIST_SQL = """
select coalesce(json_agg(t), '[]')::text from (
  select id, client_name, channel, last_message_at, last_message_preview, unread_count
  from public.inbox_conversations where company_id = %s
  order by last_message_at desc nulls last, id limit 50) t
"""
# rate_limit_hit calls per request with an API key (omni_app/api/v1.py, `api_caller` and
# `_api_key_owner`): the address counted, the address's bad keys read, the key counted.
COUNTER_CALLS = 3


def line(name: str, samples: list[float]) -> str:
    return f"{name:<36}{percentile_ms(samples, 0.5):>9.2f}{percentile_ms(samples, 0.95):>9.2f}"


async def measure(lb, requests: int) -> list[tuple[str, list[float]]]:
    from omni_app.api import v1
    from omni_app.api.app import build_api
    from omni_app.domain import api_keys
    from omni_app.domain.counters import Counters, Limit

    installed = install_services(env_for(lb))
    service = await installed.service()
    sync_service = service_role(lb)
    company_id = new_company(sync_service, "Benchmark")
    for n in range(200):
        await service.rpc("ingest_inbound_message", patient_message(
            company_id, f"mensagem {n}", phone=f"+551197{n:07d}")).execute()
    email, password, _ = new_member(sync_service, company_id, role="admin", label="Benchmark")
    signed_in = await (await installed.anon()).auth.sign_in_with_password(
        {"email": email, "password": password})
    admin = await installed.as_user(signed_in.session.access_token)
    _, key = await api_keys.create(admin, "bench")
    # Still counted on every request, never reached: the cost is what is measured.
    v1.PER_ADDRESS = v1.PER_CALLER = Limit(hits=10**9, window_s=60)
    app = build_api()
    transport = httpx.ASGITransport(app=app, client=("198.18.1.1", 40000))
    through_api, counting = [], []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        headers = {"Authorization": f"Bearer {key}"}
        await http.get("/api/v1/conversations", headers=headers)
        for _ in range(requests):
            start = time.perf_counter()
            answer = await http.get("/api/v1/conversations", headers=headers)
            through_api.append(time.perf_counter() - start)
            assert answer.status_code == 200, answer.text
    # One key, counted once before timing: the row is updated, as a caller's is on every
    # request after its first, not inserted anew.
    counters, counter = Counters(await installed.service()), "bench:one-counter"
    await counters.add(counter, 60)
    for _ in range(requests):
        start = time.perf_counter()
        await counters.add(counter, 60)
        counting.append(time.perf_counter() - start)
    return [("API: list conversations (API key)", through_api),
            ("one counter (rate_limit_hit RPC)", counting), ("company", [company_id])]


def run(requests: int) -> None:
    with running_localbase(ROOT) as lb:
        rows = asyncio.run(measure(lb, requests))
        company = rows.pop()[1][0]
        sql = []
        with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
            for _ in range(requests):
                start = time.perf_counter()
                conn.execute(LIST_SQL, (company,)).fetchone()
                sql.append(time.perf_counter() - start)
    print(f"{requests} requests each; times in ms")
    print(f"{'path':<36}{'p50':>9}{'p95':>9}")
    for name, samples in rows:
        print(line(name, samples))
    print(line("SQL: the same list (superuser)", sql))
    (_, api), (_, counting) = rows
    print(f"per API request: {COUNTER_CALLS} rate_limit_hit calls (address +1, bad-key read, "
          f"key +1): ~{COUNTER_CALLS} x {percentile_ms(counting, 0.5):.2f} ms of its "
          f"{percentile_ms(api, 0.5):.2f} ms p50")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    run(parser.parse_args().requests)
