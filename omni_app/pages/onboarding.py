"""/onboarding: the only page a signed-in user without a clinic can see: the invitations waiting
for them, and a form to create a clinic of their own."""
from __future__ import annotations

import reflex as rx

from omni_app.state.onboarding import TIMEZONES, InvitationOffer, OnboardingState
from omni_app.views.shell import header

T = OnboardingState.tr


def invitation_card(invitation: InvitationOffer) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.text(invitation.text, flex="1", min_width="200px"),
            rx.button(T["onboarding.accept"], id="accept-invitation-" + invitation.id,
                      on_click=OnboardingState.accept_invitation(invitation.id)),
            gap="12px", align="center", wrap="wrap"),
        width="100%")


def invitations() -> rx.Component:
    return rx.cond(OnboardingState.invitations.length() > 0, rx.vstack(
        rx.heading(T["onboarding.invitations"], size="5"),
        rx.foreach(OnboardingState.invitations, invitation_card),
        rx.heading(T["onboarding.or_create"], size="3", margin_top="12px"),
        spacing="2", width="100%", max_width="420px"))


def create_clinic_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T["onboarding.title"], size="5"),
                rx.text(T["onboarding.intro"], color_scheme="gray"),
                rx.text(T["onboarding.name"], as_="label", html_for="clinic-name", size="2"),
                rx.input(id="clinic-name", name="name", required=True, width="100%"),
                rx.text(T["onboarding.timezone"], size="2"),
                rx.select(list(TIMEZONES), name="timezone", default_value=TIMEZONES[0],
                          width="100%"),
                rx.button(T["onboarding.submit"], type="submit", width="100%",
                          id="create-clinic"),
                spacing="2", width="100%",
            ),
            on_submit=OnboardingState.create_clinic,
        ),
        width="100%", max_width="420px",
    )


def onboarding_page() -> rx.Component:
    return rx.vstack(
        header(),
        rx.vstack(
            rx.cond(OnboardingState.error != "",
                    rx.callout(OnboardingState.error, color_scheme="red", role="alert",
                               width="100%", max_width="420px", id="onboarding-error")),
            invitations(),
            create_clinic_form(),
            width="100%", padding="24px 16px", align="center", spacing="3",
        ),
        spacing="0", width="100%",
    )
