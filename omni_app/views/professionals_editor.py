"""/settings/professionals: the team to pick from, and the picked member's professional flag,
specialties and weekly hours (several intervals a day)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.one_line import one_line
from omni_app.state.professional_rows import DayRow, MemberRow
from omni_app.state.professionals import ProfessionalsState

S = ProfessionalsState
T = S.tr


def member_item(row: rx.Var[MemberRow]) -> rx.Component:
    selected = S.selected_id == row.id
    return rx.button(
        rx.vstack(
            rx.hstack(one_line(row.name, weight="bold", flex="1"),
                      rx.cond(row.is_professional,
                              rx.badge(T["professionals.badge"], color_scheme="green",
                                       flex_shrink="0")),
                      rx.cond(row.inactive, rx.badge(T["professionals.inactive"],
                                                     color_scheme="gray", flex_shrink="0")),
                      align="center", width="100%", spacing="2"),
            one_line(rx.cond(row.specialties != "", row.specialties, row.email), size="1",
                     color_scheme="gray"),
            rx.cond(row.is_professional,
                    one_line(rx.cond(row.days != "", row.days, T["professionals.no_days"]),
                             size="1", color_scheme="gray")),
            spacing="0", align="start", width="100%", min_width="0"),
        on_click=S.select_member(row.id), variant=rx.cond(selected, "soft", "ghost"),
        color_scheme=rx.cond(selected, "accent", "gray"), width="100%", height="auto",
        # a ghost button reaches past its box by its padding: on a phone, past the screen
        padding="8px 10px", margin="0", box_sizing="border-box", justify="start",
        text_align="left", type="button",
        aria_pressed=rx.cond(selected, "true", "false"), id="member-" + row.id)


def member_list() -> rx.Component:
    return rx.vstack(
        rx.heading(T["professionals.members"], as_="h2", size="3"),
        rx.cond(S.members.length() > 0,
                rx.vstack(rx.foreach(S.members, member_item), spacing="1", width="100%",
                          id="members"),
                rx.text(T["professionals.none"], size="2", color_scheme="gray")),
        width=["100%", "100%", "280px"], flex_shrink="0", spacing="2", min_width="0")


def interval_inputs(day: rx.Var[DayRow], interval, index) -> rx.Component:
    prefix = "hours-" + day.key + "-" + index.to_string()
    return rx.hstack(
        rx.input(type="time", value=interval.start, size="2", id=prefix + "-start",
                 aria_label=day.label + " · " + T["professionals.start"],
                 on_change=lambda value: S.set_interval(day.key, index, False, value)),
        rx.text("–", aria_hidden="true"),
        rx.input(type="time", value=interval.end, size="2", id=prefix + "-end",
                 aria_label=day.label + " · " + T["professionals.end"],
                 on_change=lambda value: S.set_interval(day.key, index, True, value)),
        rx.icon_button(rx.icon("x", size=14), size="1", variant="ghost", color_scheme="gray",
                       type="button", on_click=S.remove_interval(day.key, index),
                       id=prefix + "-remove", title=T["professionals.remove_interval"],
                       aria_label=T["professionals.remove_interval"] + ": " + day.label),
        align="center", spacing="1")


def day_row(day: rx.Var[DayRow]) -> rx.Component:
    return rx.flex(
        rx.text(day.label, size="2", weight="medium", width=["100%", "120px", "120px"],
                flex_shrink="0"),
        rx.flex(
            rx.cond(day.intervals.length() == 0,
                    rx.text(T["professionals.day_off"], size="2", color_scheme="gray")),
            rx.foreach(day.intervals, lambda interval, index: interval_inputs(day, interval,
                                                                              index)),
            rx.button(rx.icon("plus", size=14), T["professionals.add_interval"], size="1",
                      variant="soft", type="button", on_click=S.add_interval(day.key),
                      id="hours-" + day.key + "-add",
                      aria_label=T["professionals.add_interval"] + ": " + day.label),
            gap="8px", wrap="wrap", align="center", flex="1", min_width="0"),
        gap="8px", wrap="wrap", align="center", width="100%", padding_y="6px",
        border_bottom=f"1px solid {rx.color('gray', 4)}")


def editor() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(S.selected_name, as_="h2", size="4", overflow_wrap="anywhere",
                   id="editing-name"),
        rx.el.label(rx.hstack(
            rx.checkbox(checked=S.is_professional, on_change=S.set_is_professional,
                        id="professional-flag", aria_label=T["professionals.is_professional"]),
            rx.text(T["professionals.is_professional"], size="2"), align="center",
            spacing="2")),
        rx.vstack(
            rx.el.label(T["professionals.specialties"], html_for="professional-specialties",
                        style={"font_size": "14px", "font_weight": "500"}),
            rx.input(value=S.specialties, on_change=S.set_specialties,
                     placeholder=T["professionals.specialties_hint"],
                     id="professional-specialties", width="100%", max_length=1300),
            spacing="1", width="100%"),
        rx.heading(T["professionals.hours"], as_="h3", size="3", margin_top="8px"),
        rx.text(T["professionals.hours_hint"], size="1", color_scheme="gray"),
        rx.vstack(rx.foreach(S.days, day_row), spacing="0", width="100%", id="hours"),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="red", size="1",
                                           role="alert", id="professional-notice",
                                           width="100%")),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            role="status", id="professional-message",
                                            width="100%")),
        rx.button(T["professionals.save"], on_click=S.save_member, id="professional-save"),
        spacing="3", width="100%", align="start"), width="100%")
