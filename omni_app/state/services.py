"""/settings/services: the clinic's services. Every member reads the list; only admins write
(the admin guard here, RLS in the database; a trigger audits each change). Prices are typed and
shown as the reader's language writes money, in the clinic's currency."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import reflex as rx
from babel.numbers import format_decimal, get_currency_symbol

from omni_app.domain import services_catalog as catalog
from omni_app.i18n import formatting as fmt
from omni_app.state.inbox_live import announce
from omni_app.state.session import SessionState

EXAMPLE_PRICE = Decimal("250.00")


@dataclass
class ServiceRow:
    id: str = ""
    name: str = ""
    duration_minutes: int = 30
    duration_label: str = ""     # "1 h 30 min"
    price_label: str = ""        # "R$ 250,00"
    price_text: str = ""         # "250,00": what the form starts with
    color: str = "blue"
    active: bool = True
    archived: bool = False


def price_text(amount: Decimal | str, locale: str) -> str:
    """An amount as the reader types one, without the currency: 1.234,50 (pt-BR)."""
    return format_decimal(Decimal(str(amount)), format="#,##0.00",
                          locale=fmt.babel_locale(locale))


def duration_label(minutes: int, tr: dict[str, str]) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return tr["services.minutes"].format(m=rest)
    if not rest:
        return tr["services.hours"].format(h=hours)
    return tr["services.hours_minutes"].format(h=hours, m=rest)


def service_row(row: dict, locale: str, currency: str, tr: dict[str, str]) -> ServiceRow:
    return ServiceRow(
        id=row["id"], name=row["name"], duration_minutes=row["duration_minutes"],
        duration_label=duration_label(row["duration_minutes"], tr),
        price_label=fmt.money(row["price"], locale, currency),
        price_text=price_text(row["price"], locale), color=row["color"],
        active=bool(row["active"]), archived=row.get("archived_at") is not None)


class ServicesState(SessionState):
    rows: list[ServiceRow] = []          # not archived, by name
    archived_rows: list[ServiceRow] = []
    editing_id: str = ""                 # the service in the form ("": a new one)
    message: str = ""
    error: str = ""
    saved_count: int = 0                 # the form starts afresh after each save

    @rx.var
    def editing(self) -> ServiceRow:
        return next((row for row in self.rows + self.archived_rows
                     if row.id == self.editing_id), ServiceRow())

    @rx.var
    def form_key(self) -> str:
        return f"{self.editing_id}-{self.saved_count}"

    @rx.var
    def price_example(self) -> str:
        return price_text(EXAMPLE_PRICE, self.locale)

    @rx.var
    def price_field(self) -> str:
        """The price's label, naming the clinic's currency: "Preço (R$)"."""
        symbol = get_currency_symbol(self.currency, fmt.babel_locale(self.locale))
        return self.tr["services.price"].format(currency=symbol)

    @rx.var
    def price_placeholder(self) -> str:
        return self.tr["services.price_hint"].format(example=self.price_example)

    async def _refresh(self, user, actor) -> None:
        found = [service_row(row, self.locale, self.currency, self.tr)
                 for row in await catalog.listed(user)]
        self.rows = [row for row in found if not row.archived]
        self.archived_rows = [row for row in found if row.archived]

    async def _as_admin(self, action):
        self.message = ""
        return await self._guarded(action, who="admin", errors="services.error",
                                   shows="error", then=self._refresh)

    def _refusal_text(self, errors, refused) -> str:
        return super()._refusal_text(errors, refused).format(example=self.price_example)

    def _name(self, service_id: str) -> str:
        return next((row.name for row in self.rows + self.archived_rows
                     if row.id == service_id), "")

    @rx.event
    async def load(self):
        """on_load: every member sees the list; the form is the admins'."""
        user, elsewhere = await self._clinic_member()
        if user is None:
            return elsewhere
        self.editing_id = self.message = self.error = ""
        await self._refresh(user, None)

    @rx.event
    async def save(self, form: dict):
        service_id = str(form.get("id") or "") or None

        async def write(user, actor):
            draft = catalog.typed(str(form.get("name") or ""), str(form.get("duration") or ""),
                                  str(form.get("price") or ""), str(form.get("color") or ""),
                                  bool(form.get("active")), fmt.babel_locale(self.locale))
            saved = await catalog.save(user, actor.company_id, draft, service_id)
            await announce(self)
            return saved
        done = await self._as_admin(write)
        if done.done:
            self.editing_id = ""
            self.saved_count += 1
            self.message = self.tr["services.saved"].format(name=done.value["name"])
        return done.answer

    @rx.event
    def edit(self, service_id: str):
        self.editing_id, self.message, self.error = service_id, "", ""

    @rx.event
    def stop_editing(self):
        self.editing_id, self.error = "", ""

    @rx.event
    async def set_active(self, service_id: str, active: bool):
        async def write(user, actor):
            await catalog.set_active(user, service_id, active)
            await announce(self)
        done = await self._as_admin(write)
        if done.done:
            key = "services.now_active" if active else "services.now_inactive"
            self.message = self.tr[key].format(name=self._name(service_id))
        return done.answer

    @rx.event
    async def remove(self, service_id: str):
        name = self._name(service_id)

        async def write(user, actor):
            outcome = await catalog.remove(user, service_id)
            await announce(self)
            return outcome
        done = await self._as_admin(write)
        if done.done:
            if self.editing_id == service_id:
                self.editing_id = ""
            key = "services.was_archived" if done.value == "archived" else "services.was_deleted"
            self.message = self.tr[key].format(name=name)
        return done.answer

    @rx.event
    async def restore(self, service_id: str):
        async def write(user, actor):
            await catalog.restore(user, service_id)
            await announce(self)
        done = await self._as_admin(write)
        if done.done:
            self.message = self.tr["services.was_restored"].format(name=self._name(service_id))
        return done.answer
