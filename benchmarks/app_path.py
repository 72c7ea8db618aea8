"""What the benchmarks that time the app's own path share: 10 clinics x 10k clients from the
demo loader, the seed's staff member signed in (the app's Services against that localbase),
sequential timings of an async operation next to the same SQL run as superuser, and the CLI."""
from __future__ import annotations

import argparse
import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import psycopg
from supabase import AsyncClient

from benchmarks.inbox_queries import fill
from benchmarks.stats import Figures, print_table
from harness.app_env import env_for, install_services
from localbase.testing import running_localbase
from omni_app import services

PROJECT = Path(__file__).resolve().parent.parent
Rows = list[tuple[str, Figures, Figures]]


async def timed(op: Callable[[], Awaitable], count: int) -> Figures:
    await op()   # warm-up
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        start = time.perf_counter()
        await op()
        latencies.append(time.perf_counter() - start)
    return Figures.of(latencies, count / (time.perf_counter() - started))


def timed_calls(op: Callable[[], object], count: int) -> Figures:
    """`timed` for synchronous work (an SQL baseline of several statements, pure Python)."""
    op()   # warm-up
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        start = time.perf_counter()
        op()
        latencies.append(time.perf_counter() - start)
    return Figures.of(latencies, count / (time.perf_counter() - started))


def timed_sql(conn: psycopg.Connection, sql: str, params, count: int) -> Figures:
    cycle = itertools.cycle(params)
    conn.execute(sql, next(cycle)).fetchall()
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        start = time.perf_counter()
        conn.execute(sql, next(cycle)).fetchall()
        latencies.append(time.perf_counter() - start)
    return Figures.of(latencies, count / (time.perf_counter() - started))


async def staff_user(lb) -> AsyncClient:
    """The seed's staff member, signed in, as the app's domain functions see them."""
    install_services(env_for(lb))
    session = httpx.post(f"{lb.url}/auth/v1/token", params={"grant_type": "password"},
                         headers={"apikey": lb.anon_key},
                         json={"email": "staff@demo.clinic", "password": "omni-demo-staff"}
                         ).raise_for_status().json()
    return await services.current().as_user(session["access_token"])


def cli(doc: str, measure: Callable[[object, int], Awaitable[Rows]],
        after_fill: Callable[[str], None] | None = None,
        legend: str = "measured = the app's domain functions (supabase client, REST, RLS as "
                      "staff); baseline = the same SQL as superuser, company in the WHERE "
                      "clause") -> None:
    """Parses --clients/--companies/--requests, fills the clinics (then `after_fill(dsn)`),
    measures, prints."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with running_localbase(PROJECT, token_rate_limit=1_000_000) as lb:
        print(f"Generating {args.companies} clinics x {args.clients} clients ...", flush=True)
        fill(lb.admin_dsn, args.clients, args.companies)
        if after_fill is not None:
            after_fill(lb.admin_dsn)
        rows = asyncio.run(measure(lb, args.requests))
    print(f"\n{args.requests} sequential requests each; times in ms; {legend}")
    print_table(rows, measured="app", baseline="SQL")
