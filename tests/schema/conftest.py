"""Signed-in clients for the demo seed's users (harness/seed.py), and helpers to make throwaway
companies."""
from __future__ import annotations

import uuid

import pytest
from supabase import Client, create_client

from harness.seed import DEMO_ADMIN, DEMO_COMPANY, DEMO_STAFF, OTHER_ADMIN

SEED_LOGINS = {"demo_admin": DEMO_ADMIN, "demo_staff": DEMO_STAFF, "other_admin": OTHER_ADMIN}


def signed_in(lb, email: str, password: str) -> Client:
    client = create_client(lb.url, lb.anon_key)
    client.auth.sign_in_with_password({"email": email, "password": password})
    return client


@pytest.fixture(scope="session")
def service(app_lb) -> Client:
    return create_client(app_lb.url, app_lb.service_role_key)


@pytest.fixture(scope="session")
def anon(app_lb) -> Client:
    return create_client(app_lb.url, app_lb.anon_key)


@pytest.fixture(scope="session")
def users(app_lb) -> dict[str, Client]:
    return {name: signed_in(app_lb, *login) for name, login in SEED_LOGINS.items()}


def new_auth_user(app_lb, service: Client, app_metadata: dict | None = None) -> tuple[str, str]:
    email, password = f"user-{uuid.uuid4().hex[:10]}@test.clinic", "test-password-123"
    service.auth.admin.create_user({"email": email, "password": password, "email_confirm": True,
                                    "app_metadata": app_metadata or {}})
    return email, password


@pytest.fixture(scope="session")
def no_company_user(app_lb, service) -> Client:
    return signed_in(app_lb, *new_auth_user(app_lb, service))


@pytest.fixture(scope="session")
def disabled_user(app_lb, service) -> Client:
    email, password = new_auth_user(app_lb, service, {"company_id": DEMO_COMPANY, "role": "admin"})
    client = signed_in(app_lb, email, password)
    service.table("users").update({"status": "disabled"}).eq("email", email).execute()
    return client


@pytest.fixture
def company(service) -> str:
    """A fresh company for tests that write, so they never depend on each other."""
    slug = f"test-{uuid.uuid4().hex[:12]}"
    row = service.table("companies").insert({"name": f"Clínica {slug}", "slug": slug}).execute()
    return row.data[0]["id"]


def one_client(service, company: str) -> str:
    return service.table("clients").insert(
        {"company_id": company, "full_name": "Paciente"}).execute().data[0]["id"]


@pytest.fixture
def clinics(app_lb, service, company):
    """A staff member and a client of `company`, and of another clinic."""
    from tests.schema.test_conversation_assignee import member
    other = service.table("companies").insert(
        {"name": "Outra", "slug": f"test-{uuid.uuid4().hex[:12]}"}).execute().data[0]["id"]
    return {"staff": member(app_lb, service, company), "stranger": member(app_lb, service, other),
            "client": one_client(service, company), "their_client": one_client(service, other)}
