"""One message in the conversation pane: the client's on the left, the clinic's on the right with
its delivery ticks (✓ sent, ✓✓ delivered, blue ✓✓ read, ⚠ failed with a retry button)."""
from __future__ import annotations

from typing import Callable

import reflex as rx

from omni_app.state.inbox_rows import MediaLink, MessageRow


def status_ticks(message: rx.Var[MessageRow], tr: rx.Var[dict]) -> rx.Component:
    return rx.el.span(
        rx.match(message.status,
                 ("queued", rx.icon("clock", size=12)),
                 ("sent", rx.fragment("✓")),
                 ("delivered", rx.fragment("✓✓")),
                 ("read", rx.fragment("✓✓")),
                 ("failed", rx.fragment("⚠")),
                 rx.fragment()),
        id="message-status-" + message.id,
        title=tr["inbox.status." + message.status],
        aria_label=tr["inbox.status." + message.status],
        custom_attrs={"data-status": message.status},
        style={"color": rx.match(message.status, ("read", rx.color("blue", 10)),
                                 ("failed", rx.color("red", 10)), rx.color("gray", 10)),
               "fontSize": "12px", "display": "inline-flex", "alignItems": "center"},
    )


def media_link(link: rx.Var[MediaLink]) -> rx.Component:
    return rx.link(rx.hstack(rx.icon("paperclip", size=14), rx.text(link.label), spacing="1",
                             align="center"),
                   href=link.url, is_external=True, size="2")


def message_bubble(message: rx.Var[MessageRow], tr: rx.Var[dict],
                   on_retry: Callable[[rx.Var[str]], rx.event.EventSpec],
                   focus: rx.Var[bool] | bool = False) -> rx.Component:
    """`focus`: the message a search opened the conversation at (scrolled to, outlined)."""
    outbound = message.outbound
    return rx.vstack(
        rx.box(
            rx.cond(message.text != "",
                    rx.text(message.text, size="2", white_space="pre-wrap",
                            word_break="break-word")),
            rx.foreach(message.links, media_link),
            rx.cond(message.caption != "",
                    rx.text(message.caption, size="2", white_space="pre-wrap")),
            rx.cond(message.placeholder != "",
                    rx.text(message.placeholder, size="2", color_scheme="gray",
                            font_style="italic")),
            rx.hstack(
                rx.text(message.time, size="1", color_scheme="gray", title=message.when),
                rx.cond(outbound, status_ticks(message, tr)),
                spacing="1", justify="end", align="center"),
            padding="6px 10px", border_radius="10px", max_width="min(520px, 85%)",
            background=rx.cond(outbound, rx.color("teal", 4), rx.color("gray", 3)),
            outline=rx.cond(focus, f"2px solid {rx.color('amber', 9)}", "none"),
        ),
        rx.cond(
            message.status == "failed",
            rx.hstack(
                rx.vstack(
                    rx.text(message.error, size="1", color_scheme="red",
                            id="message-error-" + message.id),
                    rx.cond(message.error_detail != "",
                            rx.el.details(
                                rx.el.summary(tr["inbox.failure.details"],
                                              style={"cursor": "pointer"}),
                                rx.text(message.error_detail, size="1", color_scheme="gray",
                                        word_break="break-word"),
                                id="message-error-detail-" + message.id,
                                style={"fontSize": "12px"})),
                    spacing="0", max_width="420px", align="end"),
                rx.button(rx.icon("rotate-cw", size=12), tr["inbox.retry"], size="1",
                          variant="soft", color_scheme="red", id="retry-" + message.id,
                          on_click=on_retry(message.id)),
                spacing="2", align="center", justify="end"),
        ),
        id="message-" + message.id,
        custom_attrs={"data-focus": rx.cond(focus, "true", "false")},
        align_items=rx.cond(outbound, "flex-end", "flex-start"),
        spacing="1", width="100%",
    )
