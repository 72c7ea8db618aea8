"""A signed-in user without a clinic joins one that invited them, or creates one (and becomes
its admin)."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import paths
from omni_app.domain import clinics, team
from omni_app.domain.refusals import Refused
from omni_app.state.session import SessionState

TIMEZONES = ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Recife",
             "America/Bahia", "America/Cuiaba", "America/Porto_Velho", "America/Rio_Branco",
             "America/Noronha", "America/Argentina/Buenos_Aires", "America/Santiago",
             "America/Bogota", "America/Lima", "America/Mexico_City", "America/Montevideo",
             "America/Asuncion", "Europe/Lisbon")


@dataclass
class InvitationOffer:
    id: str
    text: str            # "<clinic> invited you as <role>", in the user's language


class OnboardingState(SessionState):
    error: str = ""
    invitations: list[InvitationOffer] = []

    async def _offers(self, user) -> None:
        self.invitations = [InvitationOffer(row["id"], self.tr["onboarding.invitation"].format(
            clinic=row["company_name"], role=self.tr.get(f"role.{row['role']}", row["role"])))
            for row in await team.my_invitations(user)]

    @rx.event
    async def load_invitations(self):
        return (await self._as_signed_in(lambda user, actor: self._offers(user))).answer

    async def _as_signed_in(self, action):
        return await self._guarded(action, who="signed_in", errors="onboarding.error",
                                   shows="error")

    @rx.event
    async def accept_invitation(self, invitation_id: str):
        async def accept(user, actor):
            try:
                return await team.accept(user, invitation_id)
            except Refused:
                await self._offers(user)   # what is still open (on success the tab leaves)
                raise
        done = await self._as_signed_in(accept)
        return rx.redirect(paths.HOME) if done.done else done.answer

    @rx.event
    async def create_clinic(self, form: dict):
        timezone = str(form.get("timezone") or TIMEZONES[0])
        timezone = timezone if timezone in TIMEZONES else TIMEZONES[0]
        done = await self._as_signed_in(
            lambda user, actor: clinics.create(user, str(form.get("name", "")).strip(),
                                               timezone, self.locale))
        return rx.redirect(paths.HOME) if done.done else done.answer
