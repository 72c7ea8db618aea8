"""The n8n recipe of one channel card, in the reader's language: signing messages to Omni, the
replies Omni sends and how to verify them, the status report, and both flows as workflow files
to import (downloaded from api/n8n_workflows.py with the admin's session)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.secrets import copyable
from omni_app.domain.n8n_workflows import filename
from omni_app.state.integrations import IntegrationsState as S

T = S.tr


def _step(text_key: str, content, element_id: str) -> rx.Component:
    return rx.vstack(rx.text(T[text_key], size="2"),
                     copyable(content, element_id, T["integrations.copy"]),
                     spacing="2", width="100%")


def _download(channel: str, direction: str, url) -> rx.Component:
    """A document link the browser downloads (with the session cookie); styled as a button."""
    return rx.button(
        rx.el.a(rx.icon("download", size=14),
                T[f"integrations.recipe.download.{direction}"],
                href=url, download=filename(channel, direction),
                # rx.el.a is React Router's Link: a client-side route would never download
                reload_document=True,
                id=f"integration-{channel}-workflow-{direction}"),
        as_child=True, variant="soft", size="2",
        style={"max_width": "100%", "white_space": "normal", "height": "auto",
               "min_height": "32px", "padding_top": "4px", "padding_bottom": "4px"})


def downloads(channel: str, view) -> rx.Component:
    return rx.vstack(
        rx.text(T["integrations.recipe.download"], size="2"),
        rx.flex(_download(channel, "inbound", view.inbound_workflow_url),
                _download(channel, "outbound", view.outbound_workflow_url),
                gap="8px", wrap="wrap"),
        spacing="2", width="100%")


def recipe(channel: str, view) -> rx.Component:
    prefix = f"integration-{channel}-recipe"
    return rx.accordion.root(
        rx.accordion.item(
            header=T["integrations.recipe.title"],
            content=rx.vstack(
                downloads(channel, view),
                _step("integrations.recipe.code", view.recipe_sign, f"{prefix}-code"),
                _step("integrations.recipe.http", view.recipe_http, f"{prefix}-http"),
                rx.text(T["integrations.recipe.retry"], size="1", color_scheme="gray"),
                _step("integrations.recipe.reply", view.recipe_reply, f"{prefix}-reply"),
                _step("integrations.recipe.verify", view.recipe_verify, f"{prefix}-verify"),
                _step("integrations.recipe.status", view.recipe_status, f"{prefix}-status"),
                spacing="4", width="100%"),
            value="recipe"),
        collapsible=True, type="single", variant="ghost", width="100%")
