"""The demo seed and generator give clinics professionals with hours: the seed's staff member
works Monday to Friday 08:00-18:00; a generated clinic gets demo professionals (who cannot sign
in) with specialties and hours, and its appointments are booked with them only."""
from __future__ import annotations

import psycopg

from tests.app.test_demo_data import generate

WEEKDAY = [{"start": "08:00", "end": "18:00"}]


def test_the_seed_makes_the_staff_member_a_professional(app_lb):
    with psycopg.connect(app_lb.admin_dsn) as conn:
        row = conn.execute("select is_professional, working_hours from public.users "
                           "where email = 'staff@demo.clinic'").fetchone()
    assert row[0] is True
    assert row[1] == {d: WEEKDAY for d in ("mon", "tue", "wed", "thu", "fri")}


def test_a_generated_clinic_books_its_professionals(app_lb):
    result = generate(app_lb, "--clients", "80", "--new-company", "Agenda Gerada", "--seed", "5")
    assert result.returncode == 0, result.stderr
    company = result.stdout.split()[1].rstrip(":")
    with psycopg.connect(app_lb.admin_dsn) as conn:
        pros = conn.execute("select u.id, working_hours, specialties, encrypted_password "
                            "from public.users u join auth.users a on a.id = u.auth_user_id "
                            "where u.company_id = %s and u.is_professional", (company,)).fetchall()
        assert len(pros) == 3
        assert all(p[1]["mon"] == WEEKDAY and p[2] and p[3] == "" for p in pros)
        assert any("sat" in p[1] for p in pros)
        booked = conn.execute(
            "select count(*), count(*) filter (where professional_id = any(%s)), "
            "count(*) filter (where extract(isodow from starts_at at time zone "
            "'America/Sao_Paulo') = 7) from public.appointments where company_id = %s "
            "and professional_id is not null", ([p[0] for p in pros], company)).fetchone()
    assert booked[0] > 0 and booked[0] == booked[1] and booked[2] == 0
