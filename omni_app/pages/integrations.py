"""/settings/integrations: each channel's status, webhook URL, n8n outbound URL, signing
secret (shown once, then masked), Meta secrets, provider credentials and the n8n recipe."""
from __future__ import annotations

import reflex as rx

from omni_app.channels import registry
from omni_app.components.secrets import copyable, shown_once
from omni_app.state.integrations import IntegrationsState as S
from omni_app.views.api_keys_card import api_keys_card
from omni_app.views.integration_notice import notice
from omni_app.views.n8n_recipe_panel import recipe
from omni_app.views.shell import shell

T = S.tr


def labelled(label_key: str, *content: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(T[label_key], size="2", weight="bold"), *content, spacing="1",
                     width="100%")


def channel_field(channel: str) -> rx.Component:
    return rx.el.input(type="hidden", name="channel", value=channel)


def masked(value, clear_event=None) -> rx.Component:
    """A secret's mask (or "not set"), with a remove button when `clear_event` is given."""
    shown = [rx.code(value)]
    if clear_event is not None:
        shown.append(rx.button(T["integrations.clear"], size="1", variant="ghost",
                               color_scheme="red", on_click=clear_event, type="button"))
    return rx.cond(value != "", rx.hstack(*shown, align="center"),
                   rx.text(T["integrations.not_set"], size="2", color_scheme="gray"))


def status_row(channel: str, view) -> rx.Component:
    return rx.hstack(
        rx.heading(registry.CHANNELS[channel].label, size="4"),
        rx.spacer(),
        rx.text(T["integrations.status"], size="2"),
        rx.switch(checked=view.status == "active",
                  on_change=lambda active: S.set_active(channel, active),
                  id=f"integration-{channel}-status", aria_label=T["integrations.status"]),
        rx.badge(rx.cond(view.status == "active", T["integrations.status.active"],
                         T["integrations.status.inactive"]),
                 color_scheme=rx.cond(view.status == "active", "green", "gray")),
        width="100%", align="center", wrap="wrap",
    )


def signing_secret(channel: str, view) -> rx.Component:
    return labelled(
        "integrations.secret.title",
        masked(view.signing_secret),
        rx.cond(view.grace != "", rx.text(view.grace, size="2")),
        rx.cond(
            S.revealed.contains(channel),
            shown_once(T["integrations.secret.rotated"], S.revealed[channel],
                       f"integration-{channel}-secret", T["integrations.secret.hide"],
                       S.hide_secret(channel), T["integrations.copy"])),
        rx.button(rx.cond(view.signing_secret != "", T["integrations.secret.rotate"],
                          T["integrations.secret.generate"]),
                  on_click=S.rotate_secret(channel), id=f"integration-{channel}-rotate",
                  size="2", variant="soft", type="button"),
        notice(f"{channel}.secret", f"integration-{channel}-secret"),
    )


def outbound_form(channel: str, view) -> rx.Component:
    return labelled("integrations.outbound_url", rx.form(
        rx.hstack(
            channel_field(channel),
            rx.input(name="outbound_url", type="url", default_value=view.outbound_url,
                     key=view.outbound_url, placeholder="https://n8n.example.com/webhook/…",
                     id=f"integration-{channel}-outbound-url", width="100%"),
            rx.button(T["integrations.save"], type="submit",
                      id=f"integration-{channel}-outbound-save"),
            width="100%"),
        on_submit=S.save_outbound_url, width="100%"),
        notice(f"{channel}.outbound", f"integration-{channel}-outbound"))


def meta_form(channel: str, view) -> rx.Component:
    def secret_input(name: str, label_key: str) -> rx.Component:
        return rx.vstack(
            rx.text(T[label_key], size="2"),
            masked(view[name], S.clear_meta(channel, name)),
            rx.input(name=name, type="password", autocomplete="off",
                     placeholder=T["integrations.meta.keep"],
                     id=f"integration-{channel}-{name.replace('_', '-')}", width="100%"),
            spacing="1", width="100%")

    return labelled("integrations.meta.title", rx.form(
        rx.vstack(channel_field(channel),
                  secret_input("meta_app_secret", "integrations.meta.app_secret"),
                  secret_input("meta_verify_token", "integrations.meta.verify_token"),
                  rx.button(T["integrations.save"], type="submit",
                            id=f"integration-{channel}-meta-save"),
                  spacing="2", width="100%"),
        on_submit=S.save_meta, reset_on_submit=True, width="100%"),
        notice(f"{channel}.meta", f"integration-{channel}-meta"))


def credentials_form(channel: str) -> rx.Component:
    return labelled(
        "integrations.credentials.title",
        rx.text(T["integrations.credentials.hint"], size="1", color_scheme="gray"),
        rx.foreach(S.credentials[channel], lambda item: rx.hstack(
            rx.code(item.name), rx.text(item.mask, size="2"),
            rx.button(T["integrations.clear"], size="1", variant="ghost", color_scheme="red",
                      on_click=S.remove_credential(channel, item.name), type="button"),
            align="center")),
        rx.form(rx.hstack(
            channel_field(channel),
            rx.input(name="name", placeholder=T["integrations.credentials.name"], required=True,
                     id=f"integration-{channel}-credential-name"),
            rx.input(name="value", type="password", autocomplete="off", required=True,
                     placeholder=T["integrations.credentials.value"],
                     id=f"integration-{channel}-credential-value"),
            rx.button(T["integrations.credentials.save"], type="submit", variant="soft",
                      id=f"integration-{channel}-credential-save"),
            wrap="wrap"), on_submit=S.save_credential, reset_on_submit=True),
        notice(f"{channel}.credentials", f"integration-{channel}-credentials"),
    )


def channel_card(channel: str) -> rx.Component:
    view = S.integrations[channel]
    return rx.card(rx.vstack(
        status_row(channel, view),
        notice(f"{channel}.status", f"integration-{channel}-status"),
        rx.cond(view.unreadable,
                rx.callout(T["integrations.secret.unreadable"], color_scheme="red")),
        labelled("integrations.webhook_url", rx.cond(
            view.webhook_url != "",
            copyable(view.webhook_url, f"integration-{channel}-webhook-url",
                     T["integrations.copy"]),
            rx.text(T["integrations.not_configured"], size="2",
                    id=f"integration-{channel}-webhook-url"))),
        labelled("integrations.last_used", rx.text(
            rx.cond(view.last_used_at != "", view.last_used_at, T["integrations.never"]),
            size="2", id=f"integration-{channel}-last-used")),
        signing_secret(channel, view),
        outbound_form(channel, view),
        meta_form(channel, view),
        credentials_form(channel),
        rx.cond(view.webhook_url != "", recipe(channel, view)),
        spacing="4", width="100%",
    ), width="100%", id=f"integration-{channel}")


def integrations_page() -> rx.Component:
    return shell(
        rx.heading(T["integrations.title"], size="6", margin_bottom="6px"),
        rx.text(T["integrations.intro"], size="2", margin_bottom="12px"),
        notice("page", "integrations"),
        rx.cond(S.integrations.length() > 0,
                rx.vstack(*[channel_card(channel) for channel in registry.NAMES], api_keys_card(),
                          spacing="4", width="100%")),
    )
