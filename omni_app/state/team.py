"""Team page (admins only). Every handler re-checks that the caller is an active admin."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import team
from omni_app.runtime import session_store
from omni_app.state.session import NotSignedIn, SessionState
from omni_app.supa import service_client


class NotAdmin(Exception):
    pass


class TeamState(SessionState):
    members: list[dict[str, str]] = []
    message: str = ""
    error: str = ""
    invited_password: str = ""

    async def _admin(self):
        """The admin's client and identity, re-read from the database, or an exception."""
        if not await self._load_profile():
            raise NotSignedIn()
        if not self.is_admin or not self.company_id:
            raise NotAdmin()
        return await self.user_client(), team.Actor(self.user_id, self.company_id)

    async def _refresh_members(self, user) -> None:
        self.members = [{key: str(value or "") for key, value in row.items()}
                        for row in await team.members(user)]

    @rx.event
    async def load_members(self):
        try:
            user, _ = await self._admin()
        except NotSignedIn:
            return self.login_redirect()
        except NotAdmin:
            return rx.redirect("/")
        await self._refresh_members(user)

    @rx.event
    async def invite(self, form: dict):
        self.error = self.message = self.invited_password = ""
        try:
            user, actor = await self._admin()
            invitation = await team.invite(user, await service_client(), actor,
                                           str(form.get("email", "")),
                                           str(form.get("full_name", "")),
                                           str(form.get("role", "staff")))
        except NotSignedIn:
            return self.login_redirect()
        except NotAdmin:
            return rx.redirect("/")
        except team.TeamChangeRefused as refused:
            self.error = self._refusal(refused)
            return
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
        self.error = self.message = self.invited_password = ""
        try:
            user, actor = await self._admin()
            member = await team.change(user, await service_client(), actor, member_id, **values)
        except NotSignedIn:
            return self.login_redirect()
        except NotAdmin:
            return rx.redirect("/")
        except team.TeamChangeRefused as refused:
            self.error = self._refusal(refused)
            return
        if values.get("status") == "disabled":
            await (await session_store()).revoke_user(member["auth_user_id"])
        await self._refresh_members(user)

    def _refusal(self, refused: team.TeamChangeRefused) -> str:
        if refused.reason == "failed":
            return self.tr["team.error.failed"].format(reason=refused.detail)
        if refused.reason in ("email", "exists"):
            return self.tr[f"team.invite.error.{refused.reason}"]
        return self.tr[f"team.error.{refused.reason}"]
