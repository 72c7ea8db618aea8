"""/agenda (every member): the clinic's appointments by day or week, one column per
professional, live."""
from __future__ import annotations

import reflex as rx

from omni_app.components.live_refresh import on_value_change
from omni_app.state.agenda import AgendaState as S
from omni_app.state.inbox_live import InboxLive
from omni_app.views.agenda_booking import booking_dialog
from omni_app.views.agenda_detail import detail_dialog
from omni_app.views.agenda_grid import grid
from omni_app.views.agenda_toolbar import toolbar
from omni_app.views.shell import shell


def move_question() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(S.tr["agenda.move.title"]),
            rx.alert_dialog.description(S.move_question, id="move-question"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(S.tr["agenda.move.keep"], variant="soft",
                                                 color_scheme="gray", on_click=S.keep_place,
                                                 id="move-keep")),
                rx.alert_dialog.action(rx.button(S.tr["agenda.move.anyway"],
                                                 color_scheme="amber", on_click=S.move_anyway,
                                                 id="move-anyway")),
                gap="12px", justify="end", wrap="wrap", margin_top="16px"),
            max_width="min(440px, calc(100vw - 32px))"),
        open=S.move_question != "")


def agenda_page() -> rx.Component:
    return shell(
        on_value_change(InboxLive.version, S.sync_live),
        rx.vstack(
            toolbar(),
            rx.cond(S.notice != "", rx.callout(S.notice, icon="triangle-alert",
                                               color_scheme="red", size="1", role="alert",
                                               id="agenda-notice", width="100%")),
            rx.text(S.message, size="2", color_scheme="green", role="status",
                    id="agenda-message", min_height="1.5em"),
            rx.el.input(id="agenda-drop", type="text", on_change=S.drop, tab_index=-1,
                        aria_hidden="true", style={"display": "none"}),
            grid(),
            booking_dialog(),
            detail_dialog(),
            move_question(),
            spacing="2", width="100%", min_width="0"),
        wide=True,
    )
