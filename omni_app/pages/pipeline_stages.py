"""/pipeline/stages (admins): the clinic's pipeline stages."""
from __future__ import annotations

import reflex as rx

from omni_app.views.shell import shell
from omni_app.views.stage_admin import stage_admin


def pipeline_stages_page() -> rx.Component:
    return shell(stage_admin())
