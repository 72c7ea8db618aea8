"""The demo-data generator writes a consistent clinic that the schema accepts."""
from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from omni_app.demo_data.__main__ import create_company


def generate(app_lb, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "omni_app.demo_data", "--db-url",
                           app_lb.admin_dsn, *args], capture_output=True, text=True, timeout=120)


def test_generator_fills_a_new_company_consistently(app_lb):
    result = generate(app_lb, "--clients", "60", "--new-company", "Clínica Gerada", "--seed", "7")
    assert result.returncode == 0, result.stderr
    company = result.stdout.split()[1].rstrip(":")

    with psycopg.connect(app_lb.admin_dsn) as conn:
        def one(sql: str):
            return conn.execute(sql, {"c": company}).fetchone()

        assert one("select count(*) from public.clients where company_id = %(c)s") == (60,)
        interactions = one("select count(*) from public.interactions where company_id = %(c)s")[0]
        assert f"{interactions} interactions" in result.stdout and interactions >= 60
        # Each thread's denormalized summary matches its messages.
        assert one("""
            select count(*) from public.conversation_threads t
            where t.company_id = %(c)s and t.last_message_at is distinct from (
              select max(i.occurred_at) from public.interactions i where i.conversation_id = t.id)
        """) == (0,)
        assert one("""
            select count(*) from public.conversation_threads t
            where t.company_id = %(c)s and t.status = 'closed' and t.unread_count > 0
        """) == (0,)
        assert one("select count(*) from public.payments where company_id = %(c)s "
                   "and status = 'paid' and paid_at is null") == (0,)
        assert one("select min(occurred_at) > now() - interval '91 days' "
                   "from public.interactions where company_id = %(c)s") == (True,)


def test_same_seed_gives_the_same_people(app_lb):
    names = []
    for _ in range(2):
        result = generate(app_lb, "--clients", "5", "--new-company", "Semente", "--seed", "3")
        assert result.returncode == 0, result.stderr
        company = result.stdout.split()[1].rstrip(":")
        with psycopg.connect(app_lb.admin_dsn) as conn:
            names.append(conn.execute("select full_name from public.clients where company_id = %s "
                                      "order by full_name", (company,)).fetchall())
    assert names[0] == names[1] and len(names[0]) == 5


def test_unknown_company_is_a_clear_error(app_lb):
    result = generate(app_lb, "--clients", "5", "--company-id",
                      "00000000-0000-4000-8000-000000000000")
    assert result.returncode == 1 and "no company" in result.stderr


def test_a_new_shell_fills_the_running_localbase(app_lb):
    """No SUPABASE_DB_URL and no LOCALBASE_* ports: the localbase in LOCALBASE_DIR, whatever
    its ports. (The company exists only there, so another database is never written to.)"""
    with psycopg.connect(app_lb.admin_dsn, autocommit=True) as conn:
        company = create_company(conn, "Nova Shell")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPABASE_", "LOCALBASE_"))}
    env["LOCALBASE_DIR"] = str(app_lb.config.dir)

    result = subprocess.run([sys.executable, "-m", "omni_app.demo_data", "--clients", "2",
                             "--company-id", company], env=env, capture_output=True, text=True,
                            timeout=120)

    assert result.returncode == 0, result.stderr
    with psycopg.connect(app_lb.admin_dsn) as conn:
        assert conn.execute("select count(*) from public.clients where company_id = %s",
                            (company,)).fetchone() == (2,)


def test_a_clinic_with_bookings_of_its_own_gets_an_agenda_without_double_bookings(app_lb):
    """The generator books around the clinic's own active appointments (the seed's, in Clínica
    Demo): the no-double-booking constraint would refuse the whole load otherwise."""
    with psycopg.connect(app_lb.admin_dsn, autocommit=True) as conn:
        company = create_company(conn, "Agenda Cheia")
        staff = conn.execute(
            "insert into auth.users (id, email) values (gen_random_uuid(), "
            "'agenda-' || gen_random_uuid() || '@test.clinic') returning id").fetchone()[0]
        member = conn.execute(
            "update public.users set company_id = %s, status = 'active', is_professional = true "
            "where auth_user_id = %s returning id", (company, staff)).fetchone()[0]
        client = conn.execute("insert into public.clients (company_id, full_name) values (%s, "
                              "'Reserva') returning id", (company,)).fetchone()[0]
        # every half hour of the next 30 days, 11:00-21:00 UTC (the generator's hours): taken
        conn.execute("""
            insert into public.appointments (company_id, client_id, professional_id, starts_at,
                                             ends_at, status)
            select %(c)s, %(client)s, %(m)s, slot, slot + interval '30 minutes', 'confirmed'
            from generate_series(date_trunc('day', now()) + interval '11 hours',
                                 date_trunc('day', now()) + interval '31 days',
                                 interval '30 minutes') as slot
            where extract(hour from slot) between 11 and 20""",
                     {"c": company, "client": client, "m": member})
    result = generate(app_lb, "--clients", "40", "--company-id", str(company), "--seed", "5")
    assert result.returncode == 0, result.stderr
    with psycopg.connect(app_lb.admin_dsn) as conn:
        assert conn.execute(
            "select count(*) from public.appointments where company_id = %s "
            "and professional_id = %s and status in ('scheduled', 'confirmed') "
            "and client_id <> %s", (company, member, client)).fetchone() == (0,)
