"""/forgot: an e-mail address posted to /api/auth/forgot, which answers the same whether or not
it has an account."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.auth_card import auth_card, labelled_input, message
from omni_app.components.native_form import native_form
from omni_app.state.account_access import ForgotState

T = ForgotState.tr


def forgot_page() -> rx.Component:
    return auth_card(native_form(
        rx.vstack(
            rx.heading(T["forgot.title"], size="5", margin_top="8px"),
            rx.text(T["forgot.intro"], size="2", color_scheme="gray"),
            message(ForgotState.sent, "green", "forgot-sent", "mail-check"),
            message(ForgotState.problem, "red", "forgot-error", "triangle-alert"),
            labelled_input("login.email", "forgot-email", name="email", type="email",
                           required=True, auto_complete="username"),
            rx.el.input(type="hidden", name="lang", value=ForgotState.chosen_locale),
            rx.button(T["forgot.submit"], type="submit", width="100%", id="forgot-submit"),
            rx.link(T["forgot.back"], href=paths.LOGIN + ForgotState.lang_query, size="2",
                    id="forgot-back"),
            spacing="2", width="100%"),
        action=paths.FORGOT_POST))
