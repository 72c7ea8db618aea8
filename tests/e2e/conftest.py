"""E2E harness: Omni in production mode on a localbase, driven by Debian's Chromium.

- `app_server` (session): `reflex run --env prod` on one free port against `app_lb`; built once per
  session into its own web folder (.e2e/web), so a running `make dev` is not disturbed.
  Log: test-artifacts/app.log.
- pytest-playwright's `browser`/`context`/`page` fixtures launch /usr/bin/chromium headless and
  use the app's URL as `base_url` (so `page.goto("/login")` works).
- Every page a test opens records its console; when a test fails, each page's screenshot, HTML
  and the console go to test-artifacts/<module>.<test name>/.
- Every test starts with no sign-in counted: the browser always signs in from 127.0.0.1, so the
  refusals of earlier tests would otherwise add up to the address's limit.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import psycopg
import pytest

from harness.app_process import AppProcess, running_app
from harness.browser import CHROMIUM, CHROMIUM_ARGS, SOCKET_PROBE

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
E2E_DIR = ROOT / ".e2e"
START_TIMEOUT = float(os.environ.get("OMNI_E2E_START_TIMEOUT", "240"))


def pytest_collection_modifyitems(config, items):
    """Run e2e tests last. pytest-playwright's sync API keeps its own asyncio loop marked as
    running in the main thread until the session ends; a pytest-asyncio test after it fails with
    "Cannot run the event loop while another loop is running". (Hence: e2e tests are sync.)"""
    e2e_dir = Path(__file__).resolve().parent
    items.sort(key=lambda item: e2e_dir in Path(item.path).resolve().parents)


# ---------------------------------------------------------------------------------------------
# The app


@pytest.fixture(scope="session")
def app_server(app_lb) -> AppProcess:
    """Omni in production mode (frontend + backend on one port) against the session localbase;
    `.master_key` is the app's, for tests that seal integration secrets."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # artifacts describe this session only
    ARTIFACTS.mkdir(parents=True)
    try:
        with running_app(app_lb, E2E_DIR, ARTIFACTS / "app.log", START_TIMEOUT) as app:
            yield app
    except RuntimeError as failure:
        pytest.fail(str(failure), pytrace=False)


@pytest.fixture(autouse=True)
def no_sign_ins_counted(app_lb) -> None:
    """Forget the sign-in throttle's counts (omni_app/domain/sign_in_guard.py: `signin:addr:`
    per address, `signin:acct:` per account). Every sign-in here comes from 127.0.0.1 and 10
    refusals per 15 minutes stop that address, so without this a test's sign-in would fail or
    not depending on how many refusals the tests before it made."""
    with psycopg.connect(app_lb.admin_dsn, autocommit=True) as conn:
        conn.execute("delete from public.rate_limits "
                     "where key like 'signin:addr:%' or key like 'signin:acct:%'")


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
        self.policy_violations: list[str] = []
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
            if "Content Security Policy" in msg.text:
                self.policy_violations.append(msg.text)

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
    # Every page the e2e tests open also proves the security policy lets the app run.
    assert page_recorder.policy_violations == [], page_recorder.policy_violations
    if _failed(request.node):
        folder = artifact_dir(request.node)
        page_recorder.save(folder)
        sys.stderr.write(f"\n[e2e] artifacts of {request.node.nodeid}: {folder}\n")
