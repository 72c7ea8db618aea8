"""/settings/services (every member): the clinic's services; admins get the form and the
controls, staff the list alone."""
from __future__ import annotations

import reflex as rx

from omni_app.state.services import ServicesState
from omni_app.views.service_form import service_form
from omni_app.views.service_list import service_list
from omni_app.views.shell import shell

S = ServicesState
T = S.tr


def editor() -> rx.Component:
    return rx.card(
        rx.heading(rx.cond(S.editing_id != "", T["services.editing"], T["services.new"]),
                   size="3", as_="h2", margin_bottom="8px", id="service-form-title"),
        service_form(),
        width="100%")


def services_page() -> rx.Component:
    return shell(
        rx.heading(T["services.title"], size="6", margin_bottom="4px"),
        rx.text(rx.cond(S.is_admin, T["services.intro"], T["services.intro_staff"]), size="2",
                color_scheme="gray", margin_bottom="12px"),
        rx.cond(S.is_admin, editor()),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            id="services-message", margin_top="8px",
                                            role="status")),
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                          id="services-error", margin_top="8px")),
        service_list())
