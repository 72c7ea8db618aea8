"""The admins' form on /settings/services: name, duration in minutes, price as the admin's
language writes it, color and whether the service is offered."""
from __future__ import annotations

import reflex as rx

from omni_app.domain.services_catalog import COLORS
from omni_app.state.services import ServicesState

S = ServicesState
T = S.tr


def swatch(color) -> rx.Component:
    return rx.box(width="12px", height="12px", border_radius="50%", flex_shrink="0",
                  background="var(--" + color + "-9)", aria_hidden="true")


def labelled(label, control: rx.Component, for_id: str, **props) -> rx.Component:
    return rx.vstack(rx.el.label(rx.text(label, size="2", weight="medium"), html_for=for_id),
                     control, spacing="1", min_width="0", **props)


def color_select(value) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="service-color", aria_label=T["services.color"], width="100%"),
        rx.select.content(*[rx.select.item(
            rx.hstack(swatch(color), rx.text(T[f"services.color.{color}"]), align="center",
                      spacing="2"),
            value=color) for color in COLORS]),
        name="color", default_value=value, size="2")


def service_form() -> rx.Component:
    row = S.editing
    return rx.form(
        rx.el.input(type="hidden", name="id", value=S.editing_id),
        rx.flex(
            labelled(T["services.name"],
                     rx.input(name="name", default_value=row.name, id="service-name",
                              max_length=200, required=True, width="100%"),
                     "service-name", flex="3 1 240px"),
            labelled(T["services.duration"],
                     rx.input(name="duration", type="number", min=1, max=1440, step=1,
                              default_value=row.duration_minutes.to_string(),
                              id="service-duration", required=True, width="100%"),
                     "service-duration", flex="1 1 120px"),
            labelled(S.price_field,
                     rx.input(name="price", default_value=row.price_text, id="service-price",
                              input_mode="decimal", required=True, width="100%",
                              placeholder=S.price_placeholder),
                     "service-price", flex="1 1 120px"),
            labelled(T["services.color"], color_select(row.color), "service-color",
                     flex="1 1 150px"),
            gap="12px", wrap="wrap", width="100%"),
        rx.el.label(
            rx.checkbox(name="active", default_checked=row.active, id="service-active"),
            rx.text(T["services.active"], size="2"),
            display="flex", align_items="center", gap="8px", margin_top="10px",
            custom_attrs={"htmlFor": "service-active"}),
        rx.hstack(rx.button(T["services.save"], type="submit", id="service-save"),
                  rx.cond(S.editing_id != "",
                          rx.button(T["services.cancel"], type="button", variant="soft",
                                    color_scheme="gray", on_click=S.stop_editing,
                                    id="service-cancel")),
                  margin_top="10px", spacing="2"),
        # Not reset on submit: a refused save keeps what was typed; a new key (another
        # service, or a save) starts the form afresh.
        on_submit=S.save, key=S.form_key, width="100%")
