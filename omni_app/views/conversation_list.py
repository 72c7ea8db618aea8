"""The inbox's left column: search, filters and the conversations, newest activity first."""
from __future__ import annotations

import reflex as rx

from omni_app.channels import registry
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_rows import ConversationRow

T = InboxState.tr


def channel_icon(channel: rx.Var[str], size: int = 16) -> rx.Component:
    return rx.match(
        channel,
        *[(spec.name, rx.icon(spec.icon, size=size, color=rx.color(spec.color, 10),
                              aria_label=spec.label))
          for spec in registry.CHANNELS.values()],
        rx.icon("message-square", size=size, color=rx.color("gray", 10)),
    )


def conversation_item(row: rx.Var[ConversationRow]) -> rx.Component:
    selected = row.id == InboxState.selected_id
    return rx.box(
        rx.hstack(
            channel_icon(row.channel),
            rx.text(row.client_name, weight="bold", size="2", trim="both", flex="1",
                    overflow="hidden", text_overflow="ellipsis", white_space="nowrap"),
            rx.text(row.age, size="1", color_scheme="gray", title=row.when),
            align="center", spacing="2", width="100%"),
        rx.hstack(
            rx.text(rx.cond(row.outbound_preview, T["inbox.you"] + ": ", ""), row.preview,
                    size="2", color_scheme="gray", flex="1", overflow="hidden",
                    text_overflow="ellipsis", white_space="nowrap"),
            rx.cond(row.closed, rx.badge(T["inbox.closed"], color_scheme="gray", size="1")),
            rx.cond(row.unread > 0,
                    rx.badge(row.unread, color_scheme="green", variant="solid", radius="full",
                             id="unread-" + row.id)),
            align="center", spacing="2", width="100%"),
        id="conversation-" + row.id,
        on_click=InboxState.select_conversation(row.id),
        padding="8px 10px", cursor="pointer", border_radius="8px", width="100%",
        background=rx.cond(selected, rx.color("accent", 4), "transparent"),
        _hover={"background": rx.color("accent", 3)},
    )


def filters() -> rx.Component:
    return rx.vstack(
        rx.input(rx.input.slot(rx.icon("search", size=14)), placeholder=T["inbox.search"],
                 value=InboxState.search, on_change=InboxState.set_search,
                 debounce_timeout=300, id="inbox-search", width="100%"),
        rx.hstack(
            rx.select.root(
                rx.select.trigger(id="inbox-channel", aria_label=T["inbox.filter.channel"]),
                rx.select.content(
                    rx.select.item(T["inbox.filter.all_channels"], value="all"),
                    *[rx.select.item(spec.label, value=spec.name)
                      for spec in registry.CHANNELS.values()]),
                value=InboxState.channel_filter, on_change=InboxState.set_channel_filter,
                size="1"),
            rx.select.root(
                rx.select.trigger(id="inbox-status", aria_label=T["inbox.filter.status"]),
                rx.select.content(
                    rx.select.item(T["inbox.filter.open"], value="open"),
                    rx.select.item(T["inbox.filter.closed"], value="closed"),
                    rx.select.item(T["inbox.filter.all"], value="all")),
                value=InboxState.status_filter, on_change=InboxState.set_status_filter,
                size="1"),
            rx.text(rx.hstack(rx.checkbox(checked=InboxState.unread_only,
                                          on_change=InboxState.set_unread_only,
                                          id="inbox-unread"),
                              T["inbox.filter.unread"], spacing="1", align="center"),
                    as_="label", size="1"),
            spacing="2", align="center", wrap="wrap"),
        spacing="2", width="100%",
    )


def conversation_list() -> rx.Component:
    return rx.vstack(
        filters(),
        rx.cond(
            InboxState.threads.length() > 0,
            rx.vstack(rx.foreach(InboxState.threads, conversation_item), spacing="1",
                      width="100%", id="conversation-list"),
            rx.text(T["inbox.empty"], size="2", color_scheme="gray", id="inbox-empty",
                    padding="12px 4px")),
        spacing="3", width=["100%", "100%", "320px"], flex_shrink="0",
        max_height=["none", "none", "calc(100vh - 120px)"], overflow_y="auto",
    )
