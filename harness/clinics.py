"""Throwaway clinics wired for webhooks, made with the service role: a company, its members (who
can sign in), and an integration whose secrets are sealed with the keyring the app under test
opens them with. The one builder for tests and benchmarks alike.

Tests that exercise the admin's own steps (creating the clinic, connecting a channel from the
integrations page) build through the domain instead: tests/app/clinics.py."""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NamedTuple

from supabase import Client, create_client

from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring


@dataclass(frozen=True)
class ClinicWithIntegration:
    company_id: str
    integration_id: str
    public_key: str
    secret: str                 # the integration's signing secret
    channel: str
    email: str | None = None    # the clinic's admin, when one was asked for
    password: str | None = None


class Member(NamedTuple):
    email: str
    password: str
    user_id: str    # Auth's (auth.users.id)


def service_role(lb) -> Client:
    """The service role of localbase `lb`, for the builders below."""
    return create_client(lb.url, lb.service_role_key)


def against(lb, master_key: bytes) -> tuple[Client, Keyring]:
    """The service role of localbase `lb`, and the keyring of an app running with `master_key`
    (harness/app_process.py), for the builders below."""
    return service_role(lb), Keyring({1: master_key}, current=1)


def new_company(service: Client, label: str = "Teste") -> str:
    suffix = uuid.uuid4().hex[:10]
    return service.table("companies").insert({
        "name": f"Clínica {label} {suffix}", "slug": f"clinica-{label.lower()}-{suffix}"}
    ).execute().data[0]["id"]


def new_member(service: Client, company_id: str, *, role: str = "staff", label: str = "Teste",
               full_name: str | None = None, **extra: Any) -> Member:
    """A new member of `company_id` with `role` ("staff" or "admin") who can sign in: an Auth
    user whose app_metadata names the clinic (the auth sync trigger makes their public.users
    row). `extra` goes to Auth's admin API as is, e.g. `ban_duration="24h"`."""
    suffix = uuid.uuid4().hex[:8]
    email, password = f"{label.lower()}-{suffix}@{label.lower()}.clinic", f"pw-{suffix}-{label}"
    created = service.auth.admin.create_user({
        "email": email, "password": password, "email_confirm": True,
        "user_metadata": {"full_name": full_name or f"Atendente {suffix}"},
        "app_metadata": {"company_id": company_id, "role": role}, **extra})
    return Member(email, password, created.user.id)


def clinic_with_integration(service: Client, keyring: Keyring, *, label: str = "Teste",
                            company_id: str | None = None, channel: str = "whatsapp",
                            status: str = "active", outbound_url: str | None = None,
                            meta_app_secret: str | None = None,
                            meta_verify_token: str | None = None,
                            with_admin: bool = False) -> ClinicWithIntegration:
    """A new clinic (or `company_id`) with an integration on `channel`."""
    company_id = company_id or new_company(service, label)
    secret = secrets.token_urlsafe(32)
    sealed = vault.seal(vault.IntegrationSecrets(signing_secret=secret,
                                                 meta_app_secret=meta_app_secret,
                                                 meta_verify_token=meta_verify_token),
                        keyring, company_id, channel)
    row = service.table("integrations").insert({
        "company_id": company_id, "channel": channel, "status": status,
        "outbound_url": outbound_url, "secrets_sealed": sealed,
        "key_version": Keyring.version_of(sealed)}).execute().data[0]
    email, password = (new_member(service, company_id, role="admin", label=label)[:2]
                       if with_admin else (None, None))
    return ClinicWithIntegration(company_id, row["id"], row["public_key"], secret, channel,
                                 email, password)


def patient_message(company_id: str, text: str, *, phone: str | None = None,
                    name: str = "Paciente Teste", occurred_at: datetime | None = None,
                    media: dict | None = None, kind: str = "text",
                    instagram_id: str | None = None) -> dict[str, Any]:
    """`ingest_inbound_message`'s arguments for a WhatsApp message from a patient (Instagram
    with `instagram_id`), as the webhook would store it; call it with the service role."""
    if instagram_id:
        channel, sender = "instagram", {"instagram_id": instagram_id, "name": name}
    else:
        channel = "whatsapp"
        sender = {"phone": phone or "+55119" + str(uuid.uuid4().int)[:8], "name": name}
    return {"p_company_id": company_id, "p_channel": channel,
            "p_external_message_id": f"mid.{uuid.uuid4().hex}", "p_sender": sender,
            "p_content": text, "p_media": media,
            "p_occurred_at": (occurred_at or datetime.now(timezone.utc)).isoformat(),
            "p_metadata": {"kind": kind}}
