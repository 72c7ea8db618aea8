"""The profile's sections, each a card: notes, AI context, latest messages, conversations,
appointments, payments and the stage history."""
from __future__ import annotations

import reflex as rx

from omni_app.components.live_refresh import on_value_change
from omni_app.components.one_line import one_line
from omni_app.state import profile_rows as rows
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.inbox_live import InboxLive
from omni_app.views.conversation_list import channel_icon
from omni_app.views.payment_dialog import payment_actions, payment_dialog
from omni_app.views.snapshot_card import snapshot_card

S = ClientProfileState
T = S.tr
APPOINTMENT_COLORS = {"scheduled": "blue", "confirmed": "green", "completed": "gray",
                      "cancelled": "red", "no_show": "orange"}
PAYMENT_COLORS = {"paid": "green", "pending": "amber", "refunded": "gray"}


def card(title_key: str, *children, element_id: str) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(T[title_key], size="3", as_="h2"), *children,
                             spacing="2", width="100%", min_width="0"),
                   width="100%", min_width="0", id=element_id)


def empty(key: str) -> rx.Component:
    return rx.text(T[key], size="2", color_scheme="gray")


def line(*children, **props) -> rx.Component:
    return rx.flex(*children, gap="4px 8px", wrap="wrap", align="center", width="100%",
                   min_width="0", padding_y="6px",
                   border_top=f"1px solid {rx.color('gray', 4)}", **props)


def note_item(note: rx.Var[rows.NoteRow]) -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.cond(note.pinned, rx.badge(rx.icon("pin", size=12), T["client_profile.notes.pinned"],
                                          color_scheme="amber")),
            rx.text(note.author, " · ", note.when, size="1", color_scheme="gray"),
            rx.spacer(),
            rx.button(rx.cond(note.pinned, T["client_profile.notes.unpin"],
                              T["client_profile.notes.pin"]),
                      size="1", variant="ghost", on_click=S.pin(note.id, ~note.pinned),
                      id="note-pin-" + note.id),
            gap="8px", align="center", wrap="wrap", width="100%"),
        rx.text(note.body, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
        spacing="1", width="100%", padding_y="6px", id="note-" + note.id,
        border_top=f"1px solid {rx.color('gray', 4)}")


def notes_card() -> rx.Component:
    return card(
        "client_profile.notes",
        rx.cond(~S.erased, rx.form(
            rx.vstack(
                rx.text_area(name="body", id="note-body", max_length=4000, rows="3",
                             placeholder=T["client_profile.notes.placeholder"],
                             aria_label=T["client_profile.notes.label"], width="100%"),
                rx.cond(S.note_error != "", rx.callout(S.note_error, color_scheme="red",
                                                       size="1", role="alert",
                                                       id="note-error", width="100%")),
                rx.button(T["client_profile.notes.add"], type="submit", id="note-add"),
                spacing="2", width="100%", align="end"),
            on_submit=S.add_note, key=S.note_key, width="100%")),
        rx.cond(S.notes.length() > 0,
                rx.vstack(rx.foreach(S.notes, note_item), spacing="0", width="100%",
                          id="notes"),
                empty("client_profile.notes.empty")),
        element_id="profile-notes")


def ai_card() -> rx.Component:
    """The analyst's snapshot, re-read when the clinic's live counter moves."""
    return card("client_profile.ai", on_value_change(InboxLive.version, S.sync_live),
                snapshot_card(S, "profile-ai"), element_id="profile-ai")


def message_item(message: rx.Var[rows.MessageRow]) -> rx.Component:
    return line(
        channel_icon(message.channel, size=14),
        rx.badge(message.direction_label, size="1",
                 color_scheme=rx.cond(message.outbound, "blue", "gray")),
        rx.text(message.when, size="1", color_scheme="gray"),
        rx.link(one_line(message.text, size="2"), href=message.href, flex="1 1 100%",
                min_width="0", underline="hover", color_scheme="gray", high_contrast=True),
        id="message-" + message.id)


def thread_item(thread: rx.Var[rows.ThreadRow]) -> rx.Component:
    return line(
        channel_icon(thread.channel, size=14),
        rx.text(thread.channel_label, size="2", weight="medium"),
        rx.badge(thread.status_label, color_scheme=rx.cond(thread.closed, "gray", "green")),
        rx.text(thread.when, size="1", color_scheme="gray"),
        rx.spacer(),
        rx.link(T["client_profile.threads.go"], href=thread.href, size="2",
                id="thread-" + thread.id),
    )


def messages_card() -> rx.Component:
    return card("client_profile.messages",
                rx.cond(S.messages.length() > 0,
                        rx.vstack(rx.foreach(S.messages, message_item), spacing="0",
                                  width="100%", id="profile-message-list"),
                        empty("client_profile.messages.empty")),
                element_id="profile-messages")


def threads_card() -> rx.Component:
    return card("client_profile.threads",
                rx.cond(S.threads.length() > 0,
                        rx.vstack(rx.foreach(S.threads, thread_item), spacing="0",
                                  width="100%"),
                        empty("client_profile.threads.empty")),
                element_id="profile-threads")


def appointment_item(item: rx.Var[rows.AppointmentRow]) -> rx.Component:
    return line(
        rx.text(item.when, size="2", weight="medium"),
        one_line(item.service, size="2", flex="1 1 120px"),
        rx.match(item.status, *[(status, rx.badge(item.status_label, color_scheme=color))
                                for status, color in APPOINTMENT_COLORS.items()],
                 rx.badge(item.status_label)),
        id="appointment-" + item.id)


def appointments_card() -> rx.Component:
    def part(title_key, items, element_id):
        return rx.vstack(
            rx.text(T[title_key], size="2", weight="bold"),
            rx.cond(items.length() > 0,
                    rx.vstack(rx.foreach(items, appointment_item), spacing="0", width="100%"),
                    empty("client_profile.appointments.none")),
            spacing="1", width="100%", id=element_id)
    return card("client_profile.appointments",
                part("client_profile.appointments.upcoming", S.upcoming, "appointments-upcoming"),
                part("client_profile.appointments.past", S.past, "appointments-past"),
                element_id="profile-appointments")


def payment_item(item: rx.Var[rows.PaymentRow]) -> rx.Component:
    return line(
        rx.text(item.amount, size="2", weight="medium"),
        rx.text(item.method_label, size="2", color_scheme="gray"),
        rx.text(item.when, size="1", color_scheme="gray"),
        rx.spacer(),
        rx.match(item.status, *[(status, rx.badge(item.status_label, color_scheme=color))
                                for status, color in PAYMENT_COLORS.items()],
                 rx.badge(item.status_label)),
        payment_actions(item),
        id="payment-" + item.id)


def payments_card() -> rx.Component:
    return card(
        "client_profile.payments",
        rx.flex(rx.text(T["client_profile.payments.paid"], ": ", S.paid_total, size="2",
                        weight="bold", id="payments-paid"),
                rx.text(T["client_profile.payments.pending"], ": ", S.pending_total, size="2",
                        weight="bold", id="payments-pending"),
                rx.spacer(),
                payment_dialog(),
                gap="4px 16px", wrap="wrap", align="center", width="100%"),
        rx.cond(S.payments.length() > 0,
                rx.vstack(rx.foreach(S.payments, payment_item), spacing="0", width="100%"),
                empty("client_profile.payments.empty")),
        element_id="profile-payments")


def change_item(item: rx.Var[rows.ChangeRow]) -> rx.Component:
    return line(
        rx.text(item.from_label, " → ", item.to_label, size="2", weight="medium"),
        rx.text(item.who, " · ", item.when, size="1", color_scheme="gray"),
        id="change-" + item.id)


def history_card() -> rx.Component:
    return card("client_profile.history",
                rx.cond(S.changes.length() > 0,
                        rx.vstack(rx.foreach(S.changes, change_item), spacing="0",
                                  width="100%", id="stage-history"),
                        empty("client_profile.history.empty")),
                element_id="profile-history")
