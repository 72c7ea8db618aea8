"""Platform bootstrap, migrations and seed, the way the Supabase CLI applies them.

Each `supabase/migrations/<digits>_<name>.sql` runs in its own transaction and is recorded as
`(version, name, statements)` in `supabase_migrations.schema_migrations`; `supabase/seed.sql`
runs once, right after the migrations of a fresh database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import psycopg
import sqlparse

from localbase.cluster import LocalbaseError
from localbase.config import LocalbaseConfig

MIGRATION_FILE = re.compile(r"^(?P<version>\d+)_(?P<name>.+)\.sql$")
_HISTORY = """
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key, statements text[], name text)
"""


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")



@dataclass
class MigrationReport:
    bootstrapped: bool
    applied: list[str]
    seeded: bool


def discover(directory: Path) -> list[Migration]:
    found = []
    for path in directory.glob("*.sql") if directory.is_dir() else []:
        match = MIGRATION_FILE.match(path.name)
        if match:
            found.append(Migration(match["version"], match["name"], path))
    return sorted(found, key=lambda m: (int(m.version), m.name))


class StatementFailed(Exception):
    def __init__(self, line: int, error: psycopg.Error):
        diag = error.diag
        text = f"line {line}: {diag.sqlstate or ''} {diag.message_primary or error}"
        if diag.message_detail:
            text += f"\n  detail: {diag.message_detail}"
        super().__init__(text)


def _execute_statements(conn: psycopg.Connection, sql: str) -> list[str]:
    """Run a file's statements one by one, as the CLI does, so an error names its line."""
    statements, offset = [], 0
    for statement in sqlparse.split(sql):
        offset = sql.find(statement, offset)
        if statement.strip():
            start = offset + len(statement) - len(statement.lstrip())
            try:
                conn.execute(statement)
            except psycopg.Error as exc:
                raise StatementFailed(sql.count("\n", 0, start) + 1, exc) from exc
            statements.append(statement.strip())
        offset += len(statement)
    return statements


class Migrator:
    def __init__(self, config: LocalbaseConfig):
        self.config = config

    def connect(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.config.dsn("postgres", dbname), autocommit=True)

    def run(self) -> MigrationReport:
        """Bring the database up to date: platform, pending migrations, seed if fresh."""
        with self.connect() as conn:
            bootstrapped = self._bootstrap_platform(conn)
            conn.execute(_HISTORY)
            fresh = conn.execute("select not exists (select from "
                                 "supabase_migrations.schema_migrations)").fetchone()[0]
            applied = [self._apply(conn, m) for m in self._pending(conn)]
            seeded = fresh and self._seed(conn)
            conn.execute("notify pgrst, 'reload schema'")
        return MigrationReport(bootstrapped, applied, seeded)

    def reset(self) -> MigrationReport:
        """Drop and rebuild the `postgres` database from platform + migrations + seed."""
        with self.connect("template1") as conn:
            conn.execute("drop database if exists postgres with (force)")
            conn.execute("create database postgres")
        return self.run()

    def applied_versions(self) -> list[str]:
        with self.connect() as conn:
            if conn.execute("select to_regclass('supabase_migrations.schema_migrations')"
                            ).fetchone()[0] is None:
                return []
            rows = conn.execute("select version from supabase_migrations.schema_migrations "
                                "order by version").fetchall()
        return [r[0] for r in rows]

    def _bootstrap_platform(self, conn: psycopg.Connection) -> bool:
        if conn.execute("select to_regclass('auth.users') is not null").fetchone()[0]:
            return False
        platform_sql = files("localbase").joinpath("platform.sql").read_text(encoding="utf-8")
        with conn.transaction():
            conn.execute(platform_sql)
        return True

    def _pending(self, conn: psycopg.Connection) -> list[Migration]:
        done = {r[0] for r in conn.execute(
            "select version from supabase_migrations.schema_migrations").fetchall()}
        return [m for m in discover(self.config.migrations_dir) if m.version not in done]

    def _apply(self, conn: psycopg.Connection, migration: Migration) -> str:
        try:
            with conn.transaction():
                statements = _execute_statements(conn, migration.sql)
                conn.execute("insert into supabase_migrations.schema_migrations "
                             "(version, name, statements) values (%s, %s, %s)",
                             (migration.version, migration.name, statements))
        except StatementFailed as exc:
            raise LocalbaseError(f"migration {migration.path.name} failed at {exc}") from None
        return migration.path.name

    def _seed(self, conn: psycopg.Connection) -> bool:
        seed = self.config.seed_file
        if not seed.exists():
            return False
        try:
            with conn.transaction():
                _execute_statements(conn, seed.read_text(encoding="utf-8"))
        except StatementFailed as exc:
            raise LocalbaseError(f"seed {seed.name} failed at {exc}") from None
        return True
