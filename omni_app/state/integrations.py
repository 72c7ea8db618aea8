"""Settings → Integrations (admins only). Every handler goes through the admin guard; the
company always comes from the admin's own profile, never from the browser."""
from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from omni_app import paths, services
from omni_app.domain import integrations, n8n_recipe
from omni_app.domain.integration_secrets import status_url, webhook_url
from omni_app.domain.refusals import Refused
from omni_app.state.session import SessionState, just_load


@dataclass
class IntegrationCard:
    """What the page shows of one channel's integration: masks, never a secret."""
    id: str = ""
    status: str = "inactive"
    public_key: str = ""
    webhook_url: str = ""
    recipe_sign: str = ""            # the n8n recipe, in the reader's language
    recipe_http: str = ""
    recipe_reply: str = ""
    recipe_verify: str = ""
    recipe_status: str = ""
    inbound_workflow_url: str = ""   # downloads (api/n8n_workflows.py)
    outbound_workflow_url: str = ""
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
    # signing secrets just generated, by channel: shown until dismissed or the page is left
    revealed: dict[str, str] = {}
    # the last action's result, shown next to what it changed (`notice_at`: "<channel>.<part>",
    # or "page")
    notice_at: str = ""
    notice: str = ""
    notice_failed: bool = False

    async def _refresh(self, user, actor: integrations.Actor) -> None:
        current = services.current()
        views = await integrations.overview(user, await current.service(), actor,
                                            current.keyring)
        self.integrations = {view.channel: self._card(view) for view in views}
        self.credentials = {view.channel: [CredentialRow(name, masked)
                                           for name, masked in view.credentials]
                            for view in views}

    def _card(self, view: integrations.IntegrationView) -> IntegrationCard:
        public_url = services.current().settings.omni_public_url
        url = webhook_url(public_url, view.channel, view.public_key) if view.public_key else ""
        recipe = (n8n_recipe.recipe(view.channel, url, view.public_key,
                                    status_url(public_url, view.public_key), self.tr)
                  if url else n8n_recipe.Recipe("", "", "", "", ""))
        grace = (self.tr["integrations.secret.grace"].format(
            until=self._local_time(view.previous_valid_until))
            if view.previous_valid_until else "")
        return IntegrationCard(
            id=view.id, status=view.status, public_key=view.public_key, webhook_url=url,
            recipe_sign=recipe.sign, recipe_http=recipe.http, recipe_reply=recipe.reply,
            recipe_verify=recipe.verify, recipe_status=recipe.status,
            inbound_workflow_url=_download(view.channel, "inbound") if url else "",
            outbound_workflow_url=_download(view.channel, "outbound") if url else "",
            outbound_url=view.outbound_url, last_used_at=self._local_time(view.last_used_at),
            signing_secret=view.signing_secret, grace=grace,
            meta_app_secret=view.meta_app_secret, meta_verify_token=view.meta_verify_token,
            unreadable=view.unreadable)

    async def _act(self, place: str, action, done_key: str | None = "integrations.saved"):
        """One change as the admin; its result (or refusal) shown at `place`; the page's data
        re-read. A secret on show stays: the admin may still be copying it."""
        self.notice_at, self.notice_failed = place, False
        done = await self._guarded(action, who="admin", errors="integrations.error",
                                   shows="notice", then=self._refresh)
        if done.done and done_key:
            self.notice = self.tr[done_key]
        self.notice_failed = not done.done
        return done

    @rx.event
    async def load(self):
        # Arriving on the page (again) ends what the last visit showed, secrets included: the
        # plaintext lives no longer than the view that shows it.
        self.revealed = {}
        return (await self._act("page", just_load, None)).answer

    @rx.event
    async def set_active(self, channel: str, active: bool):
        return (await self._act(f"{channel}.status", lambda user, actor: (
            integrations.set_active(user, actor, channel, bool(active))))).answer

    @rx.event
    async def save_outbound_url(self, form: dict):
        channel, url = str(form.get("channel", "")), str(form.get("outbound_url", ""))
        return (await self._act(f"{channel}.outbound", lambda user, actor: (
            integrations.set_outbound_url(user, actor, channel, url,
                                          services.current().outbound_policy)))).answer

    @rx.event
    async def rotate_secret(self, channel: str):
        async def rotate(user, actor):
            return await integrations.rotate_signing_secret(
                user, await services.current().service(), services.current().keyring, actor,
                channel)
        done = await self._act(f"{channel}.secret", rotate, None)  # its callout says it
        if done.done:
            self.revealed = {**self.revealed, channel: done.value}
        return done.answer

    @rx.event
    def hide_secret(self, channel: str):
        self.revealed = {name: secret for name, secret in self.revealed.items()
                         if name != channel}

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
        return (await self._act(f"{channel}.meta", save)).answer

    @rx.event
    async def clear_meta(self, channel: str, name: str):
        return (await self._act(f"{channel}.meta", lambda user, actor: _set_secret(
            user, actor, channel, "meta", name, ""))).answer

    @rx.event
    async def save_credential(self, form: dict):
        channel, name = str(form.get("channel", "")), str(form.get("name", ""))
        value = str(form.get("value", ""))

        async def save(user, actor):
            if not value.strip():
                raise Refused("value")
            await _set_secret(user, actor, channel, "credential", name, value)
        return (await self._act(f"{channel}.credentials", save)).answer

    @rx.event
    async def remove_credential(self, channel: str, name: str):
        return (await self._act(f"{channel}.credentials", lambda user, actor: _set_secret(
            user, actor, channel, "credential", name, ""))).answer


async def _set_secret(user, actor, channel: str, kind: str, name: str, value: str) -> None:
    """A Meta secret or a provider credential, sealed with the server's keys."""
    current = services.current()
    change = integrations.set_meta_secret if kind == "meta" else integrations.set_credential
    await change(user, await current.service(), current.keyring, actor, channel, name, value)



def _download(channel: str, direction: str) -> str:
    return paths.N8N_WORKFLOW.format(channel=channel, direction=direction)
