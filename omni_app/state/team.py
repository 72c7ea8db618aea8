"""Team page (admins only). Every handler re-checks that the caller is an active admin; the
database checks it again in each team function."""
from __future__ import annotations

from typing import Awaitable, Callable, TypeVar

import reflex as rx
from supabase import AsyncClient

from omni_app import services
from omni_app.domain import team
from omni_app.state.session import AccessDenied, SessionState

T = TypeVar("T")


class TeamState(SessionState):
    members: list[dict[str, str]] = []
    invitations: list[dict[str, str]] = []
    message: str = ""
    error: str = ""
    invited_password: str = ""

    async def _refresh(self, user) -> None:
        self.members = [{key: str(value or "") for key, value in row.items()}
                        for row in await team.members(user)]
        self.invitations = [{
            "id": row["id"], "email": row["email"], "full_name": row["full_name"] or "",
            "role": row["role"], "expires_at": self.local_time(row["expires_at"]),
        } for row in await team.open_invitations(user)]

    @rx.event
    async def load_members(self):
        try:
            user, _ = await self.admin_access()
        except AccessDenied as denied:
            return denied.answer
        await self._refresh(user)

    async def _as_admin(self, action: Callable[[AsyncClient], Awaitable[T]]):
        """Run `action(user)` for a verified admin: (user, result, None), or (None, None,
        answer) when refused — a redirect, or None with `error` set."""
        self.error = self.message = self.invited_password = ""
        try:
            user, _ = await self.admin_access()
            return user, await action(user), None
        except AccessDenied as denied:
            return None, None, denied.answer
        except team.TeamChangeRefused as refused:
            self.error = self._refusal(refused)
            return None, None, None

    @rx.event
    async def invite(self, form: dict):
        async def invite(user):
            return await team.invite(user, await services.current().service(),
                                     str(form.get("email", "")),
                                     str(form.get("full_name", "")),
                                     str(form.get("role", "staff")))
        user, invitation, answer = await self._as_admin(invite)
        if invitation is None:
            return answer
        self.invited_password = invitation.temporary_password
        self.message = self.tr["team.invite.done"].format(email=invitation.email)
        await self._refresh(user)

    @rx.event
    async def revoke_invitation(self, invitation_id: str):
        user, _, answer = await self._as_admin(
            lambda user: team.revoke_invitation(user, invitation_id))
        if user is None:
            return answer
        self.message = self.tr["team.invitation.revoked"]
        await self._refresh(user)

    @rx.event
    def hide_password(self):
        self.invited_password = self.message = ""

    @rx.event
    async def set_role(self, member_id: str, role: str):
        return await self._change(member_id, role=role)

    @rx.event
    async def set_status(self, member_id: str, status: str):
        return await self._change(member_id, status=status)

    async def _change(self, member_id: str, **values):
        user, member, answer = await self._as_admin(
            lambda user: team.change(user, member_id, **values))
        if member is None:
            return answer
        await self._refresh(user)

    def _refusal(self, refused: team.TeamChangeRefused) -> str:
        if refused.reason == "failed":
            return self.tr["team.error.failed"].format(reason=refused.detail)
        if refused.reason == "email":
            return self.tr["team.invite.error.email"]
        return self.tr[f"team.error.{refused.reason}"]
