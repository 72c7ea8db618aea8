"""The filter selects the clients page and the pipeline board share (state/client_filters.py):
tag, source and owner; `prefix` keeps element ids apart ("clients-tag", "pipeline-tag")."""
from __future__ import annotations

import reflex as rx

from omni_app.domain import clients
from omni_app.state.client_filters import ALL, MINE
from omni_app.state.client_rows import NOBODY


def tag_filter(S, prefix: str) -> rx.Component:
    T = S.tr
    return rx.select.root(
        rx.select.trigger(id=f"{prefix}-tag", aria_label=T["clients.filter.tag"],
                          max_width="100%"),
        rx.select.content(rx.select.item(T["clients.filter.all_tags"], value=ALL),
                          rx.foreach(S.tag_options,
                                     lambda tag: rx.select.item(tag, value=tag))),
        value=S.tag, on_change=S.set_tag, size="2")


def source_filter(S, prefix: str) -> rx.Component:
    T = S.tr
    return rx.select.root(
        rx.select.trigger(id=f"{prefix}-source", aria_label=T["clients.filter.source"],
                          max_width="100%"),
        rx.select.content(rx.select.item(T["clients.filter.all_sources"], value=ALL),
                          *[rx.select.item(T[f"clients.source.{source}"], value=source)
                            for source in clients.SOURCES]),
        value=S.source, on_change=S.set_source, size="2")


def owner_filter(S, prefix: str) -> rx.Component:
    T = S.tr
    return rx.select.root(
        rx.select.trigger(id=f"{prefix}-owner", aria_label=T["clients.filter.owner"],
                          max_width="100%"),
        rx.select.content(
            rx.select.item(T["clients.filter.any_owner"], value=ALL),
            rx.select.item(T["clients.filter.mine"], value=MINE),
            rx.select.item(T["clients.filter.no_owner"], value=NOBODY),
            rx.select.separator(),
            rx.foreach(S.owners, lambda owner: rx.select.item(owner.name, value=owner.id))),
        value=S.owner, on_change=S.set_owner, size="2")
