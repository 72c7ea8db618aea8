"""The demo seed's fixed ids and logins, named once for tests and benchmarks.

They mirror supabase/seed.sql, which every localbase started from this repository loads (and
`make dev` shows): change one, change the other."""
from __future__ import annotations

from typing import NamedTuple


class Login(NamedTuple):
    email: str
    password: str


DEMO_COMPANY = "c0000000-0000-4000-8000-000000000001"    # "Clínica Demo"
OTHER_COMPANY = "c0000000-0000-4000-8000-000000000002"   # "Clínica Outra", to show isolation

DEMO_ADMIN = Login("admin@demo.clinic", "omni-demo-admin")      # Ana Administradora, admin
DEMO_STAFF = Login("staff@demo.clinic", "omni-demo-staff")      # Sérgio Recepção, staff
OTHER_ADMIN = Login("admin@other.clinic", "omni-other-admin")   # Otávio Outra, admin
