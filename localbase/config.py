"""Where localbase keeps its cluster, which ports it serves, and the project's JWT keys.

Defaults equal the Supabase CLI's local ones so that `.env` files written for `supabase start`
work unchanged against localbase.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from localbase import keys

DEMO_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
DB_PASSWORD = "postgres"  # the Supabase CLI's local password, for `postgres` and `authenticator`


class LocalbaseConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOCALBASE_", extra="ignore")

    dir: Path = Field(default=Path(".localbase"), description="cluster data, logs and pid files")
    project_dir: Path = Field(default=Path("."), description="holds supabase/migrations and seed.sql")
    host: str = "127.0.0.1"
    db_port: int = 54322
    api_port: int = 54321
    mail_port: int = Field(default=54324, description="the mailbox viewer (the CLI's Inbucket/"
                           "Mailpit port): Auth's e-mails land there")
    jwt_secret: str = DEMO_JWT_SECRET
    jwt_expiry: int = Field(default=3600, description="access token lifetime in seconds")
    min_password_length: int = 6
    token_rate_limit: int = Field(default=30, description="password/refresh attempts per IP+email")
    token_rate_window: int = Field(default=300, description="seconds of the rate-limit window")
    sb_forwarded_for: bool = Field(default=True, description="Auth keys rate limits and "
                                   "session addresses on Sb-Forwarded-For when present")
    max_body_bytes: int = Field(default=2 * 1024 * 1024, description="larger request bodies "
                                "to /auth/v1 and /rest/v1 answer 413, like the gateway")
    site_url: str = Field(default="http://127.0.0.1:3000", description="GoTrue's SITE_URL: "
                          "where e-mail links go when redirect_to is missing or not allowed")
    additional_redirect_urls: str = Field(
        default="http://127.0.0.1:*/**,http://localhost:*/**",
        description="comma-separated globs (GoTrue's URI_ALLOW_LIST) redirect_to may match")
    otp_expiry: int = Field(default=3600, description="seconds an e-mailed link or code works")
    mail_max_frequency: int = Field(default=60, description="seconds before the same address "
                                    "may be sent another recovery or invitation e-mail")
    pool_size: int = 10
    durable: bool = Field(default=True, description="fsync on; off only for throwaway clusters")

    @property
    def data_dir(self) -> Path:
        return self.dir.resolve() / "pgdata"

    @property
    def run_dir(self) -> Path:
        return self.dir.resolve() / "run"

    @property
    def log_dir(self) -> Path:
        return self.dir.resolve() / "log"

    @property
    def mail_dir(self) -> Path:
        """Sent e-mails, one JSON file each: every process (API, viewer, tests) reads them."""
        return self.dir.resolve() / "mail"

    @property
    def templates_dir(self) -> Path:
        """The project's e-mail templates (`<type>.html`), as the Supabase CLI's config.toml
        `[auth.email.template.<type>] content_path` points at them."""
        return self.project_dir.resolve() / "supabase" / "templates"

    @property
    def migrations_dir(self) -> Path:
        return self.project_dir.resolve() / "supabase" / "migrations"

    @property
    def seed_file(self) -> Path:
        return self.project_dir.resolve() / "supabase" / "seed.sql"

    def dsn(self, user: str = "postgres", dbname: str = "postgres") -> str:
        return (f"postgresql://{user}:{DB_PASSWORD}@{self.host}:{self.db_port}/{dbname}"
                "?application_name=localbase")

    @property
    def db_url(self) -> str:
        return f"postgresql://postgres:{DB_PASSWORD}@{self.host}:{self.db_port}/postgres"

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.api_port}"

    @property
    def mailbox_url(self) -> str:
        return f"http://{self.host}:{self.mail_port}"

    @cached_property
    def anon_key(self) -> str:
        return keys.api_key(self.jwt_secret, "anon")

    @cached_property
    def service_role_key(self) -> str:
        return keys.api_key(self.jwt_secret, "service_role")

    def env(self) -> dict[str, str]:
        """The variables an app needs to reach this backend, as `supabase status` prints them."""
        return {
            "SUPABASE_URL": self.api_url,
            "SUPABASE_ANON_KEY": self.anon_key,
            "SUPABASE_SERVICE_ROLE_KEY": self.service_role_key,
            "SUPABASE_JWT_SECRET": self.jwt_secret,
            "SUPABASE_DB_URL": self.db_url,
            "LOCALBASE_MAILBOX_URL": self.mailbox_url,
        }
