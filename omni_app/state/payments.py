"""The profile's payments card: "Record payment" opens a dialog (amount as the member's language
writes it, method, status, paid date in the clinic's time zone, optionally one of the client's
appointments); each payment can be marked paid or refunded. Every write goes through the member
guard and `record_payment`/`set_payment_status`; the whole profile re-reads afterwards, so the
totals are the database's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import reflex as rx
from babel.numbers import get_currency_symbol

from omni_app.domain import clock
from omni_app.domain import payments
from omni_app.domain.amounts import parse_amount
from omni_app.domain.refusals import Refused
from omni_app.i18n import formatting as fmt
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.inbox_live import announce
from omni_app.state.services import EXAMPLE_PRICE, price_text

NO_APPOINTMENT = "none"        # a select item needs a value


@dataclass
class AppointmentChoice:
    id: str = ""
    label: str = ""            # "12/12/2026 09:00 · Limpeza · Agendado"


def local_input_value(now: datetime, zone_name: str) -> str:
    """`now` as a datetime-local input shows it, in the clinic's time zone."""
    return now.astimezone(fmt.zone(zone_name)).strftime("%Y-%m-%dT%H:%M")


class PaymentsState(ClientProfileState):
    pay_open: bool = False
    pay_status: str = "paid"
    pay_error: str = ""
    pay_now: str = ""          # the paid date the dialog starts with
    pay_key: int = 0           # a new key empties the form

    @rx.var
    def appointment_choices(self) -> list[AppointmentChoice]:
        return [AppointmentChoice(row.id, f"{row.when} · {row.service} · {row.status_label}")
                for row in self.upcoming + self.past]

    @rx.var
    def amount_field(self) -> str:
        symbol = get_currency_symbol(self.currency, fmt.babel_locale(self.locale))
        return self.tr["payments.amount"].format(currency=symbol)

    @rx.var
    def amount_example(self) -> str:
        return price_text(EXAMPLE_PRICE, self.locale)

    @rx.var
    def pay_intro(self) -> str:
        return self.tr["payments.intro"].format(name=self.name)

    def _refusal_text(self, errors, refused) -> str:
        return super()._refusal_text(errors, refused).format(example=self.amount_example)

    @rx.event
    def open_payment(self):
        self.pay_open, self.pay_error, self.pay_status = True, "", "paid"
        self.pay_now = local_input_value(clock.now(), self.timezone)
        self.pay_key += 1

    @rx.event
    def set_pay_open(self, value: bool):
        self.pay_open = bool(value)

    @rx.event
    def set_pay_status(self, value: str):
        self.pay_status = value

    def _typed(self, form: dict) -> payments.Payment:
        try:
            amount = parse_amount(str(form.get("amount") or ""), fmt.babel_locale(self.locale))
        except ValueError:
            raise Refused("amount") from None
        status = str(form.get("status") or "")
        appointment = str(form.get("appointment") or NO_APPOINTMENT)
        paid_at = (None if status == "pending"
                   else payments.local_moment(str(form.get("paid_at") or ""), self.timezone))
        return payments.Payment(self.profile_id, amount, str(form.get("method") or ""), status,
                                None if appointment == NO_APPOINTMENT else appointment, paid_at)

    @rx.event
    async def record(self, form: dict):
        async def write(user, actor):
            recorded = await payments.record(user, self._typed(form))
            await announce(self)
            return recorded
        self.message = ""
        done = await self._guarded(write, errors="payments.error", shows="pay_error",
                                   then=self._load)
        if done.done:
            self.pay_open = False
            self.message = self.tr["payments.recorded"].format(
                amount=fmt.money(Decimal(str(done.value["amount"])), self.locale,
                                 self.currency))
        return done.answer

    @rx.event
    async def mark(self, payment_id: str, status: str):
        async def write(user, actor):
            changed = await payments.set_status(user, payment_id, status)
            await announce(self)
            return changed
        self.message = ""
        done = await self._guarded(write, errors="payments.error", shows="notice",
                                   then=self._load)
        if done.done:
            self.message = self.tr["payments.marked"].format(
                amount=fmt.money(Decimal(str(done.value["amount"])), self.locale,
                                 self.currency),
                status=self.tr[f"client_profile.payment.{status}"])
        return done.answer
