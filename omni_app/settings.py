"""Every environment variable Omni reads, parsed once. See .env.example for what each means."""
from __future__ import annotations

import base64
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("omni.settings")

# The Supabase CLI's (and localbase's) local defaults, so a fresh checkout runs as is.
LOCAL_ANON_KEY = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24i"
                  "LCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0")
LOCAL_SERVICE_ROLE_KEY = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZS"
                          "I6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU")
DEV_MASTER_KEY_FILE = Path(".omni-dev") / "master.key"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:3000"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    supabase_url: str = "http://127.0.0.1:54321"
    supabase_anon_key: str = LOCAL_ANON_KEY
    supabase_service_role_key: SecretStr = SecretStr(LOCAL_SERVICE_ROLE_KEY)
    supabase_jwt_secret: SecretStr | None = None
    omni_env: Literal["local", "production"] = "local"
    omni_public_url: str = DEFAULT_PUBLIC_URL
    omni_master_key: SecretStr | None = Field(default=None, description="base64 of 32 bytes")
    omni_master_key_version: int = Field(default=1, gt=0)
    omni_previous_master_keys: SecretStr | None = Field(
        default=None, description="keys sealed data may still be under: '1:<base64>,2:<base64>'")
    omni_trusted_proxies: str = Field(default="", description="proxies whose X-Forwarded-For "
                                                              "is believed: IPs or CIDRs")
    omni_outbound_allow: str = Field(default="", description="private hosts or networks the "
                                                             "n8n outbound URL may point at")
    webhook_secret: SecretStr | None = None
    webhook_default_company_id: str | None = None
    n8n_outbound_url: str | None = None
    omni_invite_by_email: bool = Field(default=True, description="Supabase Auth e-mails team "
                                       "invitations (false: a temporary password to hand over)")
    log_level: str = "INFO"
    session_days: int = Field(default=30, description="idle days before a sign-in expires")
    omni_job_lease_seconds: int = Field(default=120, ge=5, description="how long a claimed job "
                                        "is its worker's before another may take it over")
    # The analyst's LLM: any OpenAI-compatible server. Without a key the rules answer.
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = Field(default=None, description="default: OpenAI's")
    openai_model: str = Field(default="gpt-4o-mini", description="clinics may choose another")
    openai_timeout_seconds: float = Field(default=20.0, gt=0, le=120)
    openai_max_retries: int = Field(default=2, ge=0, le=5)
    omni_llm_price_input: float = Field(default=0.15, ge=0, description="USD per 1M tokens in")
    omni_llm_price_output: float = Field(default=0.60, ge=0, description="USD per 1M tokens out")
    omni_analyst_daily: bool = Field(default=True, description="workers plan the analyst's "
                                     "daily run (off in the test harness's app processes)")
    omni_analyst_daily_hour_utc: int = Field(default=6, ge=0, le=23, description="the daily "
                                             "snapshot run is planned after this hour (UTC)")

    @field_validator("omni_public_url", "supabase_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def production(self) -> bool:
        return self.omni_env == "production"

    def master_key(self) -> bytes:
        """32 bytes. Required in production; locally a development key is made once and kept
        (gitignored) so sealed data survives restarts."""
        if self.omni_master_key is not None:
            return decoded_key(self.omni_master_key.get_secret_value(), "OMNI_MASTER_KEY")
        if self.production:
            raise RuntimeError("OMNI_MASTER_KEY is required when OMNI_ENV=production")
        if not DEV_MASTER_KEY_FILE.exists():
            DEV_MASTER_KEY_FILE.parent.mkdir(exist_ok=True)
            DEV_MASTER_KEY_FILE.write_bytes(base64.b64encode(os.urandom(32)))
            DEV_MASTER_KEY_FILE.chmod(0o600)
            log.warning("OMNI_MASTER_KEY is not set: created a development key in %s "
                        "(local mode only)", DEV_MASTER_KEY_FILE)
        return base64.b64decode(DEV_MASTER_KEY_FILE.read_bytes())

    def master_keys(self) -> dict[int, bytes]:
        """Every master key by version: the current one seals, any of them opens (rotation)."""
        keys = {version: decoded_key(text, f"OMNI_PREVIOUS_MASTER_KEYS (version {version})")
                for version, text in _versioned(self.omni_previous_master_keys)}
        keys[self.omni_master_key_version] = self.master_key()
        return keys


def _versioned(spec: SecretStr | None) -> list[tuple[int, str]]:
    pairs = []
    for entry in (spec.get_secret_value() if spec else "").split(","):
        if not entry.strip():
            continue
        version, sep, key = entry.strip().partition(":")
        if not sep or not version.isdigit() or int(version) < 1:
            raise ValueError("OMNI_PREVIOUS_MASTER_KEYS entries are '<version>:<base64 key>'")
        pairs.append((int(version), key))
    return pairs


def decoded_key(text: str, name: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        raise ValueError(f"{name} is not base64") from None
    if len(key) != 32:
        raise ValueError(f"{name} must be base64 of exactly 32 bytes")
    return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
