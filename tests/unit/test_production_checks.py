"""Finding 7: with OMNI_ENV=production the app refuses to start on demo secrets, a Supabase on
this machine, a weak master key or a plain-http public URL, naming each variable."""
from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest

from omni_app import production_checks
from omni_app.production_checks import DEMO_JWT_SECRET, UnsafeProductionSettings
from omni_app.settings import LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY, Settings

ROOT = Path(__file__).resolve().parents[2]
PROJECT_SECRET = "a-real-project-secret-" + "x" * 30


def key(role: str, secret: str = PROJECT_SECRET, issuer: str = "supabase") -> str:
    return jwt.encode({"iss": issuer, "role": role, "exp": 2_000_000_000}, secret, "HS256")


def good(**overrides) -> dict:
    values = dict(
        OMNI_ENV="production", OMNI_PUBLIC_URL="https://app.omni.example",
        SUPABASE_URL="https://abcd.supabase.co", SUPABASE_JWT_SECRET=PROJECT_SECRET,
        SUPABASE_ANON_KEY=key("anon"), SUPABASE_SERVICE_ROLE_KEY=key("service_role"),
        OMNI_MASTER_KEY=base64.b64encode(os.urandom(32)).decode())
    return {**values, **overrides}


def settings(env: dict) -> Settings:
    return Settings(_env_file=None, **{name.lower(): value for name, value in env.items()})


def test_a_sound_production_configuration_starts():
    assert production_checks.problems(settings(good())) == []
    production_checks.enforce(settings(good()))


def test_an_llm_on_this_machine_may_be_plain_http():
    for url in ("http://127.0.0.1:11434/v1", "http://localhost:8000/v1",
                "https://llm.example/v1"):
        assert production_checks.problems(settings(good(OPENAI_BASE_URL=url))) == []


def test_local_mode_accepts_the_demo_setup():
    assert production_checks.problems(Settings(_env_file=None, omni_env="local")) == []


@pytest.mark.parametrize("change, variable", [
    ({"SUPABASE_JWT_SECRET": DEMO_JWT_SECRET}, "SUPABASE_JWT_SECRET"),
    ({"SUPABASE_SERVICE_ROLE_KEY": LOCAL_SERVICE_ROLE_KEY}, "SUPABASE_SERVICE_ROLE_KEY"),
    ({"SUPABASE_ANON_KEY": LOCAL_ANON_KEY}, "SUPABASE_ANON_KEY"),
    ({"SUPABASE_ANON_KEY": key("anon", DEMO_JWT_SECRET, "other")}, "SUPABASE_ANON_KEY"),
    ({"SUPABASE_SERVICE_ROLE_KEY": key("service_role", issuer="supabase-demo")},
     "SUPABASE_SERVICE_ROLE_KEY"),
    ({"SUPABASE_URL": "http://127.0.0.1:54321"}, "SUPABASE_URL"),
    ({"SUPABASE_URL": "http://localhost:54321"}, "SUPABASE_URL"),
    ({"SUPABASE_URL": "http://[::1]:54321"}, "SUPABASE_URL"),
    ({"OMNI_MASTER_KEY": base64.b64encode(bytes(32)).decode()}, "OMNI_MASTER_KEY"),
    ({"OMNI_MASTER_KEY": base64.b64encode(b"0123456789abcdef" * 2).decode()}, "OMNI_MASTER_KEY"),
    ({"OMNI_MASTER_KEY": base64.b64encode(b"omni-production-master-key-2026!").decode()},
     "OMNI_MASTER_KEY"),
    ({"OMNI_MASTER_KEY": base64.b64encode(os.urandom(16)).decode()}, "OMNI_MASTER_KEY"),
    ({"OMNI_PUBLIC_URL": "http://app.omni.example"}, "OMNI_PUBLIC_URL"),
    ({"OPENAI_BASE_URL": "http://llm.internal.example/v1"}, "OPENAI_BASE_URL"),
])
def test_each_unsafe_value_is_refused_by_name(change, variable):
    with pytest.raises(UnsafeProductionSettings) as refused:
        production_checks.enforce(settings(good(**change)))
    assert variable in str(refused.value)


def test_a_missing_master_key_is_named():
    env = good(OMNI_MASTER_KEY=None)  # None, not absent: the environment may hold one
    assert any("OMNI_MASTER_KEY is required" in p for p in production_checks.problems(settings(env)))


def test_the_app_itself_refuses_to_start_with_demo_keys():
    env = {**os.environ, **good(SUPABASE_SERVICE_ROLE_KEY=LOCAL_SERVICE_ROLE_KEY,
                                SUPABASE_URL="http://127.0.0.1:54321")}
    started = subprocess.run([sys.executable, "-c", "import omni_app.omni_app"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode != 0
    assert "SUPABASE_SERVICE_ROLE_KEY" in started.stderr and "SUPABASE_URL" in started.stderr
