"""A throwaway clinic wired for webhooks, for browser tests and benchmarks that talk to a running
app: a company, its admin and an active WhatsApp integration whose signing secret is sealed with
the app's own master key."""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from supabase import create_client

from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring


@dataclass(frozen=True)
class ConnectedClinic:
    company_id: str
    email: str
    password: str
    public_key: str
    secret: str


def connected_clinic(lb, master_key: bytes, label: str,
                     outbound_url: str | None = None) -> ConnectedClinic:
    service = create_client(lb.url, lb.service_role_key)
    suffix = uuid.uuid4().hex[:8]
    slug = f"clinica-{label.lower()}-{suffix}"
    company_id = service.table("companies").insert(
        {"name": f"Clínica {label} {suffix}", "slug": slug}).execute().data[0]["id"]
    email, password = f"{label.lower()}-{suffix}@{label.lower()}.clinic", f"pw-{suffix}-{label}"
    service.auth.admin.create_user({
        "email": email, "password": password, "email_confirm": True,
        "user_metadata": {"full_name": f"Atendente {suffix}"},
        "app_metadata": {"company_id": company_id, "role": "admin"}})
    secret = secrets.token_urlsafe(32)
    sealed = vault.seal(vault.IntegrationSecrets(signing_secret=secret),
                        Keyring({1: master_key}, current=1), company_id, "whatsapp")
    row = service.table("integrations").insert({
        "company_id": company_id, "channel": "whatsapp", "status": "active",
        "outbound_url": outbound_url, "secrets_sealed": sealed,
        "key_version": Keyring.version_of(sealed)}).execute().data[0]
    return ConnectedClinic(company_id, email, password, row["public_key"], secret)
