"""The bar over the clients list while some are ticked: how many, and what to do to all of them
(add or remove a tag, change the stage, change the owner); each action says what it did above
the list. Wraps onto several lines on a phone."""
from __future__ import annotations

import reflex as rx

from omni_app.state.client_bulk import ClientBulkState
from omni_app.state.client_rows import NOBODY

B = ClientBulkState
T = B.tr


def row_checkbox(client_id, name) -> rx.Component:
    return rx.checkbox(checked=B.selected.contains(client_id),
                       on_change=lambda value: B.toggle(client_id, value),
                       id="client-select-" + client_id, flex_shrink="0",
                       aria_label=T["clients.bulk.select"].replace("{name}", name))


def select_all() -> rx.Component:
    return rx.cond(B.rows.length() > 0, rx.el.label(
        rx.checkbox(checked=B.all_selected, on_change=B.toggle_all, id="clients-select-all",
                    aria_label=T["clients.bulk.select_all"]),
        rx.text(T["clients.bulk.select_all"], size="1", color_scheme="gray"),
        display="flex", align_items="center", gap="6px", cursor="pointer"))


def _tag_controls() -> rx.Component:
    return rx.flex(
        rx.input(value=B.bulk_tag, on_change=B.set_bulk_tag, id="bulk-tag",
                 placeholder=T["clients.bulk.tag_placeholder"], list="bulk-tag-options",
                 aria_label=T["clients.bulk.tag"], auto_complete="off", size="2",
                 # phones: the whole line, the buttons under it
                 flex=rx.breakpoints(initial="1 1 100%", sm="1 1 160px"), min_width="0"),
        rx.el.datalist(rx.foreach(B.tag_options, lambda tag: rx.el.option(value=tag)),
                       id="bulk-tag-options"),
        rx.button(rx.icon("plus", size=14), T["clients.bulk.tag_add"], on_click=B.add_tag,
                  id="bulk-tag-add", size="2", variant="soft", disabled=B.bulk_tag.strip() == ""),
        rx.button(rx.icon("minus", size=14), T["clients.bulk.tag_remove"], on_click=B.remove_tag,
                  id="bulk-tag-remove", size="2", variant="soft", color_scheme="gray",
                  disabled=B.bulk_tag.strip() == ""),
        gap="6px", align="center", wrap="wrap", flex="1 1 300px", min_width="0")


def _stage_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=T["clients.bulk.stage"], id="bulk-stage",
                          aria_label=T["clients.bulk.stage"], max_width="100%"),
        rx.select.content(rx.foreach(B.stage_choices, lambda stage: rx.select.item(
            stage.name, value=stage.key))),
        value="", on_change=B.move, size="2")


def _owner_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=T["clients.bulk.owner"], id="bulk-owner",
                          aria_label=T["clients.bulk.owner"], max_width="100%"),
        rx.select.content(
            rx.select.item(T["clients.field.nobody"], value=NOBODY),
            rx.foreach(B.owners, lambda owner: rx.select.item(owner.name, value=owner.id))),
        value="", on_change=B.change_owner, size="2")


def bulk_bar() -> rx.Component:
    return rx.cond(B.selected.length() > 0, rx.flex(
        rx.hstack(
            rx.text(B.selected_label, size="2", weight="bold", id="bulk-count",
                    white_space="nowrap"),
            rx.icon_button(rx.icon("x", size=14), on_click=B.clear_selection, size="1",
                           variant="ghost", color_scheme="gray", id="bulk-clear",
                           aria_label=T["clients.bulk.clear"], title=T["clients.bulk.clear"]),
            align="center", spacing="2", flex_shrink="0"),
        _tag_controls(),
        rx.flex(_stage_select(), _owner_select(), gap="6px", wrap="wrap"),
        id="bulk-bar", role="region", aria_label=B.selected_label,
        gap="8px 12px", wrap="wrap", align="center", width="100%", padding="8px 10px",
        border_radius="8px", background=rx.color("accent", 3),
        border=f"1px solid {rx.color('accent', 6)}"))
