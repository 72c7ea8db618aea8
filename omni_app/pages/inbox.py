"""/inbox and /inbox/<id>: conversations on the left, the open conversation on the right (on
phones one or the other, with a way back); live for the clinic."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.live_refresh import on_value_change
from omni_app.components.one_line import one_line
from omni_app.components.message_bubble import message_bubble
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_live import InboxLive
from omni_app.views.client_panel import client_panel_column, client_panel_controls
from omni_app.views.composer import composer
from omni_app.views.conversation_list import channel_icon, conversation_list
from omni_app.views.shell import shell

T = InboxState.tr


def back_button() -> rx.Component:
    """Back to the list: on phones the only way there; everywhere, what Esc does."""
    return rx.link(rx.icon("arrow-left", size=18), href=paths.INBOX, id="pane-back",
                   aria_label=T["inbox.back"], title=T["inbox.back"], color="inherit",
                   display=["inline-flex", "inline-flex", "none"], padding="4px")


def assignee_picker() -> rx.Component:
    """Who looks after the conversation: any active member, or nobody; one click for oneself."""
    return rx.hstack(
        rx.text(T["inbox.assignee.label"], size="1", color_scheme="gray", as_="label",
                custom_attrs={"htmlFor": "pane-assignee"}, flex_shrink="0"),
        rx.select.root(
            rx.select.trigger(id="pane-assignee", aria_label=T["inbox.assignee.label"],
                              min_width="0", max_width="220px", flex="0 1 auto",
                              placeholder=T["inbox.assignee.none"]),
            rx.select.content(
                rx.select.item(T["inbox.assignee.none"], value="none"),
                rx.foreach(InboxState.members,
                           lambda m: rx.select.item(m.name, value=m.id))),
            value=InboxState.assignee_value, on_change=InboxState.assign, size="1"),
        rx.cond(~InboxState.assigned_to_me,
                rx.button(rx.icon("user-round-check", size=14), T["inbox.assignee.me"],
                          size="1", variant="ghost", on_click=InboxState.assign_to_me,
                          id="assign-to-me", flex_shrink="0")),
        align="center", spacing="2", width="100%", min_width="0", id="pane-assignee-row",
    )


def pane_header() -> rx.Component:
    return rx.vstack(pane_title(),
                     rx.hstack(assignee_picker(), client_panel_controls(), align="center",
                               spacing="2", width="100%", min_width="0"),
                     spacing="1", width="100%",
                     padding_bottom="8px", border_bottom=f"1px solid {rx.color('gray', 5)}")


def pane_title() -> rx.Component:
    header = InboxState.header
    return rx.hstack(
        back_button(),
        channel_icon(header.channel, size=20),
        rx.vstack(one_line(header.client_name, weight="bold", id="pane-client", width="100%",
                           title=header.client_name),
                  one_line(header.contact, size="1", color_scheme="gray", id="pane-contact"),
                  spacing="0", min_width="0", flex="1"),
        rx.cond(header.closed, rx.badge(T["inbox.closed"], color_scheme="gray")),
        rx.cond(header.closed,
                rx.button(rx.icon("rotate-ccw", size=14), T["inbox.reopen"], size="1",
                          variant="soft", on_click=InboxState.reopen_conversation,
                          id="reopen-conversation"),
                rx.button(rx.icon("archive", size=14), T["inbox.close"], size="1",
                          variant="soft", color_scheme="gray",
                          on_click=InboxState.close_conversation, id="close-conversation")),
        align="center", width="100%",
    )


def message_area() -> rx.Component:
    # column-reverse keeps the view pinned to the newest message as messages arrive.
    return rx.box(
        rx.vstack(
            rx.cond(InboxState.has_older,
                    rx.button(T["inbox.load_older"], size="1", variant="ghost",
                              on_click=InboxState.load_older, id="load-older",
                              align_self="center")),
            rx.foreach(InboxState.messages,
                       lambda m: message_bubble(m, T, InboxState.retry_message,
                                                InboxState.quote_message,
                                                focus=m.id == InboxState.focus_message_id)),
            spacing="2", width="100%", padding="8px 4px"),
        display="flex", flex_direction="column-reverse", overflow_y="auto", flex="1",
        min_height="120px", width="100%", id="message-area",
    )


def conversation_pane() -> rx.Component:
    return rx.cond(
        InboxState.selected_id == "",
        rx.center(rx.text(T["inbox.pick"], color_scheme="gray"), flex="1", min_height="240px",
                  id="pane-empty", display=["none", "none", "flex"]),
        rx.vstack(
            pane_header(),
            rx.cond(InboxState.window_closed & ~InboxState.header.closed,
                    rx.callout(rx.cond(InboxState.never_wrote, T["inbox.first_message"],
                                       T["inbox.window_warning"]), icon="triangle-alert",
                               color_scheme="amber", size="1", id="window-warning",
                               width="100%")),
            message_area(),
            composer(),
            spacing="2", flex=["none", "none", "1"], width="100%", min_width="0",
            # On phones the pane fills the screen below the bar, so the composer stays in view
            # (dvh follows the on-screen keyboard).
            height=["calc(100dvh - 16px)", "calc(100dvh - 16px)", "calc(100dvh - 130px)"],
            id="conversation-pane"),
    )


def inbox_page() -> rx.Component:
    return shell(
        on_value_change(InboxLive.version, InboxState.sync_live),
        rx.cond(InboxState.notice != "",
                rx.callout(InboxState.notice, color_scheme="red", role="alert",
                           id="inbox-notice", margin_bottom="8px")),
        rx.flex(conversation_list(), conversation_pane(),
                rx.cond(InboxState.selected_id != "", client_panel_column()),
                direction=rx.breakpoints(initial="column", md="row"), gap="16px",
                width="100%", align="start"),
        compact=InboxState.selected_id != "",
        wide=True,              # list, conversation and client panel use a wide screen
    )
