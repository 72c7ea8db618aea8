"""The clinic's weekly working hours: an editor for admins (several intervals a day, each
problem said in words as it is typed) and a plain list for everyone else."""
from __future__ import annotations

import reflex as rx

from omni_app.state.clinic_settings import ClinicSettingsState, DayHours, Slot

S = ClinicSettingsState
T = S.tr


def day_name(day: rx.Var[DayHours]) -> rx.Var[str]:
    return T["settings.day." + day.key]


def slot_editor(day: rx.Var[DayHours], d: rx.Var[int], slot: rx.Var[Slot],
                i: rx.Var[int]) -> rx.Component:
    where = day.key + "-" + i.to_string()
    number = " " + (i + 1).to_string()
    return rx.hstack(
        rx.input(type="time", value=slot.start, id="hours-" + where + "-start", size="2",
                 aria_label=day_name(day) + number + " · " + T["settings.hours.start"],
                 on_change=lambda value: S.set_slot(d, i, "start", value), width="118px"),
        rx.text("–", aria_hidden="true"),
        rx.input(type="time", value=slot.end, id="hours-" + where + "-end", size="2",
                 aria_label=day_name(day) + number + " · " + T["settings.hours.end"],
                 on_change=lambda value: S.set_slot(d, i, "end", value), width="118px"),
        rx.icon_button(rx.icon("x", size=14), type="button", size="1", variant="ghost",
                       color_scheme="gray", on_click=S.remove_slot(d, i),
                       aria_label=T["settings.hours.remove"] + " · " + day_name(day) + number,
                       id="hours-" + where + "-remove"),
        spacing="2", align="center")


def day_editor(day: rx.Var[DayHours], d: rx.Var[int]) -> rx.Component:
    return rx.flex(
        rx.text(day_name(day), weight="medium", size="2", width="90px", flex_shrink="0",
                padding_top="6px"),
        rx.flex(
            rx.foreach(day.slots, lambda slot, i: slot_editor(day, d, slot, i)),
            rx.cond(day.slots.length() == 0,
                    rx.text(T["settings.closed"], size="2", color_scheme="gray",
                            padding_top="6px")),
            rx.button(rx.icon("plus", size=14), T["settings.hours.add"], type="button",
                      size="1", variant="soft", on_click=S.add_slot(d),
                      aria_label=T["settings.hours.add_label"] + " · " + day_name(day),
                      id="hours-" + day.key + "-add", margin_top="4px"),
            gap="6px", wrap="wrap", align="start", direction="column", min_width="0"),
        gap="8px", wrap="wrap", width="100%", padding_y="6px",
        border_bottom=f"1px solid {rx.color('gray', 4)}", id="hours-" + day.key)


def hours_editor() -> rx.Component:
    return rx.vstack(
        rx.foreach(S.days, day_editor),
        rx.cond(S.hours_messages.length() > 0,
                rx.callout.root(
                    rx.callout.icon(rx.icon("triangle-alert", size=16)),
                    rx.vstack(rx.foreach(S.hours_messages,
                                         lambda text: rx.callout.text(text, size="2")),
                              spacing="1"),
                    color_scheme="red", size="1", role="alert", id="hours-problems",
                    width="100%")),
        spacing="0", width="100%")


def day_line(day: rx.Var[DayHours]) -> rx.Component:
    return rx.hstack(
        rx.text(day_name(day), weight="medium", size="2", width="90px", flex_shrink="0"),
        rx.cond(day.summary != "", rx.text(day.summary, size="2"),
                rx.text(T["settings.closed"], size="2", color_scheme="gray")),
        width="100%", padding_y="4px", id="hours-read-" + day.key,
        border_bottom=f"1px solid {rx.color('gray', 4)}")


def hours_section() -> rx.Component:
    return rx.cond(S.is_admin, hours_editor(),
                   rx.vstack(rx.foreach(S.days, day_line), spacing="0", width="100%"))
