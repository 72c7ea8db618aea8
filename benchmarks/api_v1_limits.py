"""What /api/v1's limits cost (finding 6): the conversation list through the API with an API key
(address and key counted in the database on every request), next to the same list read by SQL,
and the counting call alone.

    .venv/bin/python -m benchmarks.api_v1_limits [--requests 300]

The API runs in process (ASGI) against a real localbase; the clinic holds 200 conversations.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import os
import time
import uuid
from pathlib import Path

import httpx
import psycopg
from supabase import create_client

from benchmarks.http_load import percentile_ms
from harness.clinics import new_admin, new_company, patient_message
from localbase.testing import running_localbase

ROOT = Path(__file__).resolve().parent.parent
LIST_SQL = """
select coalesce(json_agg(t), '[]')::text from (
  select id, client_name, channel, last_message_at, last_message_preview, unread_count
  from public.inbox_conversations where company_id = %s
  order by last_message_at desc nulls last, id limit 50) t
"""


def line(name: str, samples: list[float]) -> str:
    return f"{name:<36}{percentile_ms(samples, 0.5):>9.2f}{percentile_ms(samples, 0.95):>9.2f}"


async def measure(requests: int) -> list[tuple[str, list[float]]]:
    from omni_app import services
    from omni_app.api import v1
    from omni_app.api.app import build_api
    from omni_app.domain import api_keys, auth
    from omni_app.domain.counters import Counters, Limit
    from omni_app.domain.team import Actor
    from omni_app.settings import Settings

    installed = services.install(services.Services.from_settings(Settings()))
    service = await installed.service()
    sync_service = create_client(installed.settings.supabase_url,
                                 installed.settings.supabase_service_role_key.get_secret_value())
    company_id = new_company(sync_service, "Benchmark")
    for n in range(200):
        await service.rpc("ingest_inbound_message", patient_message(
            company_id, f"mensagem {n}", phone=f"+551197{n:07d}")).execute()
    email, password = new_admin(sync_service, company_id, "Benchmark")
    signed_in = await (await installed.anon()).auth.sign_in_with_password(
        {"email": email, "password": password})
    admin = await installed.as_user(signed_in.session.access_token)
    me = await auth.profile(admin)
    _, key = await api_keys.create(admin, Actor(me["user_id"], company_id), "bench")
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
    counters = Counters(await installed.service())
    for _ in range(requests):
        start = time.perf_counter()
        await counters.add(f"bench:{uuid.uuid4().hex[:6]}", 60)
        counting.append(time.perf_counter() - start)
    return [("API: list conversations (API key)", through_api),
            ("one counter (rate_limit_hit RPC)", counting), ("company", [company_id])]


def run(requests: int) -> None:
    with running_localbase(ROOT) as lb:
        os.environ.update({**lb.env(), "OMNI_ENV": "local",
                           "OMNI_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()})
        rows = asyncio.run(measure(requests))
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
    print("per API request: 2 counters (address, key) of the 'one counter' cost")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    run(parser.parse_args().requests)
