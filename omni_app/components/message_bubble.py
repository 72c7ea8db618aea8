"""One entry of the conversation pane: the client's messages on the left, the clinic's on the right
with their delivery ticks (✓ sent, ✓✓ delivered, blue ✓✓ read, ⚠ failed with a retry button),
a reply's quote above its text, and private notes apart in the middle."""
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


def quote_block(message: rx.Var[MessageRow], tr: rx.Var[dict]) -> rx.Component:
    """The start of the message a reply quotes, above the reply's text."""
    return rx.box(
        rx.text(rx.cond(message.quote_outbound, tr["inbox.you"], tr["inbox.quote.client"]),
                size="1", weight="bold", color_scheme="gray"),
        rx.text(message.quote, size="1", color_scheme="gray", word_break="break-word"),
        border_left=f"3px solid {rx.color('accent', 8)}", padding="2px 8px",
        margin_bottom="4px", background=rx.color("gray", 2), border_radius="4px",
        id="quote-of-" + message.id,
    )


def note_bubble(message: rx.Var[MessageRow], tr: rx.Var[dict]) -> rx.Component:
    """A private note: staff only, never sent, so it looks like nothing the client sees."""
    return rx.box(
        rx.hstack(rx.icon("lock", size=12, flex_shrink="0"),
                  rx.text(tr["inbox.note.label"], " · ", message.author, size="1",
                          weight="bold", flex="1", min_width="0"),
                  rx.text(message.time, title=message.when, size="1", flex_shrink="0"),
                  spacing="1", align="center", color=rx.color("amber", 11), width="100%"),
        rx.text(message.text, size="2", white_space="pre-wrap", word_break="break-word"),
        id="message-" + message.id, custom_attrs={"data-note": "true"},
        padding="6px 10px", border_radius="8px", width="min(560px, 92%)", align_self="center",
        background=rx.color("amber", 3), border=f"1px dashed {rx.color('amber', 8)}",
    )


def message_bubble(message: rx.Var[MessageRow], tr: rx.Var[dict],
                   on_retry: Callable[[rx.Var[str]], rx.event.EventSpec],
                   on_quote: Callable[[rx.Var[str]], rx.event.EventSpec],
                   focus: rx.Var[bool] | bool = False) -> rx.Component:
    return rx.cond(message.note, note_bubble(message, tr),
                   _message(message, tr, on_retry, on_quote, focus))


def _message(message, tr, on_retry, on_quote, focus) -> rx.Component:
    """`focus`: the message a search opened the conversation at (scrolled to, outlined)."""
    outbound = message.outbound
    quote_button = rx.icon_button(
        rx.icon("reply", size=14), size="1", variant="ghost", color_scheme="gray",
        aria_label=tr["inbox.quote"], title=tr["inbox.quote"], id="quote-" + message.id,
        on_click=on_quote(message.id))
    return rx.vstack(
        rx.hstack(
            rx.cond(outbound, quote_button),
            rx.box(
                rx.cond(message.quote != "", quote_block(message, tr)),
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
            rx.cond(~outbound, quote_button),
            spacing="1", align="center", width="100%",
            justify=rx.cond(outbound, "end", "start"),
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
