"""Throwaway clinics made the way an admin makes them (sign up, create the clinic, connect a
channel through the integrations domain), signed in with a cookie: each test makes its own, so
tests never depend on each other's data. Clinics made directly with the service role, for
webhook tests and benchmarks: harness/clinics.py."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from supabase import AsyncClient

from harness.clinics import patient_message
from omni_app import services
from omni_app.domain import auth, integrations
from omni_app.domain.team import Actor
from tests.app.conftest import as_user, cookie_for, new_email, service_client


@dataclass
class Clinic:
    company_id: str
    user_id: str
    cookie: str

    async def user(self) -> AsyncClient:
        active = await (await services.current().session_store()).resolve(self.cookie)
        return await as_user(active.access_token)

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.company_id)


async def new_clinic(name: str = "Clínica Teste", timezone_name: str = "America/Sao_Paulo"
                     ) -> Clinic:
    """A new user who creates a clinic (and so is its admin), signed in with a cookie."""
    email, password = new_email(), f"pw-{uuid.uuid4().hex}"
    service = await service_client()
    await service.auth.admin.create_user({"email": email, "password": password,
                                          "email_confirm": True})
    cookie = await cookie_for(email, password)
    clinic = Clinic("", "", cookie)
    user = await clinic.user()
    clinic.company_id = (await user.rpc("create_company", {
        "p_name": name, "p_timezone": timezone_name}).execute()).data
    clinic.user_id = (await auth.profile(user))["user_id"]
    return clinic


async def connect(clinic: Clinic, outbound_url: str | None, channel: str = "whatsapp") -> str:
    """An active integration sending to `outbound_url`; returns its signing secret."""
    user, service = await clinic.user(), await service_client()
    if outbound_url:
        await integrations.set_outbound_url(user, clinic.actor, channel, outbound_url,
                                            services.current().outbound_policy)
    secret = await integrations.rotate_signing_secret(user, service, services.current().keyring,
                                                      clinic.actor, channel)
    await integrations.set_active(user, clinic.actor, channel, True)
    return secret


async def inbound(company_id: str, text: str, **message) -> dict:
    """A message from a patient, stored as the webhook would store it (see patient_message)."""
    service = await service_client()
    return (await service.rpc("ingest_inbound_message",
                              patient_message(company_id, text, **message)).execute()).data
