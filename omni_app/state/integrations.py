"""Settings → Integrations (admins only). Every handler re-checks that the caller is an active
admin; the company always comes from the admin's own profile, never from the browser."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

import reflex as rx
from supabase import AsyncClient

from omni_app import services
from omni_app.domain import integrations
from omni_app.domain.integration_secrets import InvalidValue, webhook_url
from omni_app.domain.n8n_recipe import http_node_settings
from omni_app.state.session import AccessDenied, SessionState

Action = Callable[[AsyncClient, integrations.Actor], Awaitable[object]]


class IntegrationsState(SessionState):
    # channel -> what the page shows (masks only); see _as_strings
    integrations: dict[str, dict[str, str]] = {}
    credentials: dict[str, list[dict[str, str]]] = {}
    # the signing secret just generated and its channel, shown once
    revealed_channel: str = ""
    revealed_secret: str = ""
    message: str = ""
    error: str = ""

    async def _refresh(self, user: AsyncClient, actor: integrations.Actor) -> None:
        views = await integrations.overview(user, await services.current().service(), actor,
                                            services.current().keyring)
        self.integrations = {view.channel: self._as_strings(view) for view in views}
        self.credentials = {view.channel: [{"name": name, "mask": masked}
                                           for name, masked in view.credentials]
                            for view in views}

    def _as_strings(self, view: integrations.IntegrationView) -> dict[str, str]:
        url = (webhook_url(services.current().settings.omni_public_url, view.channel,
                           view.public_key)
               if view.public_key else "")
        return {
            "id": view.id, "status": view.status, "public_key": view.public_key,
            "webhook_url": url,
            "recipe_http": http_node_settings(url, view.public_key) if url else "",
            "outbound_url": view.outbound_url,
            "last_used_at": self.local_time(view.last_used_at),
            "signing_secret": view.signing_secret,
            "grace": self.tr["integrations.secret.grace"].format(
                until=self.local_time(view.previous_valid_until))
            if view.previous_valid_until else "",
            "meta_app_secret": view.meta_app_secret,
            "meta_verify_token": view.meta_verify_token,
            "unreadable": "yes" if view.unreadable else "",
        }

    async def _act(self, action: Action, done_key: str | None = "integrations.saved"):
        """Run one change as the admin, then show the result and re-read the page's data."""
        self.error = self.message = ""
        self._hide_secret()
        try:
            user, actor = await self.admin_access()
        except AccessDenied as denied:
            return denied.answer
        try:
            await action(user, actor)
        except (InvalidValue, integrations.IntegrationChangeRefused) as refused:
            self.error = self.tr[f"integrations.error.{refused.reason}"]
        else:
            self.message = self.tr[done_key] if done_key else ""
        await self._refresh(user, actor)
        return None

    @rx.event
    async def load(self):
        self.error = self.message = ""
        self._hide_secret()
        try:
            user, actor = await self.admin_access()
        except AccessDenied as denied:
            return denied.answer
        await self._refresh(user, actor)

    @rx.event
    async def set_active(self, channel: str, active: bool):
        return await self._act(
            lambda user, actor: integrations.set_active(user, actor, channel, bool(active)))

    @rx.event
    async def save_outbound_url(self, form: dict):
        channel, url = str(form.get("channel", "")), str(form.get("outbound_url", ""))
        return await self._act(
            lambda user, actor: integrations.set_outbound_url(user, actor, channel, url,
                                                              services.current().outbound_policy))

    @rx.event
    async def rotate_secret(self, channel: str):
        generated: list[str] = []

        async def rotate(user, actor):
            generated.append(await integrations.rotate_signing_secret(
                user, await services.current().service(), services.current().keyring, actor,
                channel))

        redirect = await self._act(rotate, None)  # the secret's own callout says it
        if generated:
            self.revealed_channel, self.revealed_secret = channel, generated[0]
        return redirect

    @rx.event
    def hide_secret(self):
        self._hide_secret()

    def _hide_secret(self) -> None:
        self.revealed_channel = self.revealed_secret = ""

    @rx.event
    async def save_meta(self, form: dict):
        """Sets the fields that were filled in; empty fields stay as they are."""
        channel = str(form.get("channel", ""))
        values = {name: str(form.get(name, "")).strip()
                  for name in ("meta_app_secret", "meta_verify_token")}

        async def save(user, actor):
            service, ring = await services.current().service(), services.current().keyring
            for name, value in values.items():
                if value:
                    await integrations.set_meta_secret(user, service, ring, actor, channel,
                                                       name, value)

        return await self._act(save)

    @rx.event
    async def clear_meta(self, channel: str, name: str):
        async def clear(user, actor):
            await integrations.set_meta_secret(user, await services.current().service(),
                                               services.current().keyring, actor, channel,
                                               name, "")

        return await self._act(clear)

    @rx.event
    async def save_credential(self, form: dict):
        channel, name = str(form.get("channel", "")), str(form.get("name", ""))
        value = str(form.get("value", ""))
        if not value.strip():
            self.error = self.tr["integrations.error.value"]
            return

        async def save(user, actor):
            await integrations.set_credential(user, await services.current().service(),
                                              services.current().keyring, actor, channel,
                                              name, value)

        return await self._act(save)

    @rx.event
    async def remove_credential(self, channel: str, name: str):
        async def remove(user, actor):
            await integrations.set_credential(user, await services.current().service(),
                                              services.current().keyring, actor, channel,
                                              name, "")

        return await self._act(remove)
