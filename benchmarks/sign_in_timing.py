"""Sign-in answers for an unknown email and for a wrong password (finding 3: account
enumeration by timing), through the app's login route (in process, real localbase Auth), next
to the same two refusals asked of Auth directly (the baseline: what an attacker timed before).

    .venv/bin/python -m benchmarks.sign_in_timing [--attempts 40]

Each attempt comes from an address of its own and names an account of its own, so neither
throttle is involved (an account under attack answers more slowly whether it exists or not);
the figure that matters is the gap between the two rows of each pair.
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import time
import uuid
from pathlib import Path

import httpx
from starlette.applications import Starlette

from benchmarks.stats import Figures
from harness.app_env import env_for, install_services
from harness.clinics import new_member, service_role
from harness.seed import DEMO_COMPANY
from localbase.testing import running_localbase

ROOT = Path(__file__).resolve().parent.parent


def unknown(n: int) -> str:
    return f"nobody-{n}-{uuid.uuid4().hex[:8]}@bench.test"


def figures(samples: list[float]) -> Figures:
    return Figures.of(samples, len(samples) / sum(samples))  # one attempt at a time


async def through_the_app(attempts: int, email_for, first_address: str) -> list[float]:
    from omni_app.api import auth_routes
    app = Starlette(routes=auth_routes.routes)
    samples = []
    for n in range(attempts):
        address = str(ipaddress.ip_address(first_address) + n)
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            start = time.perf_counter()
            answer = await http.post("/api/auth/login",
                                     data={"email": email_for(n), "password": "wrong-one"})
            samples.append(time.perf_counter() - start)
            assert "invalid_credentials" in answer.headers["location"], answer.headers
    return samples


def straight_to_auth(lb, attempts: int, email_for) -> list[float]:
    samples = []
    with httpx.Client(base_url=f"{lb.url}/auth/v1", headers={"apikey": lb.anon_key}) as http:
        for n in range(attempts):
            start = time.perf_counter()
            answer = http.post("/token", params={"grant_type": "password"},
                               json={"email": email_for(n), "password": "wrong-one"},
                               headers={"Sb-Forwarded-For": f"198.19.{n // 250}.{n % 250 + 1}"})
            samples.append(time.perf_counter() - start)
            assert answer.status_code == 400, answer.text
    return samples


def run(attempts: int) -> None:
    with running_localbase(ROOT, token_rate_limit=1_000_000) as lb:
        install_services(env_for(lb))
        service = service_role(lb)
        accounts = [new_member(service, DEMO_COMPANY, label="timing").email
                    for _ in range(attempts)]
        known = accounts.__getitem__

        async def app_rows():  # one event loop: the app's clients live in it
            return [("app: wrong password",
                     await through_the_app(attempts, known, "198.18.0.1")),
                    ("app: unknown email",
                     await through_the_app(attempts, unknown, "198.18.100.1"))]

        rows = [(name, figures(samples)) for name, samples in [
            ("Auth: wrong password", straight_to_auth(lb, attempts, known)),
            ("Auth: unknown email", straight_to_auth(lb, attempts, unknown)),
            *asyncio.run(app_rows())]]
    print(f"{attempts} refused sign-ins each")
    print(f"{'path':<24}{'p50 ms':>9}{'p95 ms':>9}")
    for name, row in rows:
        print(f"{name:<24}{row.p50_ms:>9.1f}{row.p95_ms:>9.1f}")
    auth_gap = rows[0][1].p50_ms - rows[1][1].p50_ms
    app_gap = rows[2][1].p50_ms - rows[3][1].p50_ms
    print(f"gap (wrong password - unknown email), p50: Auth {auth_gap:.1f} ms, "
          f"app {app_gap:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=40)
    run(parser.parse_args().attempts)
