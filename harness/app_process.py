"""Omni in production mode (`reflex run --env prod`, frontend + backend on one free port) against a
localbase, for the e2e tests and the benchmarks that need the whole app, browser included.

Each caller builds into its own folder, so an e2e session, a benchmark and `make dev` do not
disturb each other. The app runs in its own process group; leaving the `with` block any way ends
the whole group (reflex, its workers, bun).
"""
from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx

from harness.app_env import env_for
from localbase.testing import free_port

ROOT = Path(__file__).resolve().parents[1]
TOOLS_BIN = ROOT / ".tools" / "node_modules" / ".bin"
STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class AppProcess:
    url: str
    port: int
    master_key: bytes
    log_path: Path
    pid: int


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in the process group `pgid`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM the app's process group (reflex, its workers, bun), then SIGKILL what is left."""
    for sig, grace in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, 5.0)):
        if not group_members(proc.pid):
            break
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and group_members(proc.pid):
            try:
                proc.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
            time.sleep(0.05)
    proc.poll()


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


def _wait_until_up(proc: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline, last_error = time.monotonic() + timeout, "no answer yet"
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with status {proc.returncode} while "
                                   f"starting; {log_path} ends with:\n{log_tail(log_path)}")
            try:
                page, ping = client.get(url + "/"), client.get(url + "/ping")
                if page.status_code == 200 and ping.status_code == 200:
                    return
                last_error = f"GET / -> {page.status_code}, GET /ping -> {ping.status_code}"
            except httpx.HTTPError as exc:
                last_error = repr(exc)
            time.sleep(0.5)
    raise RuntimeError(f"the app did not answer on {url} within {timeout:.0f} s "
                       f"({last_error}); {log_path} ends with:\n{log_tail(log_path)}")


@contextmanager
def running_app(lb, work_dir: Path, log_path: Path,
                start_timeout: float = 300.0) -> Iterator[AppProcess]:
    """Build the app into `work_dir` and start it against `lb`, logging to `log_path`; stop its
    whole process group on the way out. RuntimeError (with the log's tail) if it never answers."""
    bun = TOOLS_BIN / "bun"
    if not bun.exists():
        raise RuntimeError(f"{bun} is missing: run `make install` (it installs bun from npm)")
    work_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    master_key = os.urandom(32)  # callers seal integration secrets with the app's own key
    env = {
        **os.environ, **env_for(lb, master_key=master_key, public_url=url),
        "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1", "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        # The websocket URL is baked into the build and must use the browser's host (cookies).
        "REFLEX_API_URL": url, "REFLEX_DEPLOY_URL": url,
        "REFLEX_WEB_WORKDIR": str(work_dir / "web"),
        "REFLEX_STATES_WORKDIR": str(work_dir / "states"),
        "PYTHONUNBUFFERED": "1",
    }
    command = [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod",
               "--backend-host", "127.0.0.1", "--frontend-port", str(port),
               "--backend-port", str(port)]
    with open(log_path, "ab", buffering=0) as log:
        log.write(f"$ {' '.join(command)}\n".encode())
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    atexit.register(stop_group, proc)  # even if the caller dies before leaving the block
    try:
        _wait_until_up(proc, url, log_path, start_timeout)
        yield AppProcess(url=url, port=port, master_key=master_key, log_path=log_path,
                         pid=proc.pid)
    finally:
        stop_group(proc)
        atexit.unregister(stop_group)
