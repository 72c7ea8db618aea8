"""`make dev` (scripts/dev.sh) stops everything it started, however the stop signals come: two
quick TERMs (a supervisor), two quick Ctrl-Cs (INT to the terminal's whole process group)."""
from __future__ import annotations

import base64
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from harness.app_process import TOOLS_BIN, group_members
from localbase.testing import free_port

ROOT = Path(__file__).resolve().parents[2]
BANNER = "Omni is running"
START_TIMEOUT = 240.0


@pytest.fixture(scope="module")
def dev_env():
    """What `make dev` exports, with localbase in a temporary folder and every port free; the
    build goes to a folder of its own (kept between runs, like .e2e/web)."""
    directory = Path(tempfile.mkdtemp(prefix="localbase-"))
    os.chmod(directory, 0o755)  # the server's OS user must reach its data directory
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SUPABASE_", "LOCALBASE_", "OMNI_", "REFLEX_"))}
    env.update({
        "PATH": f"{TOOLS_BIN}{os.pathsep}{env.get('PATH', '')}", "PYTHONUNBUFFERED": "1",
        "REFLEX_USE_SYSTEM_BUN": "1", "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_WEB_WORKDIR": str(ROOT / ".e2e" / "dev-web"),
        "REFLEX_STATES_WORKDIR": str(directory / "states"),
        "LOCALBASE_DIR": str(directory), "LOCALBASE_DURABLE": "false",
        "LOCALBASE_DB_PORT": str(free_port()), "LOCALBASE_API_PORT": str(free_port()),
        "LOCALBASE_MAIL_PORT": str(free_port()), "APP_PORT": str(free_port()),
        "OMNI_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),  # not .omni-dev's key
    })
    yield env
    subprocess.run([sys.executable, "-m", "localbase", "down"], env=env, cwd=ROOT,
                   capture_output=True, timeout=120)
    shutil.rmtree(directory, ignore_errors=True)


def read_until(proc: subprocess.Popen, text: str, timeout: float) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while text not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            raise AssertionError(f"no {text!r} from dev.sh; it printed:\n{seen}")
        if select.select([proc.stdout], [], [], min(left, 1.0))[0]:
            seen += os.read(proc.stdout.fileno(), 65536).decode(errors="replace")
    return seen


def children_groups(pid: int) -> set[int]:
    """Process groups of `pid`'s children other than its own (the app runs in its own)."""
    groups = set()
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        ppid, pgrp = (int(field) for field in stat[stat.rindex(")") + 2:].split()[1:3])
        if ppid == pid and pgrp != pid:
            groups.add(pgrp)
    return groups


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"


def postgres_processes(data_dir: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(data_dir) in line]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_two_quick_stop_signals_leave_nothing_running(dev_env, stop_signal):
    run_dir = Path(dev_env["LOCALBASE_DIR"]) / "run"
    proc = subprocess.Popen(["bash", "scripts/dev.sh"], cwd=ROOT, env=dev_env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    app_groups: set[int] = set()
    try:
        output = read_until(proc, BANNER, START_TIMEOUT)
        app_groups = children_groups(proc.pid)
        api_pid = int((run_dir / "api.pid").read_text())
        assert app_groups and alive(api_pid)

        os.killpg(proc.pid, stop_signal)
        time.sleep(0.3)
        os.killpg(proc.pid, stop_signal)
        output += proc.communicate(timeout=60)[0].decode(errors="replace")
    finally:
        for group in (proc.pid, *app_groups):  # whatever dev.sh left behind, for the next test
            if group_members(group):
                os.killpg(group, signal.SIGKILL)

    assert [g for g in (proc.pid, *app_groups) if group_members(g)] == [], output
    assert not alive(api_pid), output
    assert postgres_processes(Path(dev_env["LOCALBASE_DIR"]) / "pgdata") == [], output
    assert "Traceback" not in output
    assert "localbase stopped" in output
