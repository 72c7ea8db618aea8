"""/pipeline (every member): the clinic's leads on a board of stages, live."""
from __future__ import annotations

import reflex as rx

from omni_app.components.live_refresh import on_value_change
from omni_app.state.inbox_live import InboxLive
from omni_app.state.pipeline import PipelineState
from omni_app.views.board import board
from omni_app.views.shell import shell


def pipeline_page() -> rx.Component:
    return shell(
        on_value_change(InboxLive.version, PipelineState.sync_live),
        rx.heading(PipelineState.tr["pipeline.title"], size="6", margin_bottom="8px"),
        board(),
        wide=True,
    )
