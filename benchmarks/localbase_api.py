"""localbase API overhead: REST select by id, insert, rpc and sign-in, each next to the same work
done by psycopg directly against the same database.

    .venv/bin/python -m benchmarks.localbase_api [--requests 2000] [--concurrency 8]

Latency: one request at a time on a kept-alive connection (httpx.Client, as the sync supabase
client uses). Throughput: `--concurrency` threads, each with its own connection.
"""
from __future__ import annotations

import argparse
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import httpx
import psycopg

from benchmarks.stats import Figures, print_table
from localbase.testing import running_localbase

PROJECT = Path(__file__).parent / "localbase_project"
ROWS = 10_000
EMAIL, PASSWORD = "bench@localbase.test", "bench-password"


def measure(op: Callable, make_session: Callable, count: int, concurrency: int) -> Figures:
    with make_session() as session:
        op(session)  # warm-up: connection and prepared plans
        latencies = []
        for _ in range(count):
            start = time.perf_counter()
            op(session)
            latencies.append(time.perf_counter() - start)

    per_worker = max(1, count // concurrency)

    def worker(_: int) -> None:
        with make_session() as session:
            for _ in range(per_worker):
                op(session)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    return Figures.of(latencies, per_worker * concurrency / (time.perf_counter() - start))


def run(count: int, concurrency: int) -> None:
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

        def api_session():
            return httpx.Client(base_url=lb.url, headers=headers, timeout=30)

        def sql_session():
            return psycopg.connect(lb.admin_dsn, autocommit=True)

        def some_id() -> int:
            return random.randint(1, ROWS)

        def api_select(c):
            r = c.get("/rest/v1/bench_items", params={"select": "*", "id": f"eq.{some_id()}"})
            assert r.status_code == 200 and len(r.json()) == 1, r.text

        def sql_select(c):
            c.execute("select coalesce(json_agg(t), '[]')::text from (select * from "
                      "public.bench_items where id = %s) t", (some_id(),)).fetchone()

        def api_insert(c):
            r = c.post("/rest/v1/bench_items", json={"title": "new", "n": 1},
                       headers={"Prefer": "return=minimal"})
            assert r.status_code == 201, r.text

        def sql_insert(c):
            c.execute("insert into public.bench_items (title, n) values (%s, %s)", ("new", 1))

        def api_rpc(c):
            r = c.post("/rest/v1/rpc/bench_add", json={"a": 1, "b": 2})
            assert r.json() == 3, r.text

        def sql_rpc(c):
            c.execute("select to_json(public.bench_add(%s, %s))::text", (1, 2)).fetchone()

        def api_sign_in(c):
            r = c.post("/auth/v1/token", params={"grant_type": "password"},
                       json={"email": EMAIL, "password": PASSWORD})
            assert r.status_code == 200, r.text

        def sql_sign_in(c):
            assert c.execute("select id from auth.users where email = %s and encrypted_password "
                             "= extensions.crypt(%s, encrypted_password)",
                             (EMAIL, PASSWORD)).fetchone()

        def http_floor(c):
            assert c.get("/health").status_code == 200

        def sql_floor(c):
            c.execute("select 1").fetchone()

        bcrypt_count = max(20, count // 40)  # bcrypt cost 10 dominates; fewer samples suffice
        rows = [(name, measure(api_op, api_session, n, concurrency),
                 measure(sql_op, sql_session, n, concurrency))
                for name, api_op, sql_op, n in [
                    ("HTTP floor (/health)", http_floor, sql_floor, count),
                    ("select by id", api_select, sql_select, count),
                    ("insert", api_insert, sql_insert, count),
                    ("rpc", api_rpc, sql_rpc, count),
                    ("sign-in (bcrypt)", api_sign_in, sql_sign_in, bcrypt_count)]]
        print(f"localbase API vs direct SQL; {count} requests per operation "
              f"({bcrypt_count} for sign-in), {concurrency} threads for req/s; times in ms")
        print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    run(args.requests, args.concurrency)


if __name__ == "__main__":
    main()
