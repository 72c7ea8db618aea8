"""Omni's HTTP API alone (`build_api()`: webhooks, /api/v1, the workflow downloads), served by
uvicorn on a free loopback port in a process of its own, against a localbase: for tests where
something outside the test process (a real n8n) must reach Omni over real HTTP, without building
the whole Reflex app (harness/app_process.py). No job worker runs in it: the caller drains jobs.

    with running_api(env) as url: ...     # env: harness/app_env.env_for(lb, ...)
"""
from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import httpx

from harness.app_process import log_tail, stop_group
from localbase.testing import free_port

ROOT = Path(__file__).resolve().parents[1]


def create():
    """uvicorn's factory (`--factory harness.api_process:create`): Services from the process
    environment, installed as the composition root installs them, and the API."""
    import logging

    from harness.app_env import install_services
    from omni_app.api.app import build_api
    services = install_services()
    logging.basicConfig(level=services.settings.log_level)  # as the composition root does
    return build_api()


@contextmanager
def running_api(env: Mapping[str, str], log_path: Path,
                start_timeout: float = 60.0) -> Iterator[str]:
    """The API's base URL while it runs with `env` (plus OMNI_PUBLIC_URL set to that URL, so the
    URLs it hands out point at itself), logging to `log_path` at LOG_LEVEL (INFO unless set);
its process group is stopped on the way out."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "--factory", "harness.api_process:create",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with open(log_path, "ab", buffering=0) as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, **env, "OMNI_PUBLIC_URL": url,
                                     "PYTHONUNBUFFERED": "1"})
    atexit.register(stop_group, proc)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the API exited with status {proc.returncode}; {log_path} "
                                   f"ends with:\n{log_tail(log_path)}")
            try:
                if httpx.get(url + "/api/health", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API did not answer on {url} within {start_timeout:.0f}"
                                   f" s; {log_path} ends with:\n{log_tail(log_path)}")
            time.sleep(0.2)
        yield url
    finally:
        stop_group(proc)
        atexit.unregister(stop_group)
