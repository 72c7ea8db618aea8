"""The API server as a background process: start it, wait until it answers, stop it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from localbase.cluster import LocalbaseError
from localbase.config import LocalbaseConfig


class ApiProcess:
    def __init__(self, config: LocalbaseConfig):
        self.config = config
        self.pid_file = config.run_dir / "api.pid"
        self.log_file = config.log_dir / "api.log"

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text())
            os.kill(pid, 0)
        except (FileNotFoundError, ValueError, ProcessLookupError):
            return None
        return pid

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.config.api_url}/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def start(self, env: dict[str, str] | None = None) -> int:
        if (pid := self.pid()) is not None:
            return pid
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        self.config.run_dir.mkdir(parents=True, exist_ok=True)
        child_env = {**os.environ, **self._config_env(), **(env or {})}
        with open(self.log_file, "ab") as log:
            proc = subprocess.Popen([sys.executable, "-m", "localbase", "serve"], env=child_env,
                                    stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LocalbaseError(f"the API server exited; see {self.log_file}:\n"
                                     + _tail(self.log_file))
            if self.healthy():
                return proc.pid
            time.sleep(0.1)
        self.stop()
        raise LocalbaseError(f"the API server did not answer on {self.config.api_url} in 30 s; "
                             f"see {self.log_file}")

    def stop(self) -> None:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.pid() is not None:
            _reap(pid)
            time.sleep(0.05)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            _reap(pid)
        self.pid_file.unlink(missing_ok=True)

    def _config_env(self) -> dict[str, str]:
        """Hand the resolved configuration to the child, whatever our own env said."""
        cfg = self.config
        return {"LOCALBASE_DIR": str(cfg.dir.resolve()),
                "LOCALBASE_PROJECT_DIR": str(cfg.project_dir.resolve()),
                "LOCALBASE_HOST": cfg.host, "LOCALBASE_DB_PORT": str(cfg.db_port),
                "LOCALBASE_API_PORT": str(cfg.api_port),
                "LOCALBASE_MAIL_PORT": str(cfg.mail_port), "LOCALBASE_SITE_URL": cfg.site_url,
                "LOCALBASE_ADDITIONAL_REDIRECT_URLS": cfg.additional_redirect_urls,
                "LOCALBASE_OTP_EXPIRY": str(cfg.otp_expiry),
                "LOCALBASE_MAIL_MAX_FREQUENCY": str(cfg.mail_max_frequency),
                "LOCALBASE_JWT_SECRET": cfg.jwt_secret,
                "LOCALBASE_JWT_EXPIRY": str(cfg.jwt_expiry),
                "LOCALBASE_MIN_PASSWORD_LENGTH": str(cfg.min_password_length),
                "LOCALBASE_TOKEN_RATE_LIMIT": str(cfg.token_rate_limit),
                "LOCALBASE_TOKEN_RATE_WINDOW": str(cfg.token_rate_window),
                "LOCALBASE_SB_FORWARDED_FOR": str(cfg.sb_forwarded_for).lower(),
                "LOCALBASE_MAX_BODY_BYTES": str(cfg.max_body_bytes),
                "LOCALBASE_POOL_SIZE": str(cfg.pool_size),
                "LOCALBASE_DURABLE": str(cfg.durable).lower()}


def _reap(pid: int) -> None:
    """Collect our own child's exit status so it does not linger as a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _tail(path: Path, lines: int = 15) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
