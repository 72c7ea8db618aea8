"""Settings → Integrations (admins only). Every handler goes through the admin guard; the
company always comes from the admin's own profile, never from the browser."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import services
from omni_app.domain import integrations
from omni_app.domain.integration_secrets import webhook_url
from omni_app.domain.n8n_recipe import http_node_settings
from omni_app.domain.refusals import Refused
from omni_app.state.session import SessionState, just_load


@dataclass
class IntegrationCard:
    """What the page shows of one channel's integration: masks, never a secret."""
    id: str = ""
    status: str = "inactive"
    public_key: str = ""
    webhook_url: str = ""
    recipe_http: str = ""
    outbound_url: str = ""
    last_used_at: str = ""
    signing_secret: str = ""   # masked
    grace: str = ""            # until when the previous secret still verifies, in words
    meta_app_secret: str = ""  # masked
    meta_verify_token: str = ""
    unreadable: bool = False   # sealed under a key this server does not have


@dataclass
class CredentialRow:
    name: str
    mask: str


class IntegrationsState(SessionState):
    integrations: dict[str, IntegrationCard] = {}
    credentials: dict[str, list[CredentialRow]] = {}
    # the signing secret just generated and its channel, shown once
    revealed_channel: str = ""
    revealed_secret: str = ""
    message: str = ""
    error: str = ""

    async def _refresh(self, user, actor: integrations.Actor) -> None:
        current = services.current()
        views = await integrations.overview(user, await current.service(), actor,
                                            current.keyring)
        self.integrations = {view.channel: self._card(view) for view in views}
        self.credentials = {view.channel: [CredentialRow(name, masked)
                                           for name, masked in view.credentials]
                            for view in views}

    def _card(self, view: integrations.IntegrationView) -> IntegrationCard:
        url = (webhook_url(services.current().settings.omni_public_url, view.channel,
                           view.public_key) if view.public_key else "")
        grace = (self.tr["integrations.secret.grace"].format(
            until=self._local_time(view.previous_valid_until))
            if view.previous_valid_until else "")
        return IntegrationCard(
            id=view.id, status=view.status, public_key=view.public_key, webhook_url=url,
            recipe_http=http_node_settings(url, view.public_key) if url else "",
            outbound_url=view.outbound_url, last_used_at=self._local_time(view.last_used_at),
            signing_secret=view.signing_secret, grace=grace,
            meta_app_secret=view.meta_app_secret, meta_verify_token=view.meta_verify_token,
            unreadable=view.unreadable)

    async def _act(self, action, done_key: str | None = "integrations.saved"):
        """One change as the admin; its result (or refusal) shown; the page's data re-read."""
        self.message = ""
        self._hide_secret()
        done = await self._guarded(action, who="admin", errors="integrations.error",
                                   shows="error", then=self._refresh)
        if done.done and done_key:
            self.message = self.tr[done_key]
        return done

    @rx.event
    async def load(self):
        return (await self._act(just_load, None)).answer

    @rx.event
    async def set_active(self, channel: str, active: bool):
        return (await self._act(lambda user, actor: integrations.set_active(
            user, actor, channel, bool(active)))).answer

    @rx.event
    async def save_outbound_url(self, form: dict):
        channel, url = str(form.get("channel", "")), str(form.get("outbound_url", ""))
        return (await self._act(lambda user, actor: integrations.set_outbound_url(
            user, actor, channel, url, services.current().outbound_policy))).answer

    @rx.event
    async def rotate_secret(self, channel: str):
        async def rotate(user, actor):
            return await integrations.rotate_signing_secret(
                user, await services.current().service(), services.current().keyring, actor,
                channel)
        done = await self._act(rotate, None)  # the secret's own callout says it
        if done.done:
            self.revealed_channel, self.revealed_secret = channel, done.value
        return done.answer

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
            for name, value in values.items():
                if value:
                    await _set_secret(user, actor, channel, "meta", name, value)
        return (await self._act(save)).answer

    @rx.event
    async def clear_meta(self, channel: str, name: str):
        return (await self._act(lambda user, actor: _set_secret(
            user, actor, channel, "meta", name, ""))).answer

    @rx.event
    async def save_credential(self, form: dict):
        channel, name = str(form.get("channel", "")), str(form.get("name", ""))
        value = str(form.get("value", ""))

        async def save(user, actor):
            if not value.strip():
                raise Refused("value")
            await _set_secret(user, actor, channel, "credential", name, value)
        return (await self._act(save)).answer

    @rx.event
    async def remove_credential(self, channel: str, name: str):
        return (await self._act(lambda user, actor: _set_secret(
            user, actor, channel, "credential", name, ""))).answer


async def _set_secret(user, actor, channel: str, kind: str, name: str, value: str) -> None:
    """A Meta secret or a provider credential, sealed with the server's keys."""
    current = services.current()
    change = integrations.set_meta_secret if kind == "meta" else integrations.set_credential
    await change(user, await current.service(), current.keyring, actor, channel, name, value)

