"""A signed-in user without a clinic creates one (and becomes its admin)."""
from __future__ import annotations

import reflex as rx
from postgrest.exceptions import APIError

from omni_app.state.session import NotSignedIn, SessionState

TIMEZONES = ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Recife",
             "America/Bahia", "America/Cuiaba", "America/Porto_Velho", "America/Rio_Branco",
             "America/Noronha", "America/Argentina/Buenos_Aires", "America/Santiago",
             "America/Bogota", "America/Lima", "America/Mexico_City", "America/Montevideo",
             "America/Asuncion", "Europe/Lisbon")


class OnboardingState(SessionState):
    error: str = ""
    saving: bool = False

    @rx.event
    async def create_clinic(self, form: dict):
        name = str(form.get("name", "")).strip()
        timezone = str(form.get("timezone") or TIMEZONES[0])
        if not name:
            self.error = self.tr["onboarding.error.name"]
            return
        if timezone not in TIMEZONES:
            timezone = TIMEZONES[0]
        self.saving, self.error = True, ""
        try:
            user = await self.user_client()
            await user.rpc("create_company", {"p_name": name, "p_timezone": timezone,
                                              "p_locale": self.locale}).execute()
        except NotSignedIn:
            return self.login_redirect()
        except APIError as exc:
            self.error = self.tr["onboarding.error.failed"].format(reason=exc.message)
            return
        finally:
            self.saving = False
        return rx.redirect("/")
