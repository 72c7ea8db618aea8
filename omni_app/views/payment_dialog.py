"""The profile's "Record payment" dialog and each payment's actions (mark paid, refund)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed
from omni_app.domain.payments import METHODS, STATUSES
from omni_app.state.payments import NO_APPOINTMENT, AppointmentChoice, PaymentsState
from omni_app.state.profile_rows import PaymentRow

S = PaymentsState
T = S.tr


def field(label, control: rx.Component, for_id: str) -> rx.Component:
    return rx.vstack(rx.el.label(rx.text(label, size="2", weight="medium"), html_for=for_id),
                     control, spacing="1", width="100%", min_width="0")


def choice(key_prefix: str, values, name: str, element_id: str, label, **props):
    return rx.select.root(
        rx.select.trigger(id=element_id, aria_label=label, width="100%"),
        rx.select.content(*[rx.select.item(T[f"{key_prefix}.{value}"], value=value)
                            for value in values]),
        name=name, size="2", **props)


def appointment_item(item: rx.Var[AppointmentChoice]) -> rx.Component:
    return rx.select.item(item.label, value=item.id)


def appointment_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="payment-appointment", aria_label=T["payments.appointment"],
                          width="100%", max_width="100%", overflow="hidden"),
        rx.select.content(rx.select.item(T["payments.no_appointment"], value=NO_APPOINTMENT),
                          rx.foreach(S.appointment_choices, appointment_item)),
        name="appointment", default_value=NO_APPOINTMENT, size="2")


def payment_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.flex(
                rx.box(field(S.amount_field,
                             rx.input(name="amount", id="payment-amount", input_mode="decimal",
                                      required=True, auto_focus=True, width="100%",
                                      placeholder=S.amount_example),
                             "payment-amount"), flex="1 1 140px", min_width="0"),
                rx.box(field(T["payments.method"],
                             choice("client_profile.method", METHODS, "method",
                                    "payment-method", T["payments.method"],
                                    default_value="pix"),
                             "payment-method"), flex="1 1 160px", min_width="0"),
                gap="12px", wrap="wrap", width="100%"),
            rx.flex(
                rx.box(field(T["payments.status"],
                             choice("client_profile.payment", STATUSES, "status",
                                    "payment-status", T["payments.status"],
                                    value=S.pay_status, on_change=S.set_pay_status),
                             "payment-status"), flex="1 1 140px", min_width="0"),
                rx.cond(S.pay_status != "pending", rx.box(
                    field(T["payments.paid_at"],
                          rx.input(name="paid_at", type="datetime-local", id="payment-paid-at",
                                   default_value=S.pay_now, width="100%"),
                          "payment-paid-at"), flex="1 1 160px", min_width="0")),
                gap="12px", wrap="wrap", width="100%"),
            field(T["payments.appointment"], appointment_select(), "payment-appointment"),
            rx.cond(S.pay_error != "", rx.callout(S.pay_error, color_scheme="red", size="1",
                                                  role="alert", id="payment-error",
                                                  width="100%")),
            rx.flex(rx.dialog.close(rx.button(T["payments.cancel"], type="button",
                                              variant="soft", color_scheme="gray",
                                              id="payment-cancel")),
                    rx.button(T["payments.save"], type="submit", id="payment-save"),
                    gap="12px", justify="end", wrap="wrap", width="100%"),
            spacing="3", width="100%"),
        on_submit=S.record, key=S.pay_key, width="100%")


def payment_dialog() -> rx.Component:
    # The button opens the (controlled) dialog itself: a trigger around a button with its own
    # click handler is wrapped in a flex that carries the button's ARIA (axe: aria-allowed-attr).
    return rx.fragment(rx.button(rx.icon("hand-coins", size=14), T["payments.add"],
                                 size="1", variant="soft", on_click=S.open_payment,
                                 id="payment-add", aria_haspopup="dialog"), rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T["payments.title"]),
            rx.dialog.description(S.pay_intro, size="2", color_scheme="gray",
                                  margin_bottom="12px", overflow_wrap="anywhere"),
            payment_form(),
            max_width="min(520px, calc(100vw - 32px))", id="payment-dialog"),
        open=S.pay_open, on_open_change=S.set_pay_open))


def payment_actions(item: rx.Var[PaymentRow]) -> rx.Component:
    """Pending: mark it paid. Paid: refund it (asked twice)."""
    refund = confirmed(
        rx.button(T["payments.refund"], size="1", variant="ghost", color_scheme="gray",
                  id="payment-refund-" + item.id),
        confirm_content(T["payments.refund_title"],
                        rx.alert_dialog.description(item.amount, " · ", item.method_label,
                                                    " · ", item.when, size="2"),
                        rx.text(T["payments.refund_text"], size="2", color_scheme="gray"),
                        confirm=confirm_button(T["payments.refund"], S.mark(item.id, "refunded"),
                                               id="payment-refund-confirm-" + item.id),
                        cancel_label=T["payments.cancel"],
                        id="payment-refund-dialog-" + item.id))
    return rx.match(
        item.status,
        ("pending", rx.button(T["payments.mark_paid"], size="1", variant="ghost",
                              on_click=S.mark(item.id, "paid"), id="payment-pay-" + item.id)),
        ("paid", refund),
        rx.fragment())
