"""A signed-in user without a clinic joins one that invited them, or creates one (and becomes
its admin): the clinic's name, the owner's own name, and the clinic's time zone, picked from a
searchable list with the browser's zone chosen at first."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import paths
from omni_app.domain import clinics, team
from omni_app.domain.refusals import Refused
from omni_app.i18n import timezones
from omni_app.state.session import SessionState


@dataclass
class InvitationOffer:
    id: str
    text: str            # "<clinic> invited you as <role>", in the user's language


@dataclass
class ZoneChoice:
    value: str           # the IANA name
    label: str           # "Horário Brasil (São Paulo) · UTC−03:00", in the user's language


def zone_choices(query: str, chosen: str, locale: str) -> list[ZoneChoice]:
    """The zones matching the search, the chosen one always among them (first if the search
    hides it)."""
    found = [ZoneChoice(z, text) for z, text in timezones.search(query, locale)]
    if all(choice.value != chosen for choice in found):
        found.insert(0, ZoneChoice(chosen, timezones.label(chosen, locale)))
    return found


class OnboardingState(SessionState):
    error: str = ""
    invitations: list[InvitationOffer] = []
    owner_name: str = ""
    timezone_query: str = ""
    chosen_timezone: str = timezones.DEFAULT
    _zone_picked: bool = False               # the user chose one: the browser's no longer wins

    @rx.var
    def timezone_choices(self) -> list[ZoneChoice]:
        return zone_choices(self.timezone_query, self.chosen_timezone, self.locale)

    async def _offers(self, user) -> None:
        self.invitations = [InvitationOffer(row["id"], self.tr["onboarding.invitation"].format(
            clinic=row["company_name"], role=self.tr.get(f"role.{row['role']}", row["role"])))
            for row in await team.my_invitations(user)]

    @rx.event
    async def load_invitations(self):
        async def load(user, actor):
            await self._offers(user)
            if not self.owner_name and self.user_name != self.email:
                self.owner_name = self.user_name
        return (await self._as_signed_in(load)).answer

    async def _as_signed_in(self, action):
        return await self._guarded(action, who="signed_in", errors="onboarding.error",
                                   shows="error")

    @rx.event
    def use_browser_zone(self, zone: str):
        """The browser's own zone (Intl), sent once by the page: chosen unless the user picked."""
        known = timezones.known(zone if isinstance(zone, str) else None)
        if known and not self._zone_picked:
            self.chosen_timezone = known

    @rx.event
    def pick_timezone(self, zone: str):
        known = timezones.known(zone)
        if known:
            self.chosen_timezone, self._zone_picked = known, True

    @rx.event
    def search_timezones(self, query: str):
        self.timezone_query = query[:80]

    @rx.event
    def set_owner_name(self, name: str):
        self.owner_name = name[:clinics.OWNER_NAME_LIMIT + 1]

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
        zone = timezones.known(str(form.get("timezone") or "")) or self.chosen_timezone
        owner = str(form.get("owner_name", self.owner_name) or "").strip()
        done = await self._as_signed_in(
            lambda user, actor: clinics.create(user, str(form.get("name", "")).strip(),
                                               zone, self.locale, owner))
        return rx.redirect(paths.HOME) if done.done else done.answer
