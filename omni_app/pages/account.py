"""/account: my name, language and theme; change my password; the browsers signed in as me
(this one marked, any other ended on its own) and signing out of every device. The password and
sign-out forms post straight to the cookie routes (a password never crosses the websocket);
their results come back as `?done=` or `?error=` and are explained here."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.confirm import confirm_button, confirm_content, confirmed
from omni_app.components.native_form import native_form
from omni_app.components.one_line import one_line
from omni_app.domain import auth
from omni_app.i18n import LOCALE_NAMES
from omni_app.state.account import AccountState, SessionRow
from omni_app.state.session import SessionState
from omni_app.views.shell import logout_everywhere_dialog, shell

T = SessionState.tr


def password_field(label_key: str, name: str, autocomplete: str) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], as_="label", custom_attrs={"htmlFor": f"account-{name}"}, size="2"),
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


def result(text, color: str, id: str) -> rx.Component:
    """A save's result, next to what was saved."""
    return rx.cond(text != "", rx.text(text, size="2", color_scheme=color, id=id,
                                       role=rx.cond(color == "red", "alert", "status")))


def name_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T["account.name.label"], as_="label", size="2",
                    custom_attrs={"htmlFor": "account-full-name"}),
            rx.flex(
                rx.input(id="account-full-name", name="full_name", value=AccountState.name_draft,
                         on_change=AccountState.set_name_draft, required=True,
                         max_length=auth.MAX_NAME_LENGTH, auto_complete="name",
                         flex="1 1 200px", min_width="0"),
                rx.button(T["account.name.save"], type="submit", id="account-save-name"),
                gap="8px", wrap="wrap", width="100%"),
            rx.text(T["account.name.hint"], size="1", color_scheme="gray"),
            result(AccountState.name_saved, "green", "account-name-saved"),
            result(AccountState.name_error, "red", "account-name-error"),
            spacing="2", width="100%"),
        on_submit=AccountState.save_name, width="100%")


def choice(label_key: str, control: rx.Component) -> rx.Component:
    return rx.flex(rx.text(T[label_key], size="2", min_width="80px"), control,
                   align="center", gap="8px 12px", wrap="wrap")


def profile_card() -> rx.Component:
    theme_items = [rx.select.item(T[f"account.theme.{mode}"], value=mode)
                   for mode in auth.THEMES]
    return rx.card(
        rx.vstack(
            rx.heading(T["account.profile.title"], size="4"),
            name_form(),
            choice("account.language.label", rx.select.root(
                rx.select.trigger(aria_label=T["account.language.label"],
                                  id="account-language"),
                rx.select.content(*[rx.select.item(name, value=code, id=f"account-language-{code}")
                                    for code, name in LOCALE_NAMES.items()]),
                value=SessionState.locale, on_change=AccountState.change_language)),
            choice("account.theme.label", rx.select.root(
                rx.select.trigger(aria_label=T["account.theme.label"], id="account-theme"),
                rx.select.content(*theme_items),
                value=rx.cond(SessionState.theme != "", SessionState.theme, "system"),
                on_change=SessionState.set_theme)),
            spacing="4", width="100%"),
        width="100%", max_width="480px")


def session_item(row: SessionRow) -> rx.Component:
    """One signed-in browser: what it is, where from, when; this one marked, others endable."""
    return rx.flex(
        rx.vstack(
            rx.hstack(rx.icon("monitor-smartphone", size=16, flex_shrink="0"),
                      one_line(row.device, weight="medium"),
                      rx.cond(row.current, rx.badge(T["account.sessions.current"],
                                                    color_scheme="green", flex_shrink="0",
                                                    class_name="session-current")),
                      align="center", spacing="2", min_width="0", max_width="100%"),
            rx.text(row.last_seen, size="1", color_scheme="gray"),
            rx.text(row.created, " · ", row.address, size="1", color_scheme="gray",
                    overflow_wrap="anywhere"),
            spacing="1", min_width="0", flex="1 1 200px"),
        rx.cond(~row.current, confirmed(
            rx.button(T["account.sessions.end"], size="1", variant="soft", color_scheme="red",
                      class_name="session-end", aria_label=T["account.sessions.end.title"]),
            confirm_content(
                T["account.sessions.end.title"],
                rx.alert_dialog.description(row.device, weight="bold", size="2"),
                rx.text(T["account.sessions.end.text"], size="2"),
                confirm=confirm_button(T["account.sessions.end"],
                                       AccountState.end_session(row.id),
                                       id=f"session-end-confirm-{row.id}"),
                cancel_label=T["account.everywhere.confirm.cancel"],
                id=f"session-end-dialog-{row.id}"))),
        gap="8px", align="center", justify="between", wrap="wrap", width="100%",
        padding_y="8px", border_top=f"1px solid {rx.color('gray', 4)}",
        class_name="session-row", custom_attrs={"data-session": row.id})


def sessions_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["account.everywhere.title"], size="4"),
            rx.text(T["account.sessions.text"], size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(AccountState.sessions, session_item), spacing="0",
                      width="100%", id="account-sessions"),
            result(AccountState.sessions_message, "green", "account-sessions-message"),
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
            profile_card(),
            password_card(),
            sessions_card(),
            spacing="3", width="100%"),
    )
