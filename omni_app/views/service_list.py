"""The services on /settings/services, one line each: color, name, duration, price and whether
it is offered; admins also switch it on or off, edit it, remove it (archived when booked) and
restore an archived one."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed, subject
from omni_app.components.one_line import one_line
from omni_app.state.services import ServiceRow, ServicesState
from omni_app.views.service_form import swatch

S = ServicesState
T = S.tr


def facts(service: rx.Var[ServiceRow]) -> rx.Component:
    return rx.flex(
        swatch(service.color),
        one_line(service.name, weight="medium", size="2", flex="1 1 160px",
                 id="service-name-" + service.id),
        rx.text(service.duration_label, size="2", color_scheme="gray", white_space="nowrap"),
        rx.text(service.price_label, size="2", weight="medium", white_space="nowrap",
                id="service-price-" + service.id),
        rx.cond(service.archived,
                rx.badge(T["services.archived_badge"], color_scheme="gray"),
                rx.cond(~service.active, rx.badge(T["services.inactive"], color_scheme="amber",
                                                  id="service-inactive-" + service.id))),
        gap="4px 12px", align="center", wrap="wrap", flex="1 1 260px", min_width="0")


def remove_button(service: rx.Var[ServiceRow]) -> rx.Component:
    return confirmed(
        rx.button(rx.icon("trash-2", size=14), T["services.remove"], size="1", variant="soft",
                  color_scheme="red", id="service-remove-" + service.id),
        confirm_content(T["services.remove_title"],
                        subject(service.name, T["services.remove_text"]),
                        confirm=confirm_button(T["services.remove"], S.remove(service.id),
                                               id="service-remove-confirm-" + service.id),
                        cancel_label=T["services.cancel"],
                        id="service-remove-dialog-" + service.id))


def admin_controls(service: rx.Var[ServiceRow]) -> rx.Component:
    return rx.hstack(
        rx.el.label(
            rx.switch(checked=service.active, size="1", id="service-switch-" + service.id,
                      on_change=lambda value: S.set_active(service.id, value)),
            rx.text(T["services.switch"], size="1"),
            display="flex", align_items="center", gap="6px",
            custom_attrs={"htmlFor": "service-switch-" + service.id}),
        rx.button(rx.icon("pencil", size=14), T["services.edit"], size="1", variant="soft",
                  on_click=S.edit(service.id), id="service-edit-" + service.id),
        remove_button(service),
        spacing="2", align="center", flex_shrink="0", wrap="wrap")


def line(service: rx.Var[ServiceRow], controls: rx.Component) -> rx.Component:
    return rx.flex(facts(service), controls, gap="8px 12px", wrap="wrap", align="center",
                   width="100%", padding="10px 0", id="service-" + service.id,
                   border_bottom=f"1px solid {rx.color('gray', 4)}")


def service_line(service: rx.Var[ServiceRow]) -> rx.Component:
    return line(service, rx.cond(S.is_admin, admin_controls(service)))


def archived_line(service: rx.Var[ServiceRow]) -> rx.Component:
    return line(service, rx.cond(S.is_admin, rx.button(
        rx.icon("archive-restore", size=14), T["services.restore"], size="1", variant="soft",
        on_click=S.restore(service.id), id="service-restore-" + service.id)))


def service_list() -> rx.Component:
    return rx.vstack(
        rx.cond(S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, service_line), spacing="0", width="100%",
                          id="services"),
                rx.text(T["services.empty"], size="2", color_scheme="gray",
                        id="services-empty")),
        rx.cond(S.archived_rows.length() > 0, rx.vstack(
            rx.heading(T["services.archived"], size="3", as_="h2", margin_top="12px"),
            rx.vstack(rx.foreach(S.archived_rows, archived_line), spacing="0", width="100%"),
            width="100%", id="services-archived")),
        spacing="2", width="100%", margin_top="12px")
