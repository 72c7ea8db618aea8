"""The agenda's toolbar: the period shown, back / today / forward, a date, day or week, the
professional and service filters, "New appointment". A phone always shows one professional's
day: its own back/forward step a day and a picker chooses whose (assets/agenda.css)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.one_line import one_line
from omni_app.state.agenda import DAY, WEEK, AgendaState
from omni_app.state.agenda_rows import ALL

S = AgendaState
T = S.tr


def _step(icon: str, label_key: str, on_click, element_id: str, class_name: str) -> rx.Component:
    return rx.icon_button(rx.icon(icon, size=16), on_click=on_click, variant="soft", size="2",
                          aria_label=T[label_key], title=T[label_key], id=element_id,
                          class_name=class_name)


def _select(element_id: str, label_key: str, all_key: str, options, value, on_change,
            class_name: str = "") -> rx.Component:
    # the trigger is the element: Radix's root renders none to hide on phones
    return rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T[label_key],
                          class_name=f"agenda-select {class_name}".strip()),
        rx.select.content(
            *([rx.select.item(T[all_key], value=ALL)] if all_key else []),
            rx.foreach(options, lambda option: rx.select.item(option.name, value=option.id))),
        value=value, on_change=on_change, size="2")


def _view_button(view: str, label_key: str) -> rx.Component:
    return rx.button(T[label_key], on_click=S.set_view(view), size="2",
                     variant=rx.cond(S.view == view, "solid", "soft"),
                     aria_pressed=rx.cond(S.view == view, "true", "false"),
                     id=f"agenda-view-{view}", radius="none")


def navigation() -> rx.Component:
    return rx.flex(
        _step("chevron-left", "agenda.prev", S.step(-1), "agenda-prev", "agenda-desk-only"),
        _step("chevron-left", "agenda.prev", S.step_day(-1), "agenda-prev-day",
              "agenda-phone-only"),
        rx.button(T["agenda.today"], on_click=S.go_today, variant="soft", size="2",
                  id="agenda-today"),
        _step("chevron-right", "agenda.next", S.step(1), "agenda-next", "agenda-desk-only"),
        _step("chevron-right", "agenda.next", S.step_day(1), "agenda-next-day",
              "agenda-phone-only"),
        rx.input(type="date", value=S.anchor, on_change=S.go_to, id="agenda-date",
                 aria_label=T["agenda.date"], size="2", width="150px"),
        rx.flex(_view_button(DAY, "agenda.view.day"), _view_button(WEEK, "agenda.view.week"),
                role="group", aria_label=T["agenda.view"], class_name="agenda-desk-only",
                gap="0"),
        gap="8px", align="center", wrap="wrap")


def filters() -> rx.Component:
    return rx.flex(
        _select("agenda-professional", "agenda.filter.professional",
                "agenda.filter.all_professionals", S.professionals, S.professional,
                S.set_professional, "agenda-desk-only"),
        rx.hstack(
            rx.text(T["agenda.phone_professional"], size="2", color_scheme="gray",
                    flex_shrink="0"),
            _select("agenda-phone-professional", "agenda.phone_professional", "",
                    S.professionals, S.phone_professional, S.set_phone_professional),
            align="center", spacing="2", class_name="agenda-phone-only", min_width="0",
            max_width="100%"),
        _select("agenda-service", "agenda.filter.service", "agenda.filter.all_services",
                S.services, S.service, S.set_service),
        gap="8px", align="center", wrap="wrap", min_width="0", max_width="100%")


def toolbar() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading(T["agenda.title"], as_="h1", size="6", flex_shrink="0"),
            one_line(S.period, size="3", color_scheme="gray", id="agenda-period",
                     flex="1 1 160px", min_width="0"),
            rx.button(rx.icon("calendar-plus", size=16), T["agenda.new"], on_click=S.new_booking,
                      id="agenda-new", size="2", flex_shrink="0"),
            gap="4px 12px", align="center", width="100%", min_width="0", wrap="wrap"),
        rx.flex(navigation(), filters(), gap="8px 16px", wrap="wrap", width="100%",
                justify="between", align="center", class_name="agenda-toolbar-row"),
        spacing="2", width="100%", min_width="0")
