"""The dialog that adds or changes a client. Its inputs are uncontrolled and keyed by the
state's `form_key`: a refused save keeps what was typed, opening it again starts afresh."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.domain import clients
from omni_app.state.client_rows import NOBODY, NO_SOURCE
from omni_app.state.clients import ClientsState

S = ClientsState
T = S.tr
F = S.form


def field(label_key: str, control: rx.Component, element_id: str, optional: bool = True,
          hint=None) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], rx.cond(optional, rx.text.span(" (", T["clients.field.optional"],
                                                             ")", color_scheme="gray"), ""),
                size="2", weight="medium", as_="label", custom_attrs={"htmlFor": element_id}),
        control,
        rx.text(hint, size="1", color_scheme="gray") if hint is not None else rx.fragment(),
        spacing="1", width="100%")


def source_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="client-source", width="100%"),
        rx.select.content(rx.select.item(T["clients.source.none"], value=NO_SOURCE),
                          *[rx.select.item(T[f"clients.source.{source}"], value=source)
                            for source in clients.SOURCES]),
        name="source", default_value=F.source)


def owner_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="client-owner", width="100%"),
        rx.select.content(
            rx.select.item(T["clients.field.nobody"], value=NOBODY),
            rx.foreach(S.form_owners, lambda owner: rx.select.item(owner.name, value=owner.id))),
        name="owner", default_value=F.owner_id)


def refusal() -> rx.Component:
    """What was refused; for a phone or Instagram id another client has, a link to them."""
    return rx.cond(S.form_error != "", rx.callout.root(
        rx.callout.text(S.form_error, id="client-error-text"),
        rx.cond(S.form_taken_id != "", rx.callout.text(rx.link(
            T["clients.taken.open"].replace("{name}", S.form_taken_name),
            href=paths.CLIENTS + "/" + S.form_taken_id, id="client-taken-link",
            weight="medium", overflow_wrap="anywhere"))),
        color_scheme="red", size="1", role="alert", id="client-error", width="100%"))


def form_fields() -> rx.Component:
    return rx.vstack(
        field("clients.field.name",
              rx.input(name="full_name", id="client-name", default_value=F.name, required=True,
                       auto_complete="off", width="100%"), "client-name", optional=False),
        rx.flex(
            field("clients.field.phone",
                  rx.input(name="phone", id="client-phone", type="tel", default_value=F.phone,
                           placeholder="(11) 98765-4321", auto_complete="off", width="100%"),
                  "client-phone"),
            field("clients.field.email",
                  rx.input(name="email", id="client-email", type="email",
                           default_value=F.email, auto_complete="off", width="100%"),
                  "client-email"),
            gap="12px", direction=rx.breakpoints(initial="column", sm="row"), width="100%"),
        rx.flex(
            field("clients.field.birth_date",
                  rx.input(name="birth_date", id="client-birth-date", type="date",
                           default_value=F.birth_date, width="100%"), "client-birth-date"),
            field("clients.field.cpf",
                  rx.input(name="cpf", id="client-cpf", inputmode="numeric",
                           placeholder=rx.cond(F.cpf_masked != "", F.cpf_masked,
                                               "000.000.000-00"),
                           auto_complete="off", width="100%"),
                  "client-cpf",
                  hint=S.cpf_hint),
            gap="12px", direction=rx.breakpoints(initial="column", sm="row"), width="100%"),
        field("clients.field.tags",
              rx.fragment(
                  rx.input(name="tags", id="client-tags", default_value=F.tags,
                           list="client-tag-options", auto_complete="off", width="100%"),
                  rx.el.datalist(rx.foreach(S.tag_options,
                                            lambda tag: rx.el.option(value=tag)),
                                 id="client-tag-options")),
              "client-tags", hint=T["clients.field.tags_hint"]),
        rx.flex(
            field("clients.field.instagram",
                  rx.input(name="instagram", id="client-instagram", default_value=F.instagram,
                           placeholder=T["clients.field.instagram_placeholder"], auto_complete="off", width="100%"),
                  "client-instagram"),
            field("clients.field.source", source_select(), "client-source"),
            gap="12px", direction=rx.breakpoints(initial="column", sm="row"), width="100%"),
        field("clients.field.owner", owner_select(), "client-owner"),
        spacing="3", width="100%")


def client_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(F.id != "", T["clients.edit_title"], T["clients.new"])),
            rx.form(
                rx.vstack(
                    form_fields(),
                    refusal(),
                    rx.flex(rx.dialog.close(rx.button(T["clients.cancel"], type="button",
                                                      variant="soft", color_scheme="gray")),
                            rx.button(T["clients.save"], type="submit", id="client-save"),
                            gap="12px", justify="end", width="100%", wrap="wrap"),
                    spacing="3", width="100%", margin_top="8px"),
                on_submit=S.save, key=S.form_key, width="100%"),
            max_width="min(560px, calc(100vw - 32px))", id="client-dialog"),
        open=S.editing, on_open_change=S.set_editing)
