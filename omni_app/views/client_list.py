"""The clients page's list: search, filters (kind, stage, tag, owner, source, an appointment to
come), sort, the count, the bulk bar over ticked clients, and the clients with their owner
(loading the next page as the list is scrolled, as the inbox does)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.domain import clients
from omni_app.state.client_rows import ClientRow
from omni_app.state.clients import ALL, ClientsState
from omni_app.views.client_bulk_bar import bulk_bar, row_checkbox, select_all
from omni_app.views.client_filters import owner_filter, source_filter, tag_filter
from omni_app.views.conversation_list import more_button

S = ClientsState
T = S.tr


def _select(element_id: str, label_key: str, value, handler, all_key: str, items) -> rx.Component:
    """A filter: `items` are (value, label) pairs after the "all" choice."""
    return rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T[label_key], max_width="100%"),
        rx.select.content(rx.select.item(T[all_key], value=ALL),
                          *[rx.select.item(label, value=item) for item, label in items]),
        value=value, on_change=handler, size="2")


def upcoming_filter() -> rx.Component:
    return rx.el.label(
        rx.checkbox(checked=S.upcoming, on_change=S.set_upcoming, id="clients-upcoming",
                    aria_label=T["clients.filter.upcoming"]),
        rx.text(T["clients.filter.upcoming"], size="2"),
        display="flex", align_items="center", gap="6px", cursor="pointer", min_height="32px")


def toolbar() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.input(rx.input.slot(rx.icon("search", size=14)), placeholder=T["clients.search"],
                     value=S.search, on_change=S.set_search, debounce_timeout=300,
                     id="clients-search", type="search", aria_label=T["clients.search.label"],
                     flex="1", min_width="0", size="2"),
            rx.button(rx.icon("user-plus", size=16),
                      rx.text.span(T["clients.new"], display=["none", "inline", "inline"]),
                      on_click=S.start_new, id="client-new", flex_shrink="0",
                      aria_label=T["clients.new"], title=T["clients.new"]),
            spacing="2", width="100%", align="center"),
        rx.flex(
            _select("clients-kind", "clients.filter.kind", S.kind, S.set_kind,
                    "clients.filter.all_kinds",
                    [(kind, T[f"clients.kind.{kind}"]) for kind in clients.KINDS]),
            rx.select.root(
                rx.select.trigger(id="clients-stage", aria_label=T["clients.filter.stage"],
                                  max_width="100%"),
                rx.select.content(rx.select.item(T["clients.filter.all_stages"], value=ALL),
                                  rx.foreach(S.stage_choices, lambda stage: rx.select.item(
                                      stage.name, value=stage.key))),
                value=S.stage, on_change=S.set_stage, size="2"),
            tag_filter(S, "clients"),
            owner_filter(S, "clients"),
            source_filter(S, "clients"),
            rx.select.root(
                rx.select.trigger(id="clients-sort", aria_label=T["clients.sort"],
                                  max_width="100%"),
                rx.select.content(*[rx.select.item(T[f"clients.sort.{sort}"], value=sort)
                                    for sort in clients.SORTS]),
                value=S.sort, on_change=S.set_sort, size="2"),
            upcoming_filter(),
            gap="8px", wrap="wrap", width="100%", align="center"),
        spacing="2", width="100%")


def stage_badge(row: rx.Var[ClientRow]) -> rx.Component:
    return rx.badge(one_line(row.stage_label), color_scheme=row.stage_color, flex_shrink="0",
                    max_width="160px")


def tag_badge(tag: rx.Var[str]) -> rx.Component:
    """A long tag ends in "…" (whole on hover)."""
    return rx.badge(one_line(tag, title=tag), variant="outline", size="1", max_width="180px")


def client_item(row: rx.Var[ClientRow]) -> rx.Component:
    contact = rx.flex(
        rx.cond(row.phone != "", one_line(row.phone, size="2", id="client-phone-" + row.id)),
        rx.cond(row.email != "", one_line(row.email, size="2", color_scheme="gray")),
        rx.cond((row.phone == "") & (row.email == "") & (row.instagram != ""),
                one_line(row.instagram, size="2", color_scheme="gray")),
        direction="column", min_width="0", flex="1 1 180px")
    return rx.flex(
        rx.vstack(
            rx.hstack(row_checkbox(row.id, row.name),
                      rx.link(one_line(row.name, weight="bold", size="3", id="client-name-" + row.id),
                              href=paths.CLIENTS + "/" + row.id, min_width="0",
                              underline="hover", high_contrast=True,
                              aria_label=T["client_profile.title"] + ": " + row.name),
                      stage_badge(row), align="center", spacing="2", min_width="0",
                      width="100%"),
            rx.flex(rx.text(row.kind_label, size="1", color_scheme="gray"),
                    rx.cond(row.source_label != "",
                            rx.text("· ", row.source_label, size="1", color_scheme="gray")),
                    rx.text("· ", row.age, size="1", color_scheme="gray", title=row.when),
                    rx.cond(row.owner != "", rx.hstack(
                        rx.text("·", size="1", color_scheme="gray"),
                        rx.icon("user-round", size=12, color=rx.color("gray", 10),
                                flex_shrink="0"),
                        one_line(row.owner, size="1", color_scheme="gray",
                                 id="client-owner-" + row.id),
                        spacing="1", align="center", min_width="0", max_width="160px",
                        title=T["clients.owner.label"].replace("{name}", row.owner_name))),
                    gap="4px", wrap="wrap", align="center"),
            spacing="1", min_width="0", flex="2 1 220px"),
        contact,
        rx.flex(rx.foreach(row.tags, tag_badge), gap="4px", wrap="wrap", min_width="0",
                flex="1 1 140px"),
        rx.button(rx.icon("pencil", size=14), T["clients.edit"], size="1", variant="soft",
                  on_click=S.start_edit(row.id), id="client-edit-" + row.id,
                  aria_label=T["clients.edit"] + ": " + row.name, flex_shrink="0",
                  # phones: top right of the row, not a line of its own
                  position=["absolute", "absolute", "static"], top="10px", right="4px"),
        id="client-" + row.id, position="relative",
        padding_right=["84px", "84px", "4px"],
        gap=["4px", "4px", "12px"], wrap="wrap", align="center", width="100%",
        padding_y="10px", padding_left="4px",
        border_bottom=f"1px solid {rx.color('gray', 4)}")


def client_list() -> rx.Component:
    return rx.vstack(
        toolbar(),
        rx.flex(rx.text(S.total_label, size="1", color_scheme="gray", id="clients-total"),
                select_all(), gap="8px 16px", wrap="wrap", align="center", width="100%"),
        bulk_bar(),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            id="clients-message", width="100%")),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="red", size="1", role="alert",
                                           id="clients-notice", width="100%")),
        rx.cond(S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, client_item), spacing="0", width="100%",
                          id="client-list"),
                rx.text(T["clients.empty"], size="2", color_scheme="gray", id="clients-empty",
                        padding="12px 4px")),
        rx.cond(S.has_more, more_button(T["clients.load_more"], S.load_more, "clients-more")),
        spacing="2", width="100%")
