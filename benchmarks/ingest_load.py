"""Inbound webhook load: Omni-signed WhatsApp messages through the full HTTP path (uvicorn ->
the webhook routes -> Supabase client -> localbase REST -> `ingest_inbound_message`), next to
the same ingest done by calling the SQL function directly with psycopg.

    .venv/bin/python -m benchmarks.ingest_load [--messages 5000] [--senders 500]
        [--concurrency 16] [--duplicates 250]

`--messages` requests in all, of which `--duplicates` re-send an earlier message (as senders'
retries do); rows stored must equal the distinct messages. The per-integration rate limit is
lifted for the run: it exists to protect the database from one clinic, not to be measured.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import uvicorn

from benchmarks.http_load import CpuMeter, KeepAliveConnection, cluster_pids, percentile_ms
from harness.app_env import env_for, install_services
from harness.clinics import clinic_with_integration, new_company, service_role
from localbase.testing import free_port, running_localbase

ROOT = Path(__file__).resolve().parent.parent
GOAL_PER_SECOND, GOAL_P99_MS = 300, 150


@dataclass(frozen=True)
class Run:
    latencies_s: list[float]
    elapsed_s: float
    duplicates_answered: int
    failures: dict[int, int]
    sender_cpu_s: float = 0.0

    @property
    def per_second(self) -> float:
        return len(self.latencies_s) / self.elapsed_s

    def line(self, name: str) -> str:
        return (f"{name:<28}{self.per_second:>9.0f}{percentile_ms(self.latencies_s, 0.5):>9.2f}"
                f"{percentile_ms(self.latencies_s, 0.95):>8.2f}"
                f"{percentile_ms(self.latencies_s, 0.99):>8.2f}"
                f"{max(self.latencies_s) * 1000:>9.2f}")


def configure_app_env(lb, total: int):
    """The app's Services pointed at this localbase. The per-integration rate limit is lifted:
    it protects the database from one clinic, it is not what is measured."""
    installed = install_services(env_for(lb))
    installed.webhook_limiter.rate, installed.webhook_limiter.burst = float("inf"), total
    return installed


def workload(total: int, senders: int, duplicates: int) -> list[dict]:
    """Distinct messages round-robin over the senders, then re-sends of earlier ones mixed in."""
    rng = random.Random(7)
    now = int(time.time())
    distinct = [{"channel": "whatsapp", "external_message_id": f"wamid.BENCH{n:06d}",
                 "from": {"phone": f"+551198{n % senders:07d}", "name": f"Paciente {n % senders}"},
                 "text": f"Mensagem {n}: gostaria de agendar uma consulta", "timestamp": now}
                for n in range(total - duplicates)]
    sends = list(distinct)
    for _ in range(duplicates):
        # A retry lands shortly after the original: somewhere within the next 50 sends.
        original = rng.randrange(len(distinct))
        sends.insert(min(len(sends), original + rng.randrange(1, 50)), distinct[original])
    return sends


def start_server(port: int) -> tuple[uvicorn.Server, threading.Thread]:
    from omni_app.api.app import build_api
    app = build_api()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="off", loop="uvloop",
                                           http="httptools"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread


async def send_all(port: int, public_key: str, secret: str, sends: list[dict],
                   concurrency: int) -> Run:
    from omni_app.domain.signing import sign_headers
    queue: asyncio.Queue = asyncio.Queue()
    for message in sends:
        queue.put_nowait(json.dumps(message, ensure_ascii=False).encode())
    latencies: list[float] = []
    failures: dict[int, int] = {}
    duplicates = 0
    sent_before: dict[bytes, int] = {}

    async def worker() -> None:
        nonlocal duplicates
        async with KeepAliveConnection(port) as connection:
            while not queue.empty():
                body = queue.get_nowait()
                # A retry is signed afresh, as senders' retries are.
                earlier = sent_before[body] = sent_before.get(body, -1) + 1
                headers = {"Content-Type": "application/json", "X-Omni-Integration": public_key,
                           **sign_headers(secret, body, time.time() - 30 * earlier)}
                start = time.perf_counter()
                status, answer = await connection.post("/webhooks/whatsapp", headers, body)
                latencies.append(time.perf_counter() - start)
                if status != 200:
                    failures[status] = failures.get(status, 0) + 1
                else:
                    duplicates += sum(r["duplicate"] for r in json.loads(answer)["results"])

    cpu, start = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    return Run(latencies, elapsed, duplicates, failures, time.process_time() - cpu)


def send_from_another_process(port: int, public_key: str, secret: str, sends: list[dict],
                              concurrency: int) -> Run:
    """The load generator gets its own process (and GIL), as n8n has its own machine: the
    figures are then the server's, not the server's and the client's sharing one interpreter."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_send_all_sync, (port, public_key, secret, sends, concurrency))


def _send_all_sync(*args) -> Run:
    import uvloop
    return uvloop.run(send_all(*args))


def sql_baseline(dsn: str, company_id: str, sends: list[dict], concurrency: int) -> Run:
    """The same messages straight into `ingest_inbound_message`, one connection per thread."""
    from omni_app.channels import parse
    from omni_app.domain.inbound import ingest_params
    calls = [ingest_params(company_id, parse("whatsapp", m).messages[0]) for m in sends]
    sql = ("select public.ingest_inbound_message(%(p_company_id)s, %(p_channel)s, "
           "%(p_external_message_id)s, %(p_sender)s::jsonb, %(p_content)s, %(p_media)s::jsonb, "
           "%(p_occurred_at)s::timestamptz, %(p_metadata)s::jsonb)->>'duplicate'")
    chunks = [calls[i::concurrency] for i in range(concurrency)]
    latencies: list[float] = []
    duplicates = 0

    def worker(chunk: list[dict]) -> None:
        nonlocal duplicates
        with psycopg.connect(dsn, autocommit=True) as conn:
            for params in chunk:
                encoded = {k: json.dumps(v) if isinstance(v, dict) else v
                           for k, v in params.items()}
                start = time.perf_counter()
                duplicate = conn.execute(sql, encoded).fetchone()[0] == "true"
                latencies.append(time.perf_counter() - start)
                duplicates += duplicate

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, chunks))
    return Run(latencies, time.perf_counter() - start, duplicates, {})


def count_rows(conn, company_id: str) -> tuple[int, int]:
    return conn.execute("select (select count(*) from public.interactions where company_id = %s),"
                        " (select count(*) from public.clients where company_id = %s)",
                        (company_id, company_id)).fetchone()


def run(total: int, senders: int, concurrency: int, duplicates: int) -> bool:
    with running_localbase(ROOT, token_rate_limit=1_000_000) as lb:
        installed = configure_app_env(lb, total)
        service = service_role(lb)
        clinic = clinic_with_integration(service, installed.keyring, label="Bench")
        http_company, public_key, secret = clinic.company_id, clinic.public_key, clinic.secret
        sql_company = new_company(service, "Bench")
        sends = workload(total, senders, duplicates)
        distinct = len({m["external_message_id"] for m in sends})

        server, thread = start_server(free_port())
        meter = CpuMeter({"webhook app": lambda: [os.getpid()],
                          "localbase API": lambda: [lb.api.pid()],
                          "PostgreSQL": lambda: cluster_pids(lb)})
        try:
            meter.start()
            http = send_from_another_process(server.config.port, public_key, secret, sends,
                                             concurrency)
            meter.stop()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
        sql = sql_baseline(lb.admin_dsn, sql_company, sends, concurrency)

        with psycopg.connect(lb.admin_dsn, autocommit=True) as conn:
            http_rows, http_clients = count_rows(conn, http_company)
            sql_rows, sql_clients = count_rows(conn, sql_company)

    print(f"Inbound ingest: {total} messages ({distinct} distinct, {total - distinct} re-sent) "
          f"from {senders} senders, concurrency {concurrency}; times in ms")
    header = f"{'path':<28}{'msg/s':>9}{'p50':>9}{'p95':>8}{'p99':>8}{'max':>9}"
    print(header)
    print("-" * len(header))
    print(http.line("HTTP webhook (full path)"))
    print(sql.line("SQL function (psycopg)"))
    print(f"rows stored: HTTP {http_rows}, SQL {sql_rows} (distinct messages {distinct}); "
          f"clients: HTTP {http_clients}, SQL {sql_clients} (senders {senders})")
    print(f"duplicates answered: HTTP {http.duplicates_answered}, SQL {sql.duplicates_answered} "
          f"(re-sent {total - distinct}); non-200 answers: {http.failures or 'none'}")
    per_message = {**meter.used, "load generator": http.sender_cpu_s}
    print("CPU per message (ms): " + ", ".join(f"{name} {seconds * 1000 / total:.2f}"
                                              for name, seconds in per_message.items())
          + f"; machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    rate, p99 = http.per_second, percentile_ms(http.latencies_s, 0.99)
    print(f"SQL/HTTP throughput ratio: {sql.per_second / rate:.1f}")
    ok = (http_rows == distinct and not http.failures
          and http.duplicates_answered == total - distinct)
    print(f"zero loss: {'yes' if ok else 'NO'}; goal >= {GOAL_PER_SECOND} msg/s: "
          f"{'met' if rate >= GOAL_PER_SECOND else 'MISSED'}; goal p99 <= {GOAL_P99_MS} ms: "
          f"{'met' if p99 <= GOAL_P99_MS else 'MISSED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--senders", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duplicates", type=int, default=250)
    args = parser.parse_args()
    if not run(args.messages, args.senders, args.concurrency, args.duplicates):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
