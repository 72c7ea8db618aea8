"""The booking dialog: the client (searched as on the clients page, or added by name and
phone), the service (its duration fills the length), the professional, date, time, length
and notes. Outside the professional's working hours it asks before booking; a conflict is
said in words and the form stays as it was."""
from __future__ import annotations

import reflex as rx

from omni_app.components.one_line import one_line
from omni_app.state.agenda import AgendaState, ClientHit

S = AgendaState
T = S.tr


def labelled(label_key: str, element_id: str, control: rx.Component,
             width: str = "100%") -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], as_="label", size="2", weight="medium",
                custom_attrs={"htmlFor": element_id}),
        control, spacing="1", width=width, min_width="0")


def hit(each: rx.Var[ClientHit]) -> rx.Component:
    return rx.button(
        rx.hstack(one_line(each.name, weight="medium", flex="1"),
                  rx.text(each.phone, size="1", color_scheme="gray", flex_shrink="0"),
                  width="100%", align="center", min_width="0"),
        on_click=S.pick_client(each.id, each.name), type="button", variant="ghost",
        width="100%", justify="start", id="booking-hit-" + each.id, size="2")


def client_field() -> rx.Component:
    chosen = rx.hstack(
        rx.icon("user-round", size=16, flex_shrink="0"),
        one_line(S.b_client_name, weight="bold", id="booking-client-name", flex="1"),
        rx.button(T["agenda.book.change_client"], on_click=S.pick_client("", ""),
                  type="button", variant="soft", size="1", id="booking-change-client"),
        width="100%", align="center", min_width="0", padding="6px 8px",
        border=f"1px solid {rx.color('gray', 6)}", border_radius="6px")
    new = rx.vstack(
        labelled("agenda.book.new_name", "booking-new-name",
                 rx.input(value=S.b_new_name, on_change=S.set_b_new_name, id="booking-new-name", name="new-name",
                          width="100%", auto_complete="off")),
        labelled("agenda.book.new_phone", "booking-new-phone",
                 rx.input(value=S.b_new_phone, on_change=S.set_b_new_phone, type="tel",
                          id="booking-new-phone", name="new-phone", width="100%", auto_complete="off")),
        rx.link(T["agenda.book.existing_client"], on_click=S.set_new_client(False),
                href="#", size="2", id="booking-existing"),
        spacing="2", width="100%")
    search = rx.vstack(
        rx.input(rx.input.slot(rx.icon("search", size=14)), value=S.b_search,
                 on_change=S.search_clients, debounce_timeout=250, id="booking-search", name="search",
                 placeholder=T["agenda.book.search"], aria_label=T["agenda.book.search"],
                 type="search", width="100%", auto_complete="off"),
        rx.cond(S.b_hits.length() > 0,
                rx.vstack(rx.foreach(S.b_hits, hit), spacing="0", width="100%",
                          id="booking-hits"),
                rx.cond(S.b_search != "", rx.text(T["agenda.book.no_hits"], size="2",
                                                  color_scheme="gray"))),
        rx.link(rx.hstack(rx.icon("user-plus", size=14), T["agenda.book.new_client"],
                          align="center", spacing="1"),
                on_click=S.set_new_client(True), href="#", size="2", id="booking-new-client"),
        spacing="2", width="100%")
    return rx.vstack(
        rx.text(T["agenda.book.client"], size="2", weight="medium"),
        rx.cond(S.b_client_id != "", chosen, rx.cond(S.b_new_client, new, search)),
        spacing="1", width="100%", min_width="0")


def choice(label_key: str, element_id: str, options, value, on_change) -> rx.Component:
    return labelled(label_key, element_id, rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T[label_key], class_name="agenda-field"),
        rx.select.content(rx.foreach(options, lambda o: rx.select.item(o.name, value=o.id))),
        value=value, on_change=on_change))


def form_fields() -> rx.Component:
    return rx.vstack(
        client_field(),
        rx.cond(S.services.length() == 0,
                rx.callout(T["agenda.book.no_services"], color_scheme="amber", size="1")),
        rx.flex(
            rx.box(choice("agenda.book.service", "booking-service", S.services, S.b_service,
                          S.set_b_service), flex="1 1 200px", min_width="0"),
            rx.box(choice("agenda.book.professional", "booking-professional", S.professionals,
                          S.b_professional, S.set_b_professional), flex="1 1 200px",
                   min_width="0"),
            gap="12px", wrap="wrap", width="100%"),
        rx.flex(
            labelled("agenda.book.date", "booking-date",
                     rx.input(type="date", value=S.b_date, on_change=S.set_b_date,
                              id="booking-date", name="date", width="100%"), width="auto"),
            labelled("agenda.book.time", "booking-time",
                     rx.input(type="time", value=S.b_time, on_change=S.set_b_time, step=300,
                              id="booking-time", name="time", width="100%"), width="auto"),
            labelled("agenda.book.minutes", "booking-minutes",
                     rx.input(type="number", value=S.b_minutes, on_change=S.set_b_minutes,
                              min=5, max=1440, step=5, id="booking-minutes", name="minutes", width="100%"),
                     width="auto"),
            gap="12px", wrap="wrap", width="100%", class_name="agenda-when"),
        labelled("agenda.book.notes", "booking-notes",
                 rx.text_area(value=S.b_notes, on_change=S.set_b_notes, id="booking-notes", name="notes",
                              rows="2", width="100%")),
        spacing="3", width="100%", min_width="0")


def question() -> rx.Component:
    return rx.vstack(
        rx.callout(S.b_question, icon="clock", color_scheme="amber", id="booking-question",
                   width="100%"),
        rx.flex(
            rx.button(T["agenda.book.back"], on_click=S.back_to_form, variant="soft",
                      color_scheme="gray", type="button", id="booking-back"),
            rx.button(T["agenda.book.anyway"], on_click=S.book_anyway, type="button",
                      id="booking-anyway", color_scheme="amber"),
            gap="12px", justify="end", wrap="wrap", width="100%"),
        spacing="3", width="100%")


def booking_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T["agenda.book.title"]),
            rx.dialog.description(T["agenda.drag_hint"], size="1", color_scheme="gray",
                                  margin_bottom="8px", class_name="agenda-desk-only"),
            rx.form(
                rx.vstack(
                    form_fields(),
                    rx.cond(S.b_error != "", rx.callout(S.b_error, icon="triangle-alert",
                                                        color_scheme="red", role="alert",
                                                        id="booking-error", width="100%")),
                    rx.cond(S.b_question != "", question(), rx.flex(
                        rx.dialog.close(rx.button(T["agenda.book.cancel"], type="button",
                                                  variant="soft", color_scheme="gray",
                                                  id="booking-close")),
                        rx.button(T["agenda.book.submit"], type="submit", id="booking-submit"),
                        gap="12px", justify="end", wrap="wrap", width="100%")),
                    spacing="3", width="100%"),
                on_submit=S.submit_booking, width="100%"),
            max_width="min(560px, calc(100vw - 24px))", id="booking-dialog"),
        open=S.booking_open, on_open_change=S.set_booking_open)
