"""localbase API overhead: REST select by id, insert, rpc and sign-in, each next to the same work
done by psycopg directly against the same database.

    .venv/bin/python -m benchmarks.localbase_api [--requests 2000] [--concurrency 8]

Latency: one request at a time on a kept-alive connection. Throughput: `--concurrency`
requests in flight (API: httpx async; SQL: one connection per worker).
"""
from __future__ import annotations

import argparse
import asyncio
import random
import time
from pathlib import Path
from typing import Awaitable, Callable

import httpx
import psycopg

from benchmarks.stats import Figures, print_table
from localbase.testing import running_localbase

PROJECT = Path(__file__).parent / "localbase_project"
ROWS = 10_000
EMAIL, PASSWORD = "bench@localbase.test", "bench-password"


async def measure(op: Callable[[object], Awaitable[None]], make_session, count: int,
                  concurrency: int) -> Figures:
    session = await make_session()
    latencies = []
    for _ in range(count):
        start = time.perf_counter()
        await op(session)
        latencies.append(time.perf_counter() - start)
    await session.aclose() if hasattr(session, "aclose") else await session.close()

    sessions = [await make_session() for _ in range(concurrency)]
    per_worker = max(1, count // concurrency)

    async def worker(s):
        for _ in range(per_worker):
            await op(s)

    start = time.perf_counter()
    await asyncio.gather(*(worker(s) for s in sessions))
    elapsed = time.perf_counter() - start
    for s in sessions:
        await s.aclose() if hasattr(s, "aclose") else await s.close()
    return Figures.of(latencies, per_worker * concurrency / elapsed)


async def run(count: int, concurrency: int) -> None:
    with running_localbase(PROJECT, token_rate_limit=1_000_000) as lb:
        with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
            conn.execute("insert into public.bench_items (title, n) "
                         "select 'item ' || g, g from generate_series(1, %s) g", (ROWS,))
            conn.execute("analyze public.bench_items")
        headers = {"apikey": lb.anon_key, "Authorization": f"Bearer {lb.service_role_key}",
                   "Accept-Profile": "public", "Content-Profile": "public"}
        httpx.post(f"{lb.url}/auth/v1/admin/users", headers=headers, timeout=10,
                   json={"email": EMAIL, "password": PASSWORD, "email_confirm": True}
                   ).raise_for_status()

        async def api_session():
            return httpx.AsyncClient(base_url=lb.url, headers=headers, timeout=30)

        async def sql_session():
            return await psycopg.AsyncConnection.connect(lb.admin_dsn, autocommit=True)

        def some_id() -> int:
            return random.randint(1, ROWS)

        async def api_select(c):
            r = await c.get("/rest/v1/bench_items", params={"select": "*", "id": f"eq.{some_id()}"})
            assert r.status_code == 200 and len(r.json()) == 1, r.text

        async def sql_select(c):
            cur = await c.execute("select coalesce(json_agg(t), '[]')::text from (select * from "
                                  "public.bench_items where id = %s) t", (some_id(),))
            await cur.fetchone()

        async def api_insert(c):
            r = await c.post("/rest/v1/bench_items", json={"title": "new", "n": 1},
                             headers={"Prefer": "return=minimal"})
            assert r.status_code == 201, r.text

        async def sql_insert(c):
            await c.execute("insert into public.bench_items (title, n) values (%s, %s)",
                            ("new", 1))

        async def api_rpc(c):
            r = await c.post("/rest/v1/rpc/bench_add", json={"a": 1, "b": 2})
            assert r.json() == 3, r.text

        async def sql_rpc(c):
            cur = await c.execute("select to_json(public.bench_add(%s, %s))::text", (1, 2))
            await cur.fetchone()

        async def api_sign_in(c):
            r = await c.post("/auth/v1/token", params={"grant_type": "password"},
                             json={"email": EMAIL, "password": PASSWORD})
            assert r.status_code == 200, r.text

        async def sql_sign_in(c):
            cur = await c.execute(
                "select id from auth.users where email = %s and encrypted_password = "
                "extensions.crypt(%s, encrypted_password)", (EMAIL, PASSWORD))
            assert await cur.fetchone()

        bcrypt_count = max(20, count // 40)  # bcrypt cost 10 dominates; fewer samples suffice
        rows = []
        for name, api_op, sql_op, n in [
            ("select by id", api_select, sql_select, count),
            ("insert", api_insert, sql_insert, count),
            ("rpc", api_rpc, sql_rpc, count),
            ("sign-in (bcrypt)", api_sign_in, sql_sign_in, bcrypt_count),
        ]:
            await api_op(await api_session())  # warm-up
            rows.append((name, await measure(api_op, api_session, n, concurrency),
                         await measure(sql_op, sql_session, n, concurrency)))
        print(f"localbase API vs direct SQL; {count} requests per operation, "
              f"concurrency {concurrency} for req/s; times in ms")
        print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(run(args.requests, args.concurrency))


if __name__ == "__main__":
    main()
