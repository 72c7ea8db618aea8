"""The conversation's composer: a reply to the client (optionally quoting one of the messages)
or a private note for the team, switched above the box; the text is never cut (the channel's
limit is counted as the user types, assets/composer_limit.js)."""
from __future__ import annotations

import reflex as rx

from omni_app.state.inbox import NOTE_LIMIT, InboxState
from omni_app.state.quick_replies import QuickReplyRow
from omni_app.state.reply_suggestion import ReplySuggestionState

T = InboxState.tr
# The ones a clinic's front desk uses most; the keyboard's own picker has the rest.
EMOJIS = ("😊", "🙂", "😉", "😄", "😍", "🥰", "🙏", "👍", "👏", "🙌", "💪", "✨", "🎉", "❤️",
          "💙", "💚", "🦷", "😁", "💆", "💅", "📅", "⏰", "📍", "✅", "❌", "⚠️", "📞", "💬",
          "📝", "💳", "💰", "🎁", "🌷", "☀️", "🤗", "😅", "😢", "🤔", "👋", "👀")


def mode_switch() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item(T["inbox.composer.mode_reply"], value="reply"),
        rx.segmented_control.item(rx.hstack(rx.icon("lock", size=12),
                                            T["inbox.composer.mode_note"], spacing="1",
                                            align="center"), value="note"),
        value=InboxState.composer_mode, on_change=InboxState.set_composer_mode, size="1",
        id="composer-mode",
    )


def quick_reply_item(reply: rx.Var[QuickReplyRow]) -> rx.Component:
    """Inserted into the composer by assets/composer_inserts.js (no round trip)."""
    return rx.el.button(
        rx.text(rx.code("/" + reply.shortcut), " ", reply.body, size="2", text_align="left",
                overflow="hidden", text_overflow="ellipsis", white_space="nowrap"),
        type="button", id="quick-reply-" + reply.shortcut,
        custom_attrs={"data-insert": reply.body, "data-shortcut": reply.shortcut,
                      "role": "option"},
        style={"display": "block", "width": "100%", "padding": "6px 8px", "border": "none",
               "background": "transparent", "cursor": "pointer", "borderRadius": "6px",
               "textAlign": "left", "&:hover, &[data-active=true]": {
                   "background": rx.color("accent", 4)}},
    )


def quick_replies_list(element_id: str) -> rx.Component:
    return rx.cond(
        InboxState.quick_replies.length() > 0,
        rx.box(rx.foreach(InboxState.quick_replies, quick_reply_item), id=element_id,
               role="listbox", max_height="240px", overflow_y="auto", width="100%"),
        rx.text(T["inbox.quick_replies.none"], size="2", color_scheme="gray"),
    )


def suggest_button() -> rx.Component:
    """The label steps aside on phones (the icon stays, with its name for screen readers)."""
    S = ReplySuggestionState
    return rx.button(
        rx.icon("sparkles", size=14),
        rx.text.span(T["suggest.button"], display=["none", "inline", "inline"]),
        type="button", size="1", variant="soft", on_click=S.suggest_reply,
        loading=S.suggesting, disabled=S.suggesting, aria_label=T["suggest.button"],
        title=T["suggest.button"], id="suggest-reply", flex_shrink="0")


def suggestion_caption() -> rx.Component:
    """Which analyzer drafted the text (or why there is none); and the draft itself, for
    assets/composer_suggestion.js to put into the composer of the conversation it is for."""
    S = ReplySuggestionState
    here = S.suggestion_for == InboxState.selected_id
    return rx.fragment(
        rx.el.div(hidden=True, id="composer-suggestion",
                  custom_attrs={"data-seq": S.suggestion_seq, "data-for": S.suggestion_for,
                                "data-text": S.suggested_text}),
        rx.box(
            rx.cond(here & (S.suggesting | (S.suggestion_note != "")),
                    rx.hstack(
                        rx.icon("sparkles", size=12, flex_shrink="0"),
                        rx.text(rx.cond(S.suggesting, T["suggest.working"], S.suggestion_note),
                                size="1", word_break="break-word", min_width="0"),
                        spacing="1", align="center", width="100%", id="suggest-caption",
                        color=rx.cond(S.suggestion_failed & ~S.suggesting,
                                      rx.color("red", 11), rx.color("gray", 11)))),
            role="status", width="100%"),
    )


def tools() -> rx.Component:
    return rx.hstack(
        rx.popover.root(
            rx.popover.trigger(rx.icon_button(rx.icon("zap", size=16), size="1", variant="ghost",
                                              type="button", aria_label=T["inbox.quick_replies"],
                                              title=T["inbox.quick_replies"],
                                              id="quick-replies-open")),
            rx.popover.content(quick_replies_list("quick-replies-picker"),
                               width="min(420px, calc(100vw - 32px))", side="top")),
        rx.popover.root(
            rx.popover.trigger(rx.icon_button(rx.icon("smile", size=16), size="1", variant="ghost",
                                              type="button", aria_label=T["inbox.emoji"],
                                              title=T["inbox.emoji"], id="emoji-open")),
            rx.popover.content(
                rx.grid(*[rx.el.button(emoji, type="button", aria_label=emoji,
                                       custom_attrs={"data-insert": emoji},
                                       style={"fontSize": "20px", "padding": "4px",
                                              "border": "none", "background": "transparent",
                                              "cursor": "pointer", "borderRadius": "6px"})
                          for emoji in EMOJIS],
                        columns="8", id="emoji-picker"),
                side="top")),
        spacing="1", align="center",
    )


def slash_menu() -> rx.Component:
    """Quick replies whose shortcut starts with what follows a leading `/` in the composer;
    shown and filtered by assets/composer_inserts.js."""
    return rx.box(rx.foreach(InboxState.quick_replies, quick_reply_item), id="slash-menu",
                  role="listbox", hidden=True, max_height="200px", overflow_y="auto",
                  width="100%", border=f"1px solid {rx.color('gray', 6)}", border_radius="8px",
                  padding="4px", background=rx.color("gray", 1))


def quote_bar() -> rx.Component:
    quoted = InboxState.replying_to
    return rx.cond(
        quoted.id != "",
        rx.hstack(
            rx.icon("reply", size=14, flex_shrink="0"),
            rx.vstack(
                rx.text(T["inbox.quote.replying"], " ",
                        rx.cond(quoted.outbound, T["inbox.you"], T["inbox.quote.client"]),
                        size="1", weight="bold"),
                rx.text(quoted.text, size="1", color_scheme="gray", word_break="break-word"),
                spacing="0", flex="1", min_width="0"),
            rx.icon_button(rx.icon("x", size=14), size="1", variant="ghost",
                           aria_label=T["inbox.quote.cancel"], on_click=InboxState.cancel_quote,
                           id="quote-cancel"),
            width="100%", align="center", padding="4px 8px", id="quote-bar",
            border_left=f"3px solid {rx.color('accent', 8)}", background=rx.color("gray", 2),
        ),
    )


def composer() -> rx.Component:
    note = InboxState.composer_mode == "note"
    return rx.cond(
        InboxState.header.closed,
        rx.text(T["inbox.closed_hint"], size="2", color_scheme="gray", id="closed-hint"),
        rx.form(
            rx.vstack(
                # wraps: beside the client panel the pane is ~370 px wide
                rx.hstack(mode_switch(), rx.spacer(),
                          rx.hstack(suggest_button(), tools(), spacing="2", align="center",
                                    margin_left="auto"),
                          width="100%", align="center", flex_wrap="wrap", row_gap="6px"),
                quote_bar(),
                suggestion_caption(),
                slash_menu(),
                rx.hstack(
                    rx.text_area(
                        name="text", id="composer", rows="2", resize="vertical", flex="1",
                        placeholder=rx.cond(note, T["inbox.composer.note_placeholder"],
                                            T["inbox.composer"]),
                        aria_label=rx.cond(note, T["inbox.composer.mode_note"],
                                           T["inbox.composer.label"]),
                        background=rx.cond(note, rx.color("amber", 2), "transparent"),
                        custom_attrs={"data-limit": rx.cond(note, NOTE_LIMIT,
                                                            InboxState.header.reply_limit),
                                      "data-locale": InboxState.locale,
                                      "data-draft": InboxState.user_id + ":"
                                      + InboxState.selected_id}),
                    rx.button(rx.cond(note, rx.icon("lock", size=16), rx.icon("send", size=16)),
                              rx.cond(note, T["inbox.note.add"], T["inbox.send"]),
                              type="submit", id="send",
                              color_scheme=rx.cond(note, "amber", "teal")),
                    align="end", width="100%"),
                # Shown by assets/composer_limit.js as the text nears the limit.
                rx.hstack(
                    rx.text(InboxState.too_long_text, size="1", color_scheme="red",
                            id="composer-too-long", hidden=True, role="alert"),
                    rx.spacer(),
                    rx.text("", size="1", color_scheme="gray", id="composer-count",
                            hidden=True, aria_live="polite", white_space="nowrap",
                            flex_shrink="0",
                            style={"&[data-over=true]": {"color": rx.color("red", 11)}}),
                    width="100%"),
                spacing="1", width="100%"),
            on_submit=InboxState.send_message, reset_on_submit=True, width="100%",
        ),
    )
