"""The schema passes Supabase's advisor lints (and each lint can catch what it looks for)."""
from __future__ import annotations

import psycopg
import pytest

from tests.schema.advisor import LINTS, VIOLATIONS


@pytest.mark.parametrize("lint", sorted(LINTS))
def test_schema_is_clean(app_lb, lint):
    with psycopg.connect(app_lb.admin_dsn) as conn:
        offenders = [row[0] for row in conn.execute(LINTS[lint]).fetchall()]
    assert offenders == [], f"{lint}: {offenders}"


@pytest.mark.parametrize("lint", sorted(LINTS))
def test_lint_flags_a_planted_violation(app_lb, lint):
    with psycopg.connect(app_lb.admin_dsn) as conn:
        try:
            conn.execute(VIOLATIONS[lint])
            offenders = [row[0] for row in conn.execute(LINTS[lint]).fetchall()]
        finally:
            conn.rollback()
    assert any("lint_" in name for name in offenders), f"{lint} missed its violation"
