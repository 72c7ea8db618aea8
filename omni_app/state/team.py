"""Team page (admins only). Every handler re-checks that the caller is an active admin."""
from __future__ import annotations

from typing import Awaitable, Callable, TypeVar

import reflex as rx
from supabase import AsyncClient

from omni_app.domain import team
from omni_app.runtime import session_store
from omni_app.state.session import AccessDenied, SessionState
from omni_app.supa import service_client


T = TypeVar("T")


class TeamState(SessionState):
    members: list[dict[str, str]] = []
    message: str = ""
    error: str = ""
    invited_password: str = ""

    async def _refresh_members(self, user) -> None:
        self.members = [{key: str(value or "") for key, value in row.items()}
                        for row in await team.members(user)]

    @rx.event
    async def load_members(self):
        try:
            user, _ = await self.admin_access()
        except AccessDenied as denied:
            return denied.answer
        await self._refresh_members(user)

    async def _as_admin(self, action: Callable[[AsyncClient, team.Actor], Awaitable[T]]):
        """Run `action(user, actor)` for a verified admin: (user, result, None), or
        (None, None, answer) when refused — a redirect, or None with `error` set."""
        self.error = self.message = self.invited_password = ""
        try:
            user, actor = await self.admin_access()
            return user, await action(user, actor), None
        except AccessDenied as denied:
            return None, None, denied.answer
        except team.TeamChangeRefused as refused:
            self.error = self._refusal(refused)
            return None, None, None

    @rx.event
    async def invite(self, form: dict):
        async def invite(user, actor):
            return await team.invite(user, await service_client(), actor,
                                     str(form.get("email", "")), str(form.get("full_name", "")),
                                     str(form.get("role", "staff")))
        user, invitation, answer = await self._as_admin(invite)
        if invitation is None:
            return answer
        self.invited_password = invitation.temporary_password
        self.message = self.tr["team.invite.done"]
        await self._refresh_members(user)

    @rx.event
    async def set_role(self, member_id: str, role: str):
        return await self._change(member_id, role=role)

    @rx.event
    async def set_status(self, member_id: str, status: str):
        return await self._change(member_id, status=status)

    async def _change(self, member_id: str, **values):
        async def change(user, actor):
            return await team.change(user, await service_client(), actor, member_id, **values)
        user, member, answer = await self._as_admin(change)
        if member is None:
            return answer
        if values.get("status") == "disabled":
            await (await session_store()).revoke_user(member["auth_user_id"])
        await self._refresh_members(user)

    def _refusal(self, refused: team.TeamChangeRefused) -> str:
        if refused.reason == "failed":
            return self.tr["team.error.failed"].format(reason=refused.detail)
        if refused.reason in ("email", "exists"):
            return self.tr[f"team.invite.error.{refused.reason}"]
        return self.tr[f"team.error.{refused.reason}"]
