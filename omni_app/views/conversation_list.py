"""The inbox's left column: search (names or message text), filters, and the conversations,
newest activity first, loading the next page as the list is scrolled."""
from __future__ import annotations

import reflex as rx

from omni_app.channels import registry
from omni_app.state.inbox import InboxState
from omni_app.components.one_line import one_line
from omni_app.state.inbox_rows import ConversationRow, SearchHit

T = InboxState.tr


def channel_icon(channel: rx.Var[str], size: int = 16) -> rx.Component:
    return rx.match(
        channel,
        *[(spec.name, rx.icon(spec.icon, size=size, color=rx.color(spec.color, 10),
                              aria_label=spec.label))
          for spec in registry.CHANNELS.values()],
        rx.icon("message-square", size=size, color=rx.color("gray", 10)),
    )


def row_heading(row: rx.Var[ConversationRow] | rx.Var[SearchHit]) -> rx.Component:
    """Channel, client and how long ago: the first line of a conversation or a search hit."""
    return rx.hstack(
        channel_icon(row.channel),
        one_line(row.client_name, weight="bold", size="2", flex="1", title=row.client_name),
        rx.text(row.age, size="1", color_scheme="gray", title=row.when, flex_shrink="0"),
        align="center", spacing="2", width="100%")


def conversation_item(row: rx.Var[ConversationRow]) -> rx.Component:
    selected = row.id == InboxState.selected_id
    return rx.link(
        row_heading(row),
        rx.hstack(
            one_line(rx.cond(row.outbound_preview, T["inbox.you"] + ": ", ""), row.preview,
                     size="2", color_scheme="gray", flex="1"),
            rx.cond(row.assignee != "",
                    rx.hstack(rx.icon("user-round", size=12, flex_shrink="0"),
                              one_line(row.assignee, size="1"),
                              spacing="1", align="center", max_width="30%", min_width="0",
                              color=rx.color("gray", 11), id="assignee-" + row.id,
                              title=T["inbox.assignee.label"] + ": " + row.assignee)),
            rx.cond(row.closed, rx.badge(T["inbox.closed"], color_scheme="gray", size="1")),
            rx.cond(row.failed, rx.icon("circle-alert", size=16, color=rx.color("red", 10),
                                        aria_label=T["inbox.failed_marker"],
                                        id="failed-" + row.id, flex_shrink="0")),
            rx.cond(row.unread > 0,
                    rx.badge(row.unread, color_scheme="green", variant="solid", radius="full",
                             id="unread-" + row.id)),
            align="center", spacing="2", width="100%"),
        href=row.href, id="conversation-" + row.id, underline="none", color="inherit",
        custom_attrs={"data-row": "conversation",
                      "aria-current": rx.cond(selected, "page", "false")},
        display="block", padding="8px 10px", border_radius="8px", width="100%",
        background=rx.cond(selected, rx.color("accent", 4), "transparent"),
        _hover={"background": rx.color("accent", 3)},
        _focus_visible={"outline": f"2px solid {rx.color('accent', 8)}", "outlineOffset": "-2px"},
    )


def hit_item(hit: rx.Var[SearchHit]) -> rx.Component:
    return rx.link(
        row_heading(hit),
        rx.text(rx.cond(hit.outbound, T["inbox.you"] + ": ", ""),
                rx.foreach(hit.parts, lambda part: rx.cond(
                    part.match,
                    rx.el.mark(part.text, style={"background": rx.color("amber", 5),
                                                 "color": "inherit", "borderRadius": "2px"}),
                    rx.fragment(part.text))),
                size="2", color_scheme="gray", word_break="break-word"),
        href=hit.href, id="hit-" + hit.id, underline="none", color="inherit",
        custom_attrs={"data-row": "hit"}, display="block", padding="8px 10px",
        border_radius="8px", width="100%", _hover={"background": rx.color("accent", 3)},
        _focus_visible={"outline": f"2px solid {rx.color('accent', 8)}", "outlineOffset": "-2px"},
    )


def new_conversation() -> rx.Component:
    """Start a conversation with a number that has none (WhatsApp: Instagram users can only be
    answered, not reached by number)."""
    return rx.dialog.root(
        rx.dialog.trigger(rx.icon_button(rx.icon("message-square-plus", size=16), variant="soft",
                                         aria_label=T["inbox.start"], title=T["inbox.start"],
                                         id="start-open")),
        rx.dialog.content(
            rx.dialog.title(T["inbox.start"]),
            rx.dialog.description(T["inbox.start.intro"], size="2", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    rx.text(T["inbox.start.phone"], size="2", weight="medium", as_="label",
                            custom_attrs={"htmlFor": "start-phone"}),
                    rx.input(name="phone", id="start-phone", type="tel", required=True,
                             placeholder="(11) 98765-4321", auto_complete="tel", width="100%"),
                    rx.text(T["inbox.start.name"], size="2", weight="medium", as_="label",
                            custom_attrs={"htmlFor": "start-name"}),
                    rx.input(name="name", id="start-name", max_length=200, width="100%"),
                    rx.cond(InboxState.start_error != "",
                            rx.callout(InboxState.start_error, color_scheme="red", size="1",
                                       role="alert", id="start-error", width="100%")),
                    rx.flex(rx.dialog.close(rx.button(T["inbox.start.cancel"], type="button",
                                                      variant="soft", color_scheme="gray")),
                            rx.button(T["inbox.start.submit"], type="submit", id="start-submit"),
                            gap="12px", justify="end", width="100%", wrap="wrap"),
                    spacing="2", width="100%", margin_top="12px"),
                on_submit=InboxState.start_conversation, width="100%"),
            max_width="min(440px, calc(100vw - 32px))"),
        open=InboxState.starting, on_open_change=InboxState.set_starting,
    )


def search_box() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.input(rx.input.slot(rx.icon("search", size=14)),
                     placeholder=rx.cond(InboxState.search_mode == "messages",
                                         T["inbox.search.messages_hint"], T["inbox.search"]),
                     value=InboxState.search, on_change=InboxState.set_search,
                     debounce_timeout=300, id="inbox-search", flex="1", type="search",
                     aria_label=T["inbox.search.label"]),
            new_conversation(), spacing="2", width="100%", align="center"),
        rx.segmented_control.root(
            rx.segmented_control.item(T["inbox.search.names"], value="names"),
            rx.segmented_control.item(T["inbox.search.messages"], value="messages"),
            value=InboxState.search_mode, on_change=InboxState.set_search_mode, size="1",
            id="search-mode", width="100%"),
        spacing="2", width="100%",
    )


def assignee_filter() -> rx.Component:
    """Mine / Unassigned / All as toggle buttons sized to their words (a segmented control's
    equal columns overflow the list at the longest label)."""
    def choice(label: str, value: str) -> rx.Component:
        active = InboxState.assignee_filter == value
        return rx.button(T[label], on_click=InboxState.set_assignee_filter(value), size="1",
                         variant=rx.cond(active, "solid", "soft"),
                         color_scheme=rx.cond(active, "teal", "gray"), id=f"assignee-filter-{value}",
                         custom_attrs={"aria-pressed": rx.cond(active, "true", "false")})
    return rx.hstack(choice("inbox.filter.mine", "mine"),
                     choice("inbox.filter.unassigned", "unassigned"),
                     choice("inbox.filter.all", "all"),
                     spacing="2", wrap="wrap", id="inbox-assignee", role="group",
                     aria_label=T["inbox.filter.assignee"])


def filters() -> rx.Component:
    return rx.hstack(
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
                                      id="inbox-unread",
                                      aria_label=T["inbox.filter.unread"]),
                          T["inbox.filter.unread"], spacing="1", align="center"),
                as_="label", size="1"),
        spacing="2", align="center", wrap="wrap",
    )


def more_button(label: rx.Var[str], handler, element_id: str) -> rx.Component:
    """Loads the next page when clicked, or by itself when scrolled into view."""
    return rx.button(label, on_click=handler, size="1", variant="ghost", width="100%",
                     id=element_id, custom_attrs={"data-autoload": "true"})


def threads() -> rx.Component:
    return rx.vstack(
        rx.text(InboxState.total_label, size="1",
                color_scheme="gray", id="inbox-total"),
        rx.cond(
            InboxState.threads.length() > 0,
            rx.vstack(rx.foreach(InboxState.threads, conversation_item), spacing="1",
                      width="100%", id="conversation-list", custom_attrs={"data-rows": "true"}),
            rx.text(T["inbox.empty"], size="2", color_scheme="gray", id="inbox-empty",
                    padding="12px 4px")),
        rx.cond(InboxState.has_more_threads,
                more_button(T["inbox.load_more"], InboxState.load_more_threads, "load-more")),
        spacing="1", width="100%",
    )


def hits() -> rx.Component:
    return rx.vstack(
        rx.cond(
            InboxState.hits.length() > 0,
            rx.vstack(rx.foreach(InboxState.hits, hit_item), spacing="1", width="100%",
                      id="hit-list", custom_attrs={"data-rows": "true"}),
            rx.text(rx.cond(InboxState.search == "", T["inbox.search.type_words"],
                            T["inbox.search.no_hits"]),
                    size="2", color_scheme="gray", id="hits-empty", padding="12px 4px")),
        rx.cond(InboxState.has_more_hits,
                more_button(T["inbox.load_more"], InboxState.load_more_hits, "load-more-hits")),
        spacing="1", width="100%",
    )


def conversation_list() -> rx.Component:
    """On phones the list and the open conversation take turns on the screen."""
    return rx.vstack(
        search_box(),
        rx.cond(InboxState.search_mode == "messages", hits(), rx.fragment(assignee_filter(), filters(), threads())),
        spacing="3", width=["100%", "100%", "340px"], flex_shrink="0", id="inbox-list-column",
        class_name="hide-when-compact",
        max_height=["none", "none", "calc(100dvh - 130px)"], overflow_y="auto",
        padding_right=["0", "0", "4px"],
    )
