"""/settings/professionals (admins): professionals, hours, exceptions, calendar feeds, and the
clinic's holidays and closures."""
from __future__ import annotations

import reflex as rx

from omni_app.state.professionals import ProfessionalsState
from omni_app.views.professionals_closures import closures_section
from omni_app.views.professionals_editor import editor, member_list
from omni_app.views.professionals_extras import exceptions_card, feed_card
from omni_app.views.shell import shell

T = ProfessionalsState.tr


def professionals_page() -> rx.Component:
    return shell(rx.vstack(
        rx.heading(T["professionals.title"], as_="h1", size="6"),
        rx.text(T["professionals.intro"], size="2", color_scheme="gray"),
        rx.flex(
            member_list(),
            rx.cond(ProfessionalsState.selected_id != "",
                    rx.vstack(editor(), exceptions_card(), feed_card(), spacing="3",
                              flex="1", min_width="0", width="100%")),
            direction=rx.breakpoints(initial="column", md="row"), gap="16px", width="100%", align="start"),
        closures_section(),
        spacing="3", width="100%"))
