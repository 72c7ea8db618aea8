"""E2E harness: Omni in production mode on a localbase, driven by Debian's Chromium.

- `app_server` (session): `reflex run --env prod` on one free port against `app_lb`; built once per
  session into its own web folder (.e2e/web), so a running `make dev` is not disturbed.
  Log: test-artifacts/app.log.
- pytest-playwright's `browser`/`context`/`page` fixtures launch /usr/bin/chromium headless and
  use the app's URL as `base_url` (so `page.goto("/login")` works).
- Every page a test opens records its console; when a test fails, each page's screenshot, HTML
  and the console go to test-artifacts/<module>.<test name>/.
"""
from __future__ import annotations

import atexit
import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from localbase.testing import free_port
from tests.e2e.support import SOCKET_PROBE

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
TOOLS_BIN = ROOT / ".tools" / "node_modules" / ".bin"
E2E_DIR = ROOT / ".e2e"
CHROMIUM = os.environ.get("OMNI_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
START_TIMEOUT = float(os.environ.get("OMNI_E2E_START_TIMEOUT", "240"))
STOP_TIMEOUT = 15.0


def pytest_collection_modifyitems(config, items):
    """Run e2e tests last. pytest-playwright's sync API keeps its own asyncio loop marked as
    running in the main thread until the session ends; a pytest-asyncio test after it fails with
    "Cannot run the event loop while another loop is running". (Hence: e2e tests are sync.)"""
    e2e_dir = Path(__file__).resolve().parent
    items.sort(key=lambda item: e2e_dir in Path(item.path).resolve().parents)


# ---------------------------------------------------------------------------------------------
# The app


@dataclass(frozen=True)
class AppServer:
    url: str
    port: int
    log_path: Path
    pid: int
    master_key: bytes


def tools_env() -> dict[str, str]:
    """The variables that make Reflex use the project's bun and stay off the internet."""
    return {
        "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
    }


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(no log: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM the app's whole process group (reflex, its backend workers, bun/vite), then KILL."""
    for sig, grace in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, 5.0)):
        if not _group_members(proc.pid):
            break
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_members(proc.pid):
            if proc.poll() is None:
                try:
                    proc.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    pass
            else:
                time.sleep(0.2)
    proc.poll()


def _group_members(pgid: int) -> list[int]:
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


def _wait_until_up(proc: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last_error = "no answer yet"
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"the app exited with status {proc.returncode} while starting; "
                            f"{log_path} ends with:\n{log_tail(log_path)}", pytrace=False)
            try:
                page = client.get(url + "/")
                ping = client.get(url + "/ping")
                if page.status_code == 200 and ping.status_code == 200:
                    return
                last_error = f"GET / -> {page.status_code}, GET /ping -> {ping.status_code}"
            except httpx.HTTPError as exc:
                last_error = repr(exc)
            time.sleep(0.5)
    pytest.fail(f"the app did not answer on {url} within {START_TIMEOUT:.0f} s ({last_error}); "
                f"{log_path} ends with:\n{log_tail(log_path)}", pytrace=False)


@pytest.fixture(scope="session")
def app_server(app_lb) -> AppServer:
    """Omni in production mode (frontend + backend on one port) against the session localbase."""
    bun = TOOLS_BIN / "bun"
    if not bun.exists():
        pytest.fail(f"{bun} is missing: run `make install` (it installs bun from npm)",
                    pytrace=False)
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # artifacts describe this session only
    ARTIFACTS.mkdir(parents=True)
    log_path = ARTIFACTS / "app.log"

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    master_key = os.urandom(32)  # tests seal integration secrets with the app's own key
    env = {
        **os.environ,
        **app_lb.env(),
        **tools_env(),
        "OMNI_ENV": "local",
        "OMNI_PUBLIC_URL": url,
        "OMNI_MASTER_KEY": base64.b64encode(master_key).decode(),
        "OMNI_MASTER_KEY_VERSION": "1",
        # Reflex bakes the websocket URL into the frontend build (default: localhost:<port>);
        # the page must use the same host as the browser, or cookies set on 127.0.0.1 would
        # not reach the websocket.
        "REFLEX_API_URL": url,
        "REFLEX_DEPLOY_URL": url,
        "REFLEX_WEB_WORKDIR": str(E2E_DIR / "web"),
        "REFLEX_STATES_WORKDIR": str(E2E_DIR / "states"),
        "PYTHONUNBUFFERED": "1",
    }
    reflex = Path(sys.executable).parent / "reflex"
    command = [str(reflex), "run", "--env", "prod", "--backend-host", "127.0.0.1",
               "--frontend-port", str(port), "--backend-port", str(port)]
    with open(log_path, "ab", buffering=0) as log:
        log.write(f"$ {' '.join(command)}\n".encode())
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    atexit.register(_stop_group, proc)  # even if the session dies before fixture teardown
    try:
        started = time.monotonic()
        _wait_until_up(proc, url, log_path)
        with open(log_path, "a") as log:
            log.write(f"[e2e] the app answered on {url} {time.monotonic() - started:.1f} s "
                      "after `reflex run`\n")
        yield AppServer(url=url, port=port, log_path=log_path, pid=proc.pid,
                        master_key=master_key)
    finally:
        _stop_group(proc)
        atexit.unregister(_stop_group)


# ---------------------------------------------------------------------------------------------
# pytest-playwright configuration


@pytest.fixture(scope="session")
def base_url(app_server) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args) -> dict:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)",
                    pytrace=False)
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {"headless": True, **browser_type_launch_args, "executable_path": CHROMIUM,
            "args": args}


# ---------------------------------------------------------------------------------------------
# Failure artifacts


_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(item) -> bool:
    reports = item.stash.get(_REPORTS, {})
    return any(r.failed for r in reports.values())


def artifact_dir(item) -> Path:
    name = re.sub(r"[^\w.\-\[\]]+", "_", f"{item.path.stem}.{item.name}")[:150]
    return ARTIFACTS / name


class PageRecorder:
    """Console, page errors and failed requests of every page of a test, for failure reports."""

    def __init__(self) -> None:
        self.pages: list = []
        self.lines: list[str] = []
        self.page_errors: list[str] = []
        self._t0 = time.monotonic()

    def watch_context(self, context) -> None:
        context.add_init_script(SOCKET_PROBE)
        context.on("page", self.watch_page)

    def watch_page(self, page) -> None:
        index = len(self.pages)
        self.pages.append(page)

        def log(kind: str, text: str) -> None:
            self.lines.append(f"{time.monotonic() - self._t0:8.3f}s page{index} [{kind}] {text}")

        def on_console(msg) -> None:
            where = msg.location or {}
            origin = f" ({where.get('url')}:{where.get('lineNumber')})" if where.get("url") else ""
            log(msg.type, f"{msg.text}{origin}")

        def on_page_error(error) -> None:
            self.page_errors.append(str(error))
            log("pageerror", str(error))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("requestfailed",
                lambda r: log("requestfailed", f"{r.method} {r.url}: {r.failure}"))
        page.on("framenavigated",
                lambda f: log("navigated", f.url) if f == page.main_frame else None)
        page.on("crash", lambda _: log("crash", "page crashed"))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for index, page in enumerate(self.pages):
            if page.is_closed():
                continue
            try:
                page.screenshot(path=folder / f"page{index}.png", full_page=True, timeout=5000)
            except Exception as exc:  # a crashed or hung page must not hide the real failure
                self.lines.append(f"(page{index} screenshot failed: {exc})")
            try:
                (folder / f"page{index}.html").write_text(
                    f"<!-- {page.url} -->\n{page.content()}")
            except Exception as exc:
                self.lines.append(f"(page{index} HTML failed: {exc})")
        (folder / "console.txt").write_text("\n".join(self.lines) + "\n")


@pytest.fixture
def page_recorder() -> PageRecorder:
    return PageRecorder()


@pytest.fixture
def new_context(new_context, page_recorder, request):
    """pytest-playwright's `new_context`, with every context and page recorded.

    Torn down before the plugin closes the contexts, so a failed test's pages can still be
    photographed. Tests that need a second user call `new_context()` themselves.
    """
    def make(**kwargs):
        context = new_context(**kwargs)
        page_recorder.watch_context(context)
        return context

    yield make
    if _failed(request.node):
        folder = artifact_dir(request.node)
        page_recorder.save(folder)
        sys.stderr.write(f"\n[e2e] artifacts of {request.node.nodeid}: {folder}\n")
