"""A private PostgreSQL cluster: find the server binaries, initdb, start, stop.

PostgreSQL refuses to run as root, so when we are root the server runs as an unprivileged OS
user (`postgres` by default) that owns the data directory.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from localbase.config import DB_PASSWORD, LocalbaseConfig

INSTALL_HINT = ("PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them, e.g. "
                "`apt-get install postgresql` on Debian/Ubuntu or `brew install postgresql@15` "
                "on macOS, or put their bin directory on PATH.")


class LocalbaseError(RuntimeError):
    """A failure with a message meant for the person running localbase."""


def find_bindir() -> Path:
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if out.returncode == 0:
            candidates.append(Path(out.stdout.strip()))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                      reverse=True)
    candidates.extend(versions)
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    raise LocalbaseError(INSTALL_HINT)


def server_user() -> str | None:
    """The OS user the server runs as: None means the current one."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("LOCALBASE_OS_USER", "postgres")
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise LocalbaseError(
            f"Running as root, but OS user {name!r} does not exist to run PostgreSQL "
            f"(it refuses root). Create it (`useradd --system {name}`) or set "
            "LOCALBASE_OS_USER to an unprivileged user.") from None
    return name


class Cluster:
    def __init__(self, config: LocalbaseConfig):
        self.config = config
        self.bindir = find_bindir()
        self.user = server_user()

    @property
    def initialized(self) -> bool:
        return (self.config.data_dir / "PG_VERSION").exists()

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run([str(self.bindir / args[0]), *args[1:]], user=self.user,
                             capture_output=True, text=True, cwd="/")
        if check and out.returncode != 0:
            raise LocalbaseError(f"{args[0]} failed: {(out.stderr or out.stdout).strip()}")
        return out

    def _own(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(path, self.user, self.user)

    def init(self) -> bool:
        """Create the cluster unless it exists; True when it was created."""
        if self.initialized:
            return False
        cfg = self.config
        for path in (cfg.dir.resolve(), cfg.data_dir, cfg.run_dir, cfg.log_dir):
            self._own(path)
        with tempfile.NamedTemporaryFile("w", dir=cfg.run_dir, delete=False) as pwfile:
            pwfile.write(DB_PASSWORD)
        try:
            if self.user:
                shutil.chown(pwfile.name, self.user, self.user)
            self._run("initdb", "-D", str(cfg.data_dir), "-U", "postgres", "-E", "UTF8",
                      "--locale=C.UTF-8", f"--pwfile={pwfile.name}", "--auth-local=trust",
                      "--auth-host=scram-sha-256", "--no-sync")
        finally:
            os.unlink(pwfile.name)
        return True

    def _server_options(self) -> str:
        cfg = self.config
        options = [f"-c listen_addresses={cfg.host}", f"-c port={cfg.db_port}",
                   f"-c unix_socket_directories={cfg.run_dir}", "-c max_connections=200",
                   "-c shared_buffers=256MB", "-c timezone=UTC"]
        if not cfg.durable:
            # Throwaway clusters (tests, benchmarks' scratch data) trade crash safety for speed.
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        return " ".join(options)

    @property
    def running(self) -> bool:
        return self.initialized and self._run("pg_ctl", "status", "-D",
                                              str(self.config.data_dir), check=False).returncode == 0

    def start(self) -> None:
        if self.running:
            return
        log = self.config.log_dir / "postgres.log"
        self._own(self.config.log_dir)
        self._own(self.config.run_dir)
        out = self._run("pg_ctl", "start", "-D", str(self.config.data_dir), "-l", str(log),
                        "-w", "-t", "60", "-o", self._server_options(), check=False)
        if out.returncode != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:] if log.exists() else []
            raise LocalbaseError(f"PostgreSQL did not start on {self.config.host}:"
                                 f"{self.config.db_port}:\n" + "\n".join(tail))

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "stop", "-D", str(self.config.data_dir), "-m", "fast", "-w")

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.config.dir.resolve(), ignore_errors=True)
