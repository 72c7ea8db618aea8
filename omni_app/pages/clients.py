"""/clients (every member): the clinic's clients, and a dialog to add or change one."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.state.clients import ClientsState
from omni_app.views.client_form import client_dialog
from omni_app.views.client_list import client_list
from omni_app.views.shell import shell


def clients_page() -> rx.Component:
    return shell(
        rx.flex(
            rx.heading(ClientsState.tr["clients.title"], size="6"),
            rx.link(rx.hstack(rx.icon("users", size=14), ClientsState.tr["merge.link"],
                              align="center", spacing="1"),
                    href=paths.CLIENT_DUPLICATES, size="2", id="clients-duplicates-link"),
            justify="between", align="center", gap="8px", wrap="wrap", margin_bottom="8px"),
        client_list(),
        client_dialog(),
    )
