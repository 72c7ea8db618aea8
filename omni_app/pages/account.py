"""/account: who I am, change my password, sign out of every device. Both forms post straight to
the cookie routes (a password never crosses the websocket); results come back as `?done=` or
`?error=` and are explained here."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.native_form import native_form
from omni_app.domain import auth
from omni_app.state.account import AccountState
from omni_app.state.session import SessionState
from omni_app.views.shell import logout_everywhere_dialog, shell

T = SessionState.tr


def password_field(label_key: str, name: str, autocomplete: str) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], as_="label", html_for=f"account-{name}", size="2"),
        rx.input(id=f"account-{name}", name=name, type="password", required=True,
                 min_length=auth.MIN_PASSWORD_LENGTH if name != "current_password" else 1,
                 auto_complete=autocomplete, width="100%"),
        spacing="1", width="100%")


def password_card() -> rx.Component:
    return rx.card(native_form(
        rx.vstack(
            rx.heading(T["account.password.title"], size="4"),
            rx.text(T["account.password.hint"], size="2", color_scheme="gray"),
            # For password managers: whose password this is.
            rx.el.input(type="email", name="username", value=SessionState.email,
                        auto_complete="username", read_only=True, hidden=True),
            password_field("account.password.current", "current_password", "current-password"),
            password_field("account.password.new", "new_password", "new-password"),
            password_field("account.password.confirm", "confirm_password", "new-password"),
            rx.button(T["account.password.submit"], type="submit", id="change-password"),
            spacing="3", width="100%"),
        action=paths.CHANGE_PASSWORD), width="100%", max_width="480px")


def sessions_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["account.everywhere.title"], size="4"),
            rx.text(T["account.everywhere.text"], size="2", color_scheme="gray"),
            rx.alert_dialog.root(
                rx.alert_dialog.trigger(
                    rx.button(rx.icon("log-out", size=16), T["nav.logout_everywhere"],
                              color_scheme="red", variant="soft", id="logout-everywhere")),
                logout_everywhere_dialog("account")),
            spacing="3", width="100%"),
        width="100%", max_width="480px")


def account_page() -> rx.Component:
    return shell(
        rx.vstack(
            rx.heading(T["account.title"], size="6"),
            rx.text(SessionState.user_name, weight="bold", id="account-name",
                    overflow_wrap="anywhere", max_width="100%"),
            rx.text(SessionState.email, color_scheme="gray", id="account-email",
                    overflow_wrap="anywhere", max_width="100%"),
            rx.cond(AccountState.notice != "",
                    rx.callout(AccountState.notice, color_scheme="green", id="account-notice",
                               width="100%", max_width="480px")),
            rx.cond(AccountState.problem != "",
                    rx.callout(AccountState.problem, color_scheme="red", role="alert",
                               id="account-error", width="100%", max_width="480px")),
            password_card(),
            sessions_card(),
            spacing="3", width="100%"),
    )
