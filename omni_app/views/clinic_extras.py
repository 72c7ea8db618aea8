"""The settings page's last two sections: the clinic's WhatsApp message templates (a summary
with a link to /settings/templates for admins) and what the AI analyst does (with a link to
/settings/analyst for admins)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.state.clinic_settings import ClinicSettingsState, TemplateLine

S = ClinicSettingsState
T = S.tr
STATUS_COLORS = {"approved": "green", "pending": "amber", "rejected": "red"}


def template_line(template: rx.Var[TemplateLine]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(one_line(template.name), max_width="100%", display="inline-block"),
                      max_width="0", width="60%"),
        rx.table.cell(template.language),
        rx.table.cell(rx.badge(T["templates.status." + template.status],
                               color_scheme=rx.match(template.status, *STATUS_COLORS.items(),
                                                     "gray"))))


def templates_section() -> rx.Component:
    return rx.vstack(
        rx.text(T["settings.templates_intro"], size="2", color_scheme="gray"),
        rx.cond(S.templates.length() > 0,
                rx.table.root(
                    rx.table.header(rx.table.row(
                        rx.table.column_header_cell(T["settings.template.name"]),
                        rx.table.column_header_cell(T["settings.template.language"]),
                        rx.table.column_header_cell(T["settings.template.status"]))),
                    rx.table.body(rx.foreach(S.templates, template_line)),
                    size="1", width="100%", id="settings-templates", table_layout="fixed"),
                rx.text(T["settings.templates_none"], size="2", color_scheme="gray",
                        id="settings-templates-none")),
        rx.cond(S.is_admin,
                rx.link(rx.icon("file-text", size=14), T["settings.templates_manage"],
                        href=paths.MESSAGE_TEMPLATES, id="settings-templates-manage",
                        display="inline-flex", align_items="center", gap="4px", size="2")),
        spacing="2", width="100%")


def analyst_section() -> rx.Component:
    return rx.hstack(
        rx.icon("sparkles", size=18, color=rx.color("accent", 10), flex_shrink="0",
                margin_top="2px"),
        rx.vstack(rx.text(T["analyst_settings.clinic_text"], size="2", id="settings-analyst"),
                  rx.cond(S.is_admin,
                          rx.link(rx.icon("settings-2", size=14),
                                  T["analyst_settings.clinic_link"],
                                  href=paths.ANALYST_SETTINGS, id="settings-analyst-manage",
                                  display="inline-flex", align_items="center", gap="4px",
                                  size="2")),
                  spacing="2", min_width="0"),
        spacing="3", align="start", width="100%")
