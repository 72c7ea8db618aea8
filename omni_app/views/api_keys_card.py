"""The "API keys" card of /settings/integrations: keys for /api/v1 (n8n's AI agent, other
tools). A new key is shown once; afterwards only its first characters."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.secrets import shown_once
from omni_app.state.api_keys import ApiKeysState as K
from omni_app.state.api_keys import KeyRow

T = K.tr


def key_row(item: KeyRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.name),
        rx.table.cell(rx.code(item.prefix + "…")),
        rx.table.cell(item.created_at),
        rx.table.cell(rx.cond(item.last_used_at != "", item.last_used_at,
                              T["integrations.never"])),
        rx.table.cell(rx.cond(
            item.revoked,
            rx.badge(T["api_keys.revoked_badge"], color_scheme="gray"),
            rx.button(T["api_keys.revoke"], size="1", variant="soft", color_scheme="red",
                      on_click=K.revoke_key(item.id), type="button"))),
        id="api-key-" + item.id,
    )


def api_keys_card() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(T["api_keys.title"], size="4"),
        rx.text(T["api_keys.intro"], size="2"),
        rx.link(T["api_keys.docs"], href=paths.API_DOCS, is_external=True, size="2"),
        rx.cond(K.key_message != "", rx.callout(K.key_message, color_scheme="green")),
        rx.cond(K.key_error != "", rx.callout(K.key_error, color_scheme="red", role="alert",
                                              id="api-key-error")),
        rx.cond(K.created_secret != "",
                shown_once(T["api_keys.created"], K.created_secret, "api-key-secret",
                           T["integrations.secret.hide"], K.hide_key, T["integrations.copy"])),
        rx.form(rx.hstack(
            rx.input(name="name", placeholder=T["api_keys.name"], required=True,
                     max_length=100, id="api-key-name"),
            rx.button(T["api_keys.create"], type="submit", id="api-key-create"),
            wrap="wrap"), on_submit=K.create_key, reset_on_submit=True),
        rx.cond(K.keys.length() > 0, rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(T["api_keys.name"]),
                rx.table.column_header_cell(T["api_keys.prefix"]),
                rx.table.column_header_cell(T["api_keys.created_at"]),
                rx.table.column_header_cell(T["api_keys.last_used"]),
                rx.table.column_header_cell(""))),
            rx.table.body(rx.foreach(K.keys, key_row)),
            width="100%")),
        spacing="3", width="100%",
    ), width="100%", id="api-keys", on_mount=K.load_keys)
