"""/onboarding: the only page a signed-in user without a clinic can see."""
from __future__ import annotations

import reflex as rx

from omni_app.components.shell import header
from omni_app.state.onboarding import TIMEZONES, OnboardingState

T = OnboardingState.tr


def onboarding_page() -> rx.Component:
    return rx.vstack(
        header(),
        rx.center(
            rx.card(
                rx.form(
                    rx.vstack(
                        rx.heading(T["onboarding.title"], size="5"),
                        rx.text(T["onboarding.intro"], color_scheme="gray"),
                        rx.cond(OnboardingState.error != "",
                                rx.callout(OnboardingState.error, color_scheme="red",
                                           role="alert", width="100%")),
                        rx.text(T["onboarding.name"], as_="label", html_for="clinic-name",
                                size="2"),
                        rx.input(id="clinic-name", name="name", required=True, width="100%"),
                        rx.text(T["onboarding.timezone"], size="2"),
                        rx.select(list(TIMEZONES), name="timezone", default_value=TIMEZONES[0],
                                  width="100%"),
                        rx.button(T["onboarding.submit"], type="submit", width="100%",
                                  loading=OnboardingState.saving, id="create-clinic"),
                        spacing="2", width="100%",
                    ),
                    on_submit=OnboardingState.create_clinic,
                ),
                width="100%", max_width="420px",
            ),
            width="100%", padding="24px 16px",
        ),
        spacing="0", width="100%",
    )
