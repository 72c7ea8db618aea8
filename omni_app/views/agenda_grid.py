"""The agenda's grid: an hour gutter, then for each day one column per professional. In a
column, the working hours are a lighter band, every half hour is a button that books it, the
appointments sit by time in their service's color (dragged to move, their bottom edge pulled
to resize: assets/agenda_dnd.js), and today's column has the "now" line."""
from __future__ import annotations

import reflex as rx

from omni_app.state.agenda import WEEK, AgendaState
from omni_app.state.agenda_rows import Block, Column, DayGroup, Hour, Shade, Slot

S = AgendaState
T = S.tr
DAY_HEAD = "30px"
COLUMN_HEAD = "26px"
HOUR_LINES = ("repeating-linear-gradient(to bottom, var(--gray-a5) 0 1px, transparent 1px 48px)")


def shade(band: rx.Var[Shade]) -> rx.Component:
    return rx.box(position="absolute", top=band.top, height=band.height, left="0", right="0",
                  background=rx.color("gray", 1), aria_hidden="true")


def slot(each: rx.Var[Slot]) -> rx.Component:
    return rx.el.button(
        type="button", on_click=S.open_slot(each.key), aria_label=each.label, title=each.label,
        class_name="agenda-slot", custom_attrs={"data-slot": each.key},
        style={"top": each.top})


def risk_mark(each: rx.Var[Block]) -> rx.Component:
    """A client at medium or high no-show risk: a small solid mark, readable on any service
    color (the words are in the block's label and tooltip)."""
    return rx.cond(each.risk != "", rx.el.span(
        rx.icon("triangle-alert", size=10, color="white"),
        aria_hidden="true", title=each.risk_label,
        custom_attrs={"data-risk": each.risk},
        class_name="agenda-risk", id="agenda-risk-" + each.id,
        style={"display": "inline-flex", "align_items": "center", "justify_content": "center",
               "width": "14px", "height": "14px", "border_radius": "3px",
               "margin_right": "3px", "vertical_align": "-2px",
               "background": rx.color(each.risk_color, 9)}))


def risk_words(each: rx.Var[Block]) -> rx.Component:
    """"· Risco alto" after the name: the first thing a narrow column cuts."""
    return rx.cond(each.risk != "", rx.text.span(" · " + each.risk_text, weight="regular",
                                                 aria_hidden="true"))


def block(each: rx.Var[Block]) -> rx.Component:
    return rx.box(
        rx.cond(
            each.short,
            # half an hour is one line high: the start and the client
            rx.text(risk_mark(each), rx.text.span(each.start + " ", weight="medium"),
                    each.client, risk_words(each), size="1", weight="bold",
                    class_name="agenda-block-line"),
            rx.fragment(
                rx.text(each.when, size="1", weight="medium", class_name="agenda-block-line"),
                rx.text(risk_mark(each), each.client, risk_words(each), size="1",
                        weight="bold", class_name="agenda-block-line"),
                rx.text(each.service, size="1", class_name="agenda-block-line"))),
        rx.cond(each.movable, rx.box(
            class_name="agenda-resize", title=T["agenda.resize"],
            custom_attrs={"data-resize-id": each.id}, aria_hidden="true")),
        on_click=S.open_appointment(each.id),
        id="appointment-" + each.id, role="button", tab_index=0, aria_label=each.label,
        title=each.label,
        custom_attrs={"data-appointment-id": each.id, "data-status": each.status,
                      "draggable": rx.cond(each.movable, "true", "false")},
        class_name="agenda-block",
        position="absolute", top=each.top, height=each.height, left="2px", right="4px",
        background=rx.color(each.color, 4), color=rx.color(each.color, 12),
        border_left=f"3px solid {rx.color(each.color, 9)}")


def column(each: rx.Var[Column]) -> rx.Component:
    return rx.vstack(
        rx.box(rx.text(each.heading, size="1", weight="medium", class_name="agenda-block-line"),
               height=COLUMN_HEAD, padding="4px 6px", width="100%", min_width="0",
               title=each.heading),
        rx.box(
            rx.foreach(each.shades, shade),
            rx.box(position="absolute", inset="0", background_image=HOUR_LINES,
                   pointer_events="none", aria_hidden="true"),
            rx.foreach(each.slots, slot),
            rx.foreach(each.blocks, block),
            rx.cond(each.now_top != "", rx.box(
                position="absolute", top=each.now_top, left="0", right="0", height="2px",
                background=rx.color("red", 9), pointer_events="none", z_index="4",
                class_name="agenda-now", title=T["agenda.now"])),
            position="relative", height=S.grid_height, width="100%",
            background=rx.color("gray", 4),
            border_left=f"1px solid {rx.color('gray', 6)}"),
        custom_attrs={"data-agenda-col": each.key, "data-day": each.day,
                      "data-professional": each.professional_id,
                      "data-picked": rx.cond(each.picked, "true", "false")},
        spacing="0", flex="1 1 0", min_width=rx.cond(S.view == WEEK, "92px", "160px"),
        class_name="agenda-column")


def day_group(day: rx.Var[DayGroup]) -> rx.Component:
    return rx.vstack(
        rx.box(rx.text(day.label, rx.cond(day.closed != "", " · " + day.closed, ""), size="2",
                       weight=rx.cond(day.today, "bold", "regular"),
                       color_scheme=rx.cond(day.today, "red",
                                            rx.cond(day.closed != "", "amber", "gray")),
                       title=rx.cond(day.closed != "", day.closed, day.label),
                       class_name="agenda-block-line", id="agenda-day-label-" + day.key),
               height=DAY_HEAD, padding="4px 6px", width="100%",
               border_bottom=f"1px solid {rx.color('gray', 6)}"),
        rx.hstack(rx.foreach(day.columns, column), spacing="0", width="100%", align="start"),
        custom_attrs={"data-anchor": rx.cond(day.anchor, "true", "false")},
        id="agenda-day-" + day.key, spacing="0", flex="1 1 0", min_width="0",
        class_name="agenda-day")


def hour(each: rx.Var[Hour]) -> rx.Component:
    return rx.text(each.label, size="1", color_scheme="gray", position="absolute",
                   top=each.top, right="6px", transform="translateY(-50%)",
                   white_space="nowrap")


def grid() -> rx.Component:
    return rx.cond(
        S.professionals.length() > 0,
        rx.box(
            rx.flex(
                rx.box(rx.box(rx.foreach(S.hours, hour), position="relative",
                              height=S.grid_height),
                       padding_top=f"calc({DAY_HEAD} + {COLUMN_HEAD})", width="52px",
                       flex_shrink="0", aria_hidden="true"),
                rx.foreach(S.days, day_group),
                width="100%", align="start", min_width="fit-content"),
            id="agenda-grid", width="100%", overflow="auto",
            max_height="calc(100dvh - 230px)", min_height="320px",
            border=f"1px solid {rx.color('gray', 6)}", border_radius="8px",
            padding_top="12px"),
        rx.callout(rx.vstack(rx.text(T["agenda.no_professionals"], weight="bold"),
                             rx.text(T["agenda.no_professionals.hint"])),
                   icon="info", id="agenda-empty", width="100%"),
    )
