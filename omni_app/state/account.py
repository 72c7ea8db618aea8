"""/account's state: the result of a password change or a refusal, as the cookie routes named it
in the URL (`?done=` / `?error=`)."""
from __future__ import annotations

import reflex as rx

from omni_app.state.session import SessionState


class AccountState(SessionState):
    @rx.var
    def notice(self) -> str:
        return self._query_message("done", "account.{}.done")

    @rx.var
    def problem(self) -> str:
        return self._query_message("error", "account.error.{}")
