"""/pipeline/stages: one form per stage (name, color, save), arrows to reorder, archive (with
where its clients go) and restore, and a form to add a stage."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.confirm import confirm_content
from omni_app.components.one_line import one_line
from omni_app.domain import pipeline
from omni_app.state.pipeline_stages import PipelineStagesState, StageAdminRow

S = PipelineStagesState
T = S.tr


def color_select(value, element_id) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=T["pipeline.stages.color"], id=element_id, min_width="110px"),
        rx.select.content(*[rx.select.item(
            rx.hstack(rx.box(width="10px", height="10px", border_radius="50%",
                             background=rx.color(color, 9)),
                      T[f"pipeline.color.{color}"], spacing="2", align="center"),
            value=color) for color in pipeline.COLORS]),
        name="color", default_value=value, size="2")


def stage_form(row: rx.Var[StageAdminRow]) -> rx.Component:
    return rx.form(
        rx.flex(
            rx.el.input(type="hidden", name="key", value=row.key),
            rx.box(width="12px", height="12px", border_radius="50%", flex_shrink="0",
                   background=rx.color(row.color, 9)),
            rx.input(name="label", default_value=row.name, placeholder=row.placeholder,
                     aria_label=T["pipeline.stages.name"], id="stage-label-" + row.key,
                     max_length=pipeline.MAX_LABEL, flex="1 1 160px", min_width="0", size="2"),
            color_select(row.color, "stage-color-" + row.key),
            rx.button(T["pipeline.stages.save"], type="submit", size="2", variant="soft",
                      id="stage-save-" + row.key),
            rx.hstack(
                rx.icon_button(rx.icon("arrow-up", size=14), type="button", size="2",
                               variant="ghost", disabled=row.first,
                               on_click=S.shift(row.key, -1), id="stage-up-" + row.key,
                               aria_label=T["pipeline.stages.up"] + ": " + row.name,
                               title=T["pipeline.stages.up"]),
                rx.icon_button(rx.icon("arrow-down", size=14), type="button", size="2",
                               variant="ghost", disabled=row.last,
                               on_click=S.shift(row.key, 1), id="stage-down-" + row.key,
                               aria_label=T["pipeline.stages.down"] + ": " + row.name,
                               title=T["pipeline.stages.down"]),
                rx.cond(~row.is_entry, rx.icon_button(
                    rx.icon("archive", size=14), type="button", size="2", variant="ghost",
                    color_scheme="red", on_click=S.start_archive(row.key),
                    id="stage-archive-" + row.key,
                    aria_label=T["pipeline.stages.archive"] + ": " + row.name,
                    title=T["pipeline.stages.archive"])),
                spacing="1"),
            gap="8px", align="center", wrap="wrap", width="100%"),
        rx.text(row.clients_label, rx.cond(row.is_entry, " · " + T["pipeline.stages.entry"], ""),
                size="1", color_scheme="gray"),
        on_submit=S.save_stage, reset_on_submit=False, width="100%",
        id="stage-form-" + row.key)


def add_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(name="label", placeholder=T["pipeline.stages.new_name"],
                     aria_label=T["pipeline.stages.new_name"], id="stage-new-label",
                     max_length=pipeline.MAX_LABEL, flex="1 1 200px", min_width="0", size="2"),
            color_select("gray", "stage-new-color"),
            rx.button(rx.icon("plus", size=14), T["pipeline.stages.add"], type="submit",
                      size="2", id="stage-add"),
            gap="8px", align="center", wrap="wrap", width="100%"),
        on_submit=S.save_stage, reset_on_submit=True, width="100%")


def archived_item(row: rx.Var[StageAdminRow]) -> rx.Component:
    return rx.hstack(
        rx.box(width="10px", height="10px", border_radius="50%", flex_shrink="0",
               background=rx.color(row.color, 9)),
        one_line(row.name, size="2", flex="1"),
        rx.button(T["pipeline.stages.restore"], size="1", variant="soft",
                  on_click=S.restore(row.key), id="stage-restore-" + row.key),
        align="center", width="100%", spacing="2")


def archive_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        confirm_content(
            T["pipeline.stages.archive.title"],
            rx.text(S.archiving_row.name, weight="bold", overflow_wrap="anywhere"),
            rx.cond(S.archiving_row.clients > 0, rx.vstack(
                rx.text(T["pipeline.stages.archive.move"], size="2"),
                rx.select.root(
                    rx.select.trigger(id="stage-archive-target",
                                      aria_label=T["pipeline.stages.archive.move"]),
                    rx.select.content(rx.foreach(S.archive_targets, lambda row: rx.select.item(
                        row.name, value=row.key))),
                    value=S.archive_target, on_change=S.set_archive_target),
                spacing="2", margin_top="8px"),
                rx.text(T["pipeline.stages.archive.empty"], size="2", margin_top="8px")),
            rx.cond(S.archive_error != "", rx.callout(S.archive_error, color_scheme="red",
                                                      size="1", role="alert",
                                                      margin_top="8px")),
            confirm=rx.button(T["pipeline.stages.archive"], color_scheme="red",
                              on_click=S.archive, id="stage-archive-confirm"),
            cancel_label=T["pipeline.stages.cancel"], id="stage-archive-dialog"),
        open=S.archiving != "", on_open_change=S.close_archive)


def stage_admin() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), T["pipeline.stages.back"],
                          align="center", spacing="1"),
                href=paths.PIPELINE, size="2", id="stages-back"),
        rx.heading(T["pipeline.stages.title"], as_="h1", size="6"),
        rx.text(T["pipeline.stages.intro"], size="2", color_scheme="gray"),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            role="status", id="stages-message", width="100%")),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="red", size="1",
                                           role="alert", id="stages-notice", width="100%")),
        rx.vstack(rx.foreach(S.rows, lambda row: rx.card(stage_form(row), width="100%")),
                  spacing="2", width="100%", key=S.form_key, id="stages-list"),
        rx.card(rx.vstack(rx.heading(T["pipeline.stages.add_title"], as_="h2", size="3"),
                          add_form(), width="100%"), width="100%"),
        rx.cond(S.archived_rows.length() > 0, rx.vstack(
            rx.heading(T["pipeline.stages.archived_title"], as_="h2", size="3"),
            rx.foreach(S.archived_rows, archived_item),
            width="100%", spacing="2", id="stages-archived")),
        archive_dialog(),
        spacing="3", width="100%", max_width="760px")
