"""/auth/set-password: where Auth's e-mailed links land (recovery, invitation: `token_hash` and
`type` in the URL), and where someone signed in with a temporary password is kept until they
choose their own. The form posts to /api/auth/set-password, which redeems the link only then
(a mail scanner that opens the link spends nothing)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.auth_card import auth_card, labelled_input, message
from omni_app.components.native_form import native_form
from omni_app.domain import auth
from omni_app.state.account_access import SetPasswordState

T = SetPasswordState.tr


def set_password_page() -> rx.Component:
    return auth_card(native_form(
        rx.vstack(
            rx.heading(T["set_password.title"], size="5", margin_top="8px"),
            rx.text(T["set_password.intro"], size="2", color_scheme="gray"),
            message(SetPasswordState.problem, "red", "set-password-error", "triangle-alert"),
            labelled_input("set_password.new", "new-password", name="new_password",
                           type="password", required=True, auto_complete="new-password",
                           min_length=auth.MIN_PASSWORD_LENGTH),
            labelled_input("set_password.confirm", "confirm-password", name="confirm_password",
                           type="password", required=True, auto_complete="new-password",
                           min_length=auth.MIN_PASSWORD_LENGTH),
            rx.el.input(type="hidden", name="token_hash", value=SetPasswordState.token_hash),
            rx.el.input(type="hidden", name="type", value=SetPasswordState.link_type),
            rx.el.input(type="hidden", name="lang", value=SetPasswordState.chosen_locale),
            rx.button(T["set_password.submit"], type="submit", width="100%",
                      id="set-password-submit"),
            spacing="2", width="100%"),
        action=paths.SET_PASSWORD_POST))
