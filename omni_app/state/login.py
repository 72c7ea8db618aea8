"""The sign-in page's state: the refusal to explain and where to go after signing in."""
from __future__ import annotations

import reflex as rx

from omni_app.api.http import safe_next
from omni_app.state.app_state import AppState


class LoginState(AppState):
    @rx.var
    def error_message(self) -> str:
        return self.query_message("error", "login.error.{}")

    @rx.var
    def next_path(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next"))
