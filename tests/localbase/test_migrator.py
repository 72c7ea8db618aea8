"""Migrations like the Supabase CLI: order, history, idempotence, atomic failure, seed, reset."""
from __future__ import annotations

import textwrap
from pathlib import Path

import psycopg
import pytest

from localbase import LocalbaseError
from localbase.cluster import Cluster
from localbase.migrator import Migrator
from localbase.testing import throwaway_config

FUNCTION_WITH_SEMICOLONS = """
create function public.greet(who text) returns text language plpgsql as $body$
begin
  return 'hello; ' || who;
end;
$body$;
"""


@pytest.fixture
def scratch_cluster(tmp_path):
    """A stopped-afterwards cluster whose project dir the test fills with migration files."""
    project = tmp_path / "project"
    (project / "supabase" / "migrations").mkdir(parents=True)
    config = throwaway_config(project)
    cluster = Cluster(config)
    cluster.init()
    cluster.start()
    yield config
    cluster.destroy()


def write(config, name: str, sql: str) -> Path:
    path = config.migrations_dir / name
    path.write_text(textwrap.dedent(sql))
    return path


def query(config, sql: str):
    with psycopg.connect(config.dsn()) as conn:
        return conn.execute(sql).fetchall()


def test_applies_in_version_order_and_records_history(scratch_cluster):
    cfg = scratch_cluster
    write(cfg, "20240102000000_second.sql", "alter table public.things add column n int;")
    write(cfg, "20240101000000_first.sql",
          "create table public.things (id int primary key);" + FUNCTION_WITH_SEMICOLONS)
    write(cfg, "not_a_migration.sql", "select 1/0;")

    report = Migrator(cfg).run()

    assert report.bootstrapped
    assert report.applied == ["20240101000000_first.sql", "20240102000000_second.sql"]
    history = query(cfg, "select version, name, statements from "
                         "supabase_migrations.schema_migrations order by version")
    assert [(v, n) for v, n, _ in history] == [("20240101000000", "first"),
                                               ("20240102000000", "second")]
    first_statements = history[0][2]
    assert len(first_statements) == 2
    assert "return 'hello; ' || who;" in first_statements[1]
    assert query(cfg, "select public.greet('x')") == [("hello; x",)]


def test_second_run_applies_only_new_migrations(scratch_cluster):
    cfg = scratch_cluster
    write(cfg, "1_a.sql", "create table public.a (id int);")
    Migrator(cfg).run()
    write(cfg, "2_b.sql", "create table public.b (id int);")

    report = Migrator(cfg).run()

    assert not report.bootstrapped
    assert report.applied == ["2_b.sql"]
    assert Migrator(cfg).run().applied == []


def test_failing_migration_stops_with_file_and_error_and_leaves_no_trace(scratch_cluster):
    cfg = scratch_cluster
    write(cfg, "1_ok.sql", "create table public.ok (id int);")
    write(cfg, "2_broken.sql", """
        create table public.half (id int);
        insert into public.half values (1);
        select 1 / 0;
    """)
    write(cfg, "3_later.sql", "create table public.later (id int);")

    with pytest.raises(LocalbaseError) as failure:
        Migrator(cfg).run()

    message = str(failure.value)
    assert "2_broken.sql" in message and "division by zero" in message and "line 4" in message
    assert query(cfg, "select to_regclass('public.ok') is not null, "
                      "to_regclass('public.half') is null, "
                      "to_regclass('public.later') is null") == [(True, True, True)]
    assert Migrator(cfg).applied_versions() == ["1"]


def test_seed_runs_on_a_fresh_database_only_and_reset_rebuilds(scratch_cluster):
    cfg = scratch_cluster
    write(cfg, "1_notes.sql", "create table public.notes (body text);")
    cfg.seed_file.write_text("insert into public.notes values ('seeded');")

    assert Migrator(cfg).run().seeded
    query_sql = "select body from public.notes order by body"
    with psycopg.connect(cfg.dsn()) as conn:
        conn.execute("insert into public.notes values ('added later')")
    assert not Migrator(cfg).run().seeded
    assert query(cfg, query_sql) == [("added later",), ("seeded",)]

    report = Migrator(cfg).reset()

    assert report.bootstrapped and report.seeded and report.applied == ["1_notes.sql"]
    assert query(cfg, query_sql) == [("seeded",)]


def test_platform_gives_supabase_roles_and_auth_helpers(scratch_cluster):
    cfg = scratch_cluster
    Migrator(cfg).run()
    roles = dict(query(cfg, "select rolname, rolbypassrls from pg_roles where rolname in "
                            "('anon', 'authenticated', 'service_role', 'authenticator')"))
    assert roles == {"anon": False, "authenticated": False, "service_role": True,
                     "authenticator": False}
    claims = '{"sub": "00000000-0000-0000-0000-000000000001", "role": "authenticated", ' \
             '"email": "a@b.c"}'
    with psycopg.connect(cfg.dsn()) as conn:
        conn.execute("select set_config('request.jwt.claims', %s, false)", (claims,))
        row = conn.execute("select auth.uid()::text, auth.role(), auth.email(), "
                           "auth.jwt() ->> 'email'").fetchone()
    assert row == ("00000000-0000-0000-0000-000000000001", "authenticated", "a@b.c", "a@b.c")
    assert query(cfg, "select extnamespace::regnamespace::text from pg_extension "
                      "where extname = 'pgcrypto'") == [("extensions",)]


def test_missing_server_binaries_explain_how_to_install(monkeypatch, tmp_path):
    from localbase import cluster
    monkeypatch.setattr(cluster.shutil, "which", lambda name: None)
    monkeypatch.setattr(cluster, "Path", lambda *a: tmp_path / "nowhere")
    with pytest.raises(LocalbaseError, match="apt-get install postgresql"):
        cluster.find_bindir()
