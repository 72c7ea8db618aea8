"""Fill one company with a clinic's last 90 days: clients, conversations, appointments, payments.

Rows are built in memory and written with COPY in one transaction: 100k interactions load in
seconds. Database triggers still run (stage history), so the data looks like real use.
"""
from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import psycopg

from omni_app.demo_data import vocabulary as v

WINDOW = timedelta(days=90)
PROFESSIONALS = 3          # a clinic with fewer gets demo professionals up to this many
SPECIALTIES = ("Clínico geral", "Ortodontia", "Implantes", "Endodontia", "Periodontia",
               "Odontopediatria", "Estética dental")
# Monday to Friday 08:00-18:00 in the clinic's time zone, and Saturday morning for some; the
# appointments below fall from 08:00 to 18:00 São Paulo time on those days.
WEEKDAYS_HOURS = {day: [{"start": "08:00", "end": "18:00"}]
                  for day in ("mon", "tue", "wed", "thu", "fri")}
SATURDAY = {"sat": [{"start": "08:00", "end": "13:00"}]}


@dataclass
class Plan:
    clients: int
    messages_per_client: int = 10
    seed: int = 42


@dataclass
class Batch:
    clients: list[tuple] = field(default_factory=list)
    threads: list[tuple] = field(default_factory=list)
    interactions: list[tuple] = field(default_factory=list)
    appointments: list[tuple] = field(default_factory=list)
    payments: list[tuple] = field(default_factory=list)


class Generator:
    def __init__(self, company_id: str, plan: Plan, services: list[tuple], staff: list[str],
                 taken_phones: set[str], now: datetime | None = None,
                 professionals: list[str] | None = None, booked: list[tuple] = ()):
        self.company_id, self.plan = company_id, plan
        self.rng = random.Random(plan.seed)
        self.services, self.staff, self.phones = services, staff, set(taken_phones)
        # who appointments are booked with: the professionals (else any member, as before)
        self.professionals = professionals or staff
        # Active (future) bookings per professional, in 30-minute ticks: the database refuses
        # two overlapping active appointments of one professional.
        self._booked: dict[str, set[int]] = {}
        for professional, starts, ends in booked:    # what the clinic already has (the seed's)
            self._book(professional, starts, ends)
        self.now = now or datetime.now(timezone.utc)
        self.batch = Batch()

    def uuid(self) -> str:
        # Ids stay random so the same seed can fill several companies; content follows the seed.
        return str(uuid.uuid4())

    def build(self) -> Batch:
        for _ in range(self.plan.clients):
            self._client()
        return self.batch

    def _phone(self) -> str:
        while True:
            phone = f"+55{self.rng.choice(v.AREA_CODES)}9{self.rng.randrange(10**8):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _client(self) -> None:
        rng, client_id = self.rng, self.uuid()
        first, last = rng.choice(v.FIRST_NAMES), rng.choice(v.LAST_NAMES)
        name = f"{first} {last}" if rng.random() < 0.6 else f"{first} {rng.choice(v.LAST_NAMES)} {last}"
        phone = self._phone()
        on_instagram = rng.random() < 0.3
        instagram_id = str(17841400000000000 + rng.randrange(10**11)) if on_instagram else None
        email = (f"{first}.{last}{rng.randrange(100)}@example.com".lower()
                 if rng.random() < 0.6 else None)
        is_lead = rng.random() < 0.4
        stage = (rng.choice(("new", "contacted", "qualified", "scheduled", "lost"))
                 if is_lead else "won")
        tags = "{" + ",".join(rng.sample(v.TAGS, rng.randrange(3))) + "}"
        last_at = self._conversations(client_id, name, phone, instagram_id)
        self.batch.clients.append((
            client_id, self.company_id, name, phone, phone[1:], email, instagram_id,
            "instagram" if on_instagram else rng.choice(("whatsapp", "whatsapp", "referral", "manual")),
            is_lead, stage, tags, last_at))
        self._appointments(client_id)

    def _conversations(self, client_id, name, phone, instagram_id) -> datetime | None:
        rng = self.rng
        remaining = rng.randint(1, max(1, 2 * self.plan.messages_per_client - 1))
        threads = min(remaining, rng.choice((1, 1, 2, 3)))
        starts = sorted(self.now - rng.random() * WINDOW for _ in range(threads))
        last_at = None
        for index, start in enumerate(starts):
            size = remaining if index == threads - 1 else rng.randint(1, max(1, remaining - threads + index + 1))
            remaining -= size
            channel = "instagram" if instagram_id and rng.random() < 0.7 else "whatsapp"
            last_at = self._thread(client_id, name, channel, start, size, is_last=index == threads - 1)
        return last_at

    def _thread(self, client_id, name, channel, start, size, is_last) -> datetime:
        rng, thread_id = self.rng, self.uuid()
        at, direction, unread = start, "inbound", 0
        last_inbound = preview = last_direction = last_at = None
        for seq in range(1, size + 1):
            service = rng.choice(self.services)
            fields = {"name": name.split()[0], "service": service[1].lower(), "price": service[2],
                      "day": rng.choice(v.DAYS), "hour": rng.randint(8, 17)}
            lines = v.INBOUND_LINES if direction == "inbound" else v.OUTBOUND_LINES
            content = rng.choice(lines).format(**fields)
            if direction == "inbound":
                status, error, sent_by, last_inbound, unread = "received", None, None, at, unread + 1
            else:
                failed = rng.random() < 0.02
                status = "failed" if failed else rng.choice(("read", "read", "delivered", "sent"))
                error = rng.choice(v.FAILURE_ERRORS) if failed else None
                sent_by, unread = (rng.choice(self.staff) if self.staff else None), 0
            self.batch.interactions.append((
                self.uuid(), self.company_id, thread_id, client_id, channel, direction, content,
                status, f"demo.{self.uuid()}", sent_by, error, at, seq))
            preview, last_direction, last_at = content[:200], direction, at
            at = min(at + timedelta(minutes=rng.randint(1, 600)), self.now)
            direction = "outbound" if direction == "inbound" or rng.random() < 0.3 else "inbound"
        active = is_last and self.now - last_at < timedelta(days=3)
        self.batch.threads.append((
            thread_id, self.company_id, client_id, channel, "active" if active else "closed",
            start, None if active else last_at, last_at, last_inbound, preview, last_direction,
            unread if active else 0, size))
        return last_at

    def _appointments(self, client_id) -> None:
        rng = self.rng
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            service_id, _, price, minutes = rng.choice(self.services)
            day = self.now + timedelta(days=rng.randint(-90, 30))
            if day.weekday() == 6:
                day += timedelta(days=1)       # nobody works on Sundays
            starts = day.replace(hour=rng.randint(11, 20), minute=rng.choice((0, 30)),
                                 second=0, microsecond=0)  # 08:00-17:30 in São Paulo
            ends = starts + timedelta(minutes=minutes)
            past = ends < self.now
            status = (rng.choice(("completed",) * 7 + ("no_show", "cancelled")) if past
                      else rng.choice(("scheduled", "confirmed")))
            appointment_id = self.uuid()
            professional = rng.choice(self.professionals) if self.professionals else None
            if professional and status in ("scheduled", "confirmed"):
                professional = self._book(professional, starts, ends)
            self.batch.appointments.append((
                appointment_id, self.company_id, client_id, service_id,
                professional, starts, ends, status))
            if status == "completed" and rng.random() < 0.85:
                self.batch.payments.append((
                    self.uuid(), self.company_id, client_id, appointment_id, price,
                    rng.choice(v.PAYMENT_METHODS), "paid", ends))

    def _book(self, professional: str, starts, ends) -> str | None:
        """`professional` if free from `starts` to `ends` (now booked), else None: the
        appointment waits for someone to assign it."""
        first = int(starts.timestamp()) // 1800
        ticks = set(range(first, -(-int(ends.timestamp()) // 1800)))
        booked = self._booked.setdefault(professional, set())
        if ticks & booked:
            return None
        booked |= ticks
        return professional


COPIES = {
    "clients": "copy public.clients (id, company_id, full_name, phone, whatsapp_id, email, "
               "instagram_id, source_channel, is_lead, pipeline_stage, tags, last_interaction_at) "
               "from stdin",
    "threads": "copy public.conversation_threads (id, company_id, client_id, channel, status, "
               "started_at, ended_at, last_message_at, last_inbound_at, last_message_preview, "
               "last_message_direction, unread_count, message_seq) from stdin",
    "interactions": "copy public.interactions (id, company_id, conversation_id, client_id, "
                    "channel, direction, content, status, external_message_id, sent_by, error, "
                    "occurred_at, seq) from stdin",
    "appointments": "copy public.appointments (id, company_id, client_id, service_id, "
                    "professional_id, starts_at, ends_at, status) from stdin",
    "payments": "copy public.payments (id, company_id, client_id, appointment_id, amount, "
                "method, status, paid_at) from stdin",
}


def ensure_professionals(conn: psycopg.Connection, company_id: str, seed: int) -> list[str]:
    """The clinic's active professionals, adding demo ones (members who cannot sign in: no
    password) with specialties and working hours until there are PROFESSIONALS."""
    rng = random.Random(seed + 1)       # its own stream: the clients stay those of the seed
    have = [r[0] for r in conn.execute(
        "select id::text from public.users where company_id = %s and status = 'active' "
        "and is_professional order by created_at", (company_id,)).fetchall()]
    for n in range(len(have), PROFESSIONALS):
        name = (f"{rng.choice(('Dra.', 'Dr.'))} {rng.choice(v.FIRST_NAMES)} "
                f"{rng.choice(v.LAST_NAMES)}")
        auth_id = conn.execute(
            "insert into auth.users (instance_id, id, aud, role, email, encrypted_password, "
            "email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at) "
            "values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), "
            "'authenticated', 'authenticated', %s, '', now(), jsonb_build_object('provider', "
            "'email', 'providers', jsonb_build_array('email'), 'company_id', %s::text, 'role', "
            "'staff'), jsonb_build_object('full_name', %s::text), now(), now()) returning id",
            (f"profissional-{n + 1}-{company_id[:8]}-{uuid.uuid4().hex[:6]}@demo.invalid",
             company_id, name)).fetchone()[0]
        hours = WEEKDAYS_HOURS | (SATURDAY if n % 2 == 0 else {})
        row = conn.execute(
            "update public.users set full_name = %s, is_professional = true, specialties = %s, "
            "working_hours = %s::jsonb where auth_user_id = %s returning id::text",
            (name, rng.sample(SPECIALTIES, rng.randint(1, 2)), json.dumps(hours), auth_id))
        have.append(row.fetchone()[0])
    return have


def load(conn: psycopg.Connection, company_id: str, plan: Plan) -> dict[str, int]:
    """Generate and write one company's data in a single transaction; returns row counts."""
    with conn.transaction():
        conn.execute(
            "insert into public.services (company_id, name, price, duration_minutes) "
            "select %s, s.name, s.price::numeric, s.minutes "
            "from unnest(%s::text[], %s::text[], %s::int[]) as s(name, price, minutes) "
            "on conflict (company_id, name) do nothing",
            (company_id, [s[0] for s in v.SERVICES], [s[1] for s in v.SERVICES],
             [s[2] for s in v.SERVICES]))
        services = conn.execute("select id::text, name, price::text, duration_minutes "
                                "from public.services where company_id = %s and active",
                                (company_id,)).fetchall()
        staff = [r[0] for r in conn.execute(
            "select id::text from public.users where company_id = %s and status = 'active'",
            (company_id,)).fetchall()]
        professionals = ensure_professionals(conn, company_id, plan.seed)
        phones = {r[0] for r in conn.execute(
            "select phone from public.clients where company_id = %s and phone is not null",
            (company_id,)).fetchall()}
        booked = conn.execute(
            "select professional_id::text, starts_at, ends_at from public.appointments "
            "where company_id = %s and professional_id is not null "
            "and status in ('scheduled', 'confirmed')", (company_id,)).fetchall()
        batch = Generator(company_id, plan, services, staff, phones,
                          professionals=professionals, booked=booked).build()
        for name, sql in COPIES.items():
            with conn.cursor().copy(sql) as copy:
                for row in getattr(batch, name):
                    copy.write_row(row)
    return {name: len(getattr(batch, name)) for name in COPIES}
