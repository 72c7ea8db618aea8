"""`python -m localbase up | status | env | down` as a person runs them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import psycopg
import pytest

from localbase.testing import throwaway_config

PROJECT = Path(__file__).parent / "project"


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "localbase", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def cli_env():
    config = throwaway_config(PROJECT)
    env = {**os.environ, "LOCALBASE_DIR": str(config.dir), "LOCALBASE_PROJECT_DIR": str(PROJECT),
           "LOCALBASE_DB_PORT": str(config.db_port), "LOCALBASE_API_PORT": str(config.api_port),
           "LOCALBASE_MAIL_PORT": str(config.mail_port)}
    yield env, config
    cli(env, "down")
    shutil.rmtree(config.dir, ignore_errors=True)


def postgres_processes(data_dir: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(data_dir) in line]


def test_up_status_env_down_lifecycle(cli_env):
    env, config = cli_env

    first = cli(env, "up")
    assert first.returncode == 0, first.stderr
    assert "platform: roles, auth and extensions schemas created" in first.stdout
    assert f"running on {config.host}:{config.db_port}" in first.stdout
    assert httpx.get(f"{config.api_url}/health").status_code == 200

    again = cli(env, "up")
    assert again.returncode == 0, again.stderr
    assert "platform" not in again.stdout and "migration applied" not in again.stdout

    status = cli(env, "status")
    assert f"running on {config.api_url}" in status.stdout

    with psycopg.connect(config.db_url, autocommit=True) as conn:
        conn.execute("create table public.scratch (id int)")
    reset = cli(env, "reset")
    assert reset.returncode == 0, reset.stderr
    assert "platform: roles, auth and extensions schemas created" in reset.stdout
    assert httpx.get(f"{config.api_url}/rest/v1/scratch",
                     headers={"apikey": config.anon_key}).status_code == 404

    env_lines = dict(line.split("=", 1) for line in cli(env, "env").stdout.splitlines())
    assert env_lines["SUPABASE_URL"] == config.api_url
    assert env_lines["SUPABASE_ANON_KEY"] == config.anon_key
    assert env_lines["SUPABASE_DB_URL"].endswith(f":{config.db_port}/postgres")

    down = cli(env, "down")
    assert down.returncode == 0, down.stderr
    assert postgres_processes(config.data_dir) == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{config.api_url}/health")
    assert "stopped" in cli(env, "status").stdout


def test_failing_migration_reports_file_and_exits_nonzero(cli_env, tmp_path):
    env, config = cli_env
    project = tmp_path / "project"
    (project / "supabase" / "migrations").mkdir(parents=True)
    (project / "supabase" / "migrations" / "1_bad.sql").write_text("create tabel oops ();")
    env = {**env, "LOCALBASE_PROJECT_DIR": str(project)}

    result = cli(env, "up")

    assert result.returncode == 1
    assert "1_bad.sql" in result.stderr and "syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_env_matches_supabase_cli_local_values():
    result = subprocess.run([sys.executable, "-m", "localbase", "env"], capture_output=True,
                            text=True, env={k: v for k, v in os.environ.items()
                                            if not k.startswith("LOCALBASE_")})
    values = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert values["SUPABASE_URL"] == "http://127.0.0.1:54321"
    assert values["LOCALBASE_MAILBOX_URL"] == "http://127.0.0.1:54324"   # the CLI's Inbucket
    assert values["SUPABASE_DB_URL"] == "postgresql://postgres:postgres@127.0.0.1:54322/postgres"
    assert values["SUPABASE_ANON_KEY"] == (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAi"
        "OjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0")
    assert values["SUPABASE_SERVICE_ROLE_KEY"] == (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vf"
        "cm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU")


def test_a_new_shell_reports_and_stops_the_running_instance(cli_env):
    env, config = cli_env
    secret = "another-secret-that-is-at-least-32-characters"
    assert cli({**env, "LOCALBASE_JWT_SECRET": secret}, "up").returncode == 0
    where = ("LOCALBASE_DIR", "LOCALBASE_PROJECT_DIR")
    new_shell = {k: v for k, v in env.items() if not k.startswith("LOCALBASE_") or k in where}

    status = cli(new_shell, "status").stdout
    assert f"running on {config.host}:{config.db_port}" in status
    assert f"running on {config.api_url}" in status
    assert f"mailbox   running on {config.mailbox_url}" in status
    values = dict(line.split("=", 1) for line in cli(new_shell, "env").stdout.splitlines())
    assert values["SUPABASE_URL"] == config.api_url
    assert values["SUPABASE_DB_URL"] == config.db_url
    assert values["SUPABASE_JWT_SECRET"] == secret
    assert values["LOCALBASE_MAILBOX_URL"] == config.mailbox_url
    assert httpx.get(f"{config.mailbox_url}/api/v1/messages").json()["total"] == 0
    service_key = values["SUPABASE_SERVICE_ROLE_KEY"]
    assert httpx.get(f"{config.api_url}/rest/v1/todos", headers={
        "apikey": service_key, "Authorization": f"Bearer {service_key}"}).status_code == 200

    assert cli(new_shell, "down").returncode == 0
    assert postgres_processes(config.data_dir) == []
    assert "stopped" in cli(env, "status").stdout
