"""The analyst's daily run at scale: every client of 10 clinics x 1,000 made due (active today),
the day planned once (`plan_daily_analysis`: one analyze_client job per client), then drained by
1 and by 2 worker processes (`Worker.drain`, the job queue's FOR UPDATE SKIP LOCKED) with the LLM
answered by the fake OpenAI-compatible server (harness/fake_openai.py; `--llm-ms` adds
its latency). Prints total time, jobs/s, snapshots made (each client exactly once) and tokens,
next to the baseline: the same number of snapshot rows written by one SQL statement.

    .venv/bin/python -m benchmarks.analyst_daily [--clients 1000] [--companies 10] [--workers 1,2] [--llm-ms 0]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time

import psycopg

from benchmarks.app_path import PROJECT
from benchmarks.inbox_queries import fill
from harness.app_env import env_for
from localbase.testing import running_localbase
from harness.fake_openai import FakeOpenAI

RESET = """
delete from public.ai_context_snapshots;
delete from public.jobs where kind = 'analyze_client';
delete from public.scheduled_runs;
update public.clients set analyzed_at = null, no_show_risk = null where analyzed_at is not null;
"""
BASELINE = """
insert into public.ai_context_snapshots (company_id, client_id, summary, important_flags,
                                         trigger, model, analyzer)
select company_id, id, 'baseline', '{"no_show_risk": {"level": "low"}}', 'scheduled', 'sql',
       'heuristic'
from public.clients"""


async def drain() -> None:
    """One worker process: runs due jobs until none is left; prints what it did."""
    from omni_app import services
    from omni_app.jobs.worker import Worker
    started = time.time()
    worker = Worker(services.current())
    ran = 0
    while count := await worker.run_due():
        ran += count
    print(json.dumps({"started": started, "finished": time.time(), "ran": ran}), flush=True)


def run_workers(env: dict, workers: int) -> dict:
    processes = [subprocess.Popen([sys.executable, "-m", "benchmarks.analyst_daily", "--drain"],
                                  env=env, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
                 for _ in range(workers)]
    reports = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in processes]
    return {"seconds": max(r["finished"] for r in reports) - min(r["started"] for r in reports),
            "ran": [r["ran"] for r in reports]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--companies", type=int, default=10)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--llm-ms", type=int, default=0)
    parser.add_argument("--drain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drain:
        asyncio.run(drain())
        return
    with running_localbase(PROJECT, token_rate_limit=1_000_000) as lb, \
            FakeOpenAI(delay_s=args.llm_ms / 1000) as fake, \
            psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
        print(f"Generating {args.companies} clinics x {args.clients} clients ...", flush=True)
        fill(lb.admin_dsn, args.clients, args.companies)
        conn.execute("update public.clients set last_interaction_at = now()")
        conn.execute("insert into public.settings (company_id, analyst_monthly_tokens) "
                     "select id, 100000000 from public.companies on conflict (company_id) "
                     "do update set analyst_monthly_tokens = 100000000")
        env = {**os.environ, **env_for(lb), "OPENAI_API_KEY": "bench",
               "OPENAI_BASE_URL": fake.base_url, "LOG_LEVEL": "WARNING"}
        print(f"\nDaily run, fake LLM answering in {args.llm_ms} ms; LLM calls and times:")
        for workers in (int(n) for n in args.workers.split(",")):
            conn.execute(RESET)
            conn.execute("vacuum analyze public.jobs, public.ai_context_snapshots")
            before = len(fake.requests)
            planned = conn.execute("select public.plan_daily_analysis(current_date)").fetchone()[0]
            result = run_workers(env, workers)
            made, distinct, tokens = conn.execute(
                "select count(*), count(distinct client_id), sum(tokens_in + tokens_out) "
                "from public.ai_context_snapshots").fetchone()
            left = conn.execute("select count(*) from public.jobs where kind = 'analyze_client' "
                                "and status <> 'done'").fetchone()[0]
            print(f"  {workers} worker(s): {planned} jobs planned, {made} snapshots "
                  f"({distinct} clients, {left} jobs not done), {len(fake.requests) - before} "
                  f"LLM calls, {tokens} tokens; {result['seconds']:.1f} s = "
                  f"{planned / result['seconds']:.0f} jobs/s (per worker: {result['ran']})",
                  flush=True)
        conn.execute(RESET)
        started = time.perf_counter()
        conn.execute(BASELINE)
        seconds = time.perf_counter() - started
        print(f"  baseline: the same {made} snapshot rows by one SQL insert: {seconds:.2f} s")


if __name__ == "__main__":
    main()
