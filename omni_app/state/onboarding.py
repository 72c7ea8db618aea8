"""A signed-in user without a clinic joins one that invited them, or creates one (and becomes
its admin)."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import clinics, team
from omni_app.state.session import NotSignedIn, SessionState

TIMEZONES = ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Recife",
             "America/Bahia", "America/Cuiaba", "America/Porto_Velho", "America/Rio_Branco",
             "America/Noronha", "America/Argentina/Buenos_Aires", "America/Santiago",
             "America/Bogota", "America/Lima", "America/Mexico_City", "America/Montevideo",
             "America/Asuncion", "Europe/Lisbon")


class OnboardingState(SessionState):
    error: str = ""
    saving: bool = False
    # open invitations for this user: id, text
    invitations: list[dict[str, str]] = []

    @rx.event
    async def load_invitations(self):
        try:
            rows = await team.my_invitations(await self.user_client())
        except NotSignedIn:
            return self.login_redirect()
        self.invitations = [{
            "id": row["id"],
            "text": self.tr["onboarding.invitation"].format(
                clinic=row["company_name"], role=self.tr.get(f"role.{row['role']}", row["role"])),
        } for row in rows]

    @rx.event
    async def accept_invitation(self, invitation_id: str):
        self.error = ""
        try:
            await team.accept(await self.user_client(), invitation_id)
        except NotSignedIn:
            return self.login_redirect()
        except team.TeamChangeRefused:
            self.error = self.tr["onboarding.error.accept"]
            return await self.load_invitations()
        return rx.redirect("/")

    @rx.event
    async def create_clinic(self, form: dict):
        name = str(form.get("name", "")).strip()
        timezone = str(form.get("timezone") or TIMEZONES[0])
        if not name:
            self.error = self.tr["onboarding.error.name"]
            return
        if timezone not in TIMEZONES:
            timezone = TIMEZONES[0]
        self.saving, self.error = True, ""
        try:
            await clinics.create(await self.user_client(), name, timezone, self.locale)
        except NotSignedIn:
            return self.login_redirect()
        except clinics.ClinicRefused as refused:
            self.error = self.tr["onboarding.error.failed"].format(reason=str(refused))
            return
        finally:
            self.saving = False
        return rx.redirect("/")
