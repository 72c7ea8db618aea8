"""Team page (admins only). Every handler goes through the admin guard; the database checks
again in each team function."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import services
from omni_app.domain import team
from omni_app.state.session import SessionState, just_load


@dataclass
class MemberRow:
    id: str
    full_name: str
    email: str
    role: str
    status: str


@dataclass
class InvitationRow:
    id: str
    email: str
    role: str
    expires_at: str      # in the clinic's time zone, the user's date order


class TeamState(SessionState):
    members: list[MemberRow] = []
    invitations: list[InvitationRow] = []
    message: str = ""
    error: str = ""
    invited_password: str = ""
    invited_by_mail: bool = False

    async def _refresh(self, user, actor) -> None:
        self.members = [MemberRow(row["id"], row["full_name"] or "", row["email"] or "",
                                  row["role"], row["status"])
                        for row in await team.members(user)]
        self.invitations = [InvitationRow(row["id"], row["email"], row["role"],
                                          self._local_time(row["expires_at"]))
                            for row in await team.open_invitations(user)]

    async def _as_admin(self, action):
        """Runs `action(user, actor)` through the admin guard, then shows the fresh lists."""
        self.message = self.invited_password = ""
        self.invited_by_mail = False
        return await self._guarded(action, who="admin", errors="team.error", shows="error",
                                   then=self._refresh)

    @rx.event
    async def load_members(self):
        return (await self._as_admin(just_load)).answer

    @rx.event
    async def invite(self, form: dict):
        mail = team.InviteMail(services.current().set_password_url(), self.locale, self.clinic_name)
        done = await self._as_admin(lambda user, actor: _invite(user, form, mail))
        if done.done:
            self.invited_password = done.value.temporary_password
            self.invited_by_mail = not done.value.temporary_password
            key = "team.invite.done" if self.invited_password else "team.invite.mailed"
            self.message = self.tr[key].format(email=done.value.email)
        return done.answer

    @rx.event
    async def revoke_invitation(self, invitation_id: str):
        done = await self._as_admin(
            lambda user, actor: team.revoke_invitation(user, invitation_id))
        if done.done:
            self.message = self.tr["team.invitation.revoked"]
        return done.answer

    @rx.event
    def hide_password(self):
        self.invited_password = self.message = ""

    @rx.event
    async def set_role(self, member_id: str, role: str):
        return (await self._as_admin(
            lambda user, actor: team.change(user, member_id, role=role))).answer

    @rx.event
    async def set_status(self, member_id: str, status: str):
        return (await self._as_admin(
            lambda user, actor: team.change(user, member_id, status=status))).answer


async def _invite(user, form: dict, mail: team.InviteMail) -> team.Invitation:
    return await team.invite(user, await services.current().service(),
                             str(form.get("email", "")), str(form.get("full_name", "")),
                             str(form.get("role", "staff")),
                             mail if services.current().settings.omni_invite_by_email else None)

