"""/login: email and password posted straight to /api/auth/login (the password never travels
over the websocket); errors come back as `?error=` and are explained here."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.native_form import native_form
from omni_app.i18n import LOCALE_NAMES
from omni_app.state.app_state import AppState
from omni_app.state.login import LoginState

T = AppState.tr


def login_page() -> rx.Component:
    return rx.center(
        rx.card(
            native_form(
                rx.vstack(
                    rx.heading("Omni", size="7", color=rx.color("accent", 10)),
                    rx.text(T["app.tagline"], color_scheme="gray"),
                    rx.heading(T["login.title"], size="5", margin_top="8px"),
                    rx.cond(LoginState.reason_message != "",
                            rx.callout(LoginState.reason_message, icon="info",
                                       color_scheme="amber", role="status", id="login-reason",
                                       width="100%")),
                    rx.cond(LoginState.notice_message != "",
                            rx.callout(LoginState.notice_message, icon="mail-check",
                                       color_scheme="green", role="status", id="login-notice",
                                       width="100%")),
                    rx.cond(LoginState.error_message != "",
                            rx.callout(LoginState.error_message, icon="triangle-alert",
                                       color_scheme="red", role="alert", id="login-error",
                                       width="100%")),
                    rx.text(T["login.email"], as_="label", size="2",
                            custom_attrs={"htmlFor": "email"}),
                    # Uncontrolled, so the typed e-mail never crosses the websocket; the key
                    # remounts it once the remembered e-mail arrives with the page's state.
                    rx.input(id="email", name="email", type="email", required=True,
                             auto_complete="username", width="100%",
                             default_value=LoginState.remembered_email,
                             key=LoginState.remembered_email),
                    rx.text(T["login.password"], as_="label", size="2",
                            custom_attrs={"htmlFor": "password"}),
                    rx.input(id="password", name="password", type="password", required=True,
                             auto_complete="current-password", width="100%"),
                    rx.el.input(type="hidden", name="next", value=LoginState.next_path),
                    rx.el.input(type="hidden", name="lang", value=LoginState.chosen_locale),
                    rx.button(T["login.submit"], type="submit", width="100%", id="login-submit"),
                    rx.flex(rx.link(T["login.forgot"], href=paths.FORGOT + LoginState.lang_query,
                                    size="2", id="login-forgot"),
                            rx.link(T["login.signup"], href=paths.SIGNUP + LoginState.lang_query,
                                    size="2", id="login-signup"),
                            direction="column", gap="4px", width="100%"),
                    rx.hstack(*[rx.link(name, size="1", id=f"lang-{code}",
                                        href=f"{paths.LOGIN}?lang={code}&"
                                        + LoginState.next_query)
                                for code, name in LOCALE_NAMES.items()],
                              spacing="3", justify="center", width="100%"),
                    spacing="2", width="100%",
                ),
                action=paths.SIGN_IN,
            ),
            width="100%", max_width="380px",
        ),
        min_height="100vh", padding="16px",
    )
