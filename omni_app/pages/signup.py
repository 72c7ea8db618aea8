"""/signup: a new clinic owner's account (name, e-mail, password, language), posted to
/api/auth/signup, which signs them in and sends them to /onboarding to create the clinic."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.auth_card import auth_card, labelled_input, message
from omni_app.components.native_form import native_form
from omni_app.domain import auth
from omni_app.i18n import LOCALE_NAMES
from omni_app.state.account_access import SignupState

T = SignupState.tr


def signup_page() -> rx.Component:
    return auth_card(native_form(
        rx.vstack(
            rx.heading(T["signup.title"], size="5", margin_top="8px"),
            rx.text(T["signup.intro"], size="2", color_scheme="gray"),
            message(SignupState.problem, "red", "signup-error", "triangle-alert"),
            labelled_input("signup.name", "signup-name", name="full_name", required=True,
                           max_length=200, auto_complete="name"),
            labelled_input("signup.email", "signup-email", name="email", type="email",
                           required=True, auto_complete="username"),
            labelled_input("signup.password", "signup-password", name="password",
                           type="password", required=True, auto_complete="new-password",
                           min_length=auth.MIN_PASSWORD_LENGTH),
            labelled_input("signup.confirm", "signup-confirm", name="confirm_password",
                           type="password", required=True, auto_complete="new-password",
                           min_length=auth.MIN_PASSWORD_LENGTH),
            rx.text(T["signup.language"], size="2"),
            rx.select.root(
                rx.select.trigger(id="signup-lang", width="100%", aria_label=T["signup.language"]),
                rx.select.content(*[rx.select.item(name, value=code)
                                    for code, name in LOCALE_NAMES.items()]),
                name="lang", value=SignupState.locale, on_change=SignupState.pick_locale),
            rx.button(T["signup.submit"], type="submit", width="100%", id="signup-submit"),
            rx.link(T["signup.have_account"], href=paths.LOGIN + SignupState.lang_query,
                    size="2", id="signup-login"),
            spacing="2", width="100%"),
        action=paths.SIGN_UP))
