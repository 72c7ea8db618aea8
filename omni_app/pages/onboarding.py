"""/onboarding: the only page a signed-in user without a clinic can see: the invitations waiting
for them, and a form to create a clinic of their own (its name, the owner's name, its time zone
from a searchable list, the browser's own zone chosen at first)."""
from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from omni_app.components.live_refresh import on_value_change
from omni_app.state.onboarding import InvitationOffer, OnboardingState, ZoneChoice
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


# The browser's zone, read by the page bundle (no inline script) and sent once on mount.
BROWSER_ZONE = Var(_js_expr="(Intl.DateTimeFormat().resolvedOptions().timeZone || '')",
                   _var_type=str)


def zone_option(choice: ZoneChoice) -> rx.Component:
    return rx.el.option(choice.label, value=choice.value)


def timezone_picker() -> rx.Component:
    """A search box filtering a list box: every zone is reachable by typing a city or country
    in the reader's language (or the IANA name), and by keyboard."""
    return rx.vstack(
        rx.text(T["onboarding.timezone"], as_="label", size="2",
                custom_attrs={"htmlFor": "timezone-search"}),
        rx.input(id="timezone-search", name="timezone_query", value=OnboardingState.timezone_query,
                 on_change=OnboardingState.search_timezones.debounce(250),
                 placeholder=T["onboarding.timezone.search"], width="100%",
                 aria_controls="timezone", type="search", auto_complete="off"),
        rx.el.select(rx.foreach(OnboardingState.timezone_choices, zone_option),
                     id="timezone", name="timezone", size=6,
                     value=OnboardingState.chosen_timezone,
                     on_change=OnboardingState.pick_timezone,
                     aria_label=T["onboarding.timezone"],
                     style={"width": "100%", "padding": "4px", "border-radius": "6px",
                            "border": f"1px solid {rx.color('gray', 7)}",
                            "background": rx.color("gray", 1), "color": rx.color("gray", 12),
                            "font-size": "14px"}),
        spacing="1", width="100%",
    )


def create_clinic_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T["onboarding.title"], size="5"),
                rx.text(T["onboarding.intro"], color_scheme="gray"),
                rx.text(T["onboarding.name"], as_="label", size="2",
                        custom_attrs={"htmlFor": "clinic-name"}),
                rx.input(id="clinic-name", name="name", required=True, width="100%"),
                rx.text(T["onboarding.owner_name"], as_="label",
                        custom_attrs={"htmlFor": "owner-name"},
                        size="2"),
                rx.input(id="owner-name", name="owner_name", value=OnboardingState.owner_name,
                         on_change=OnboardingState.set_owner_name, max_length=200,
                         auto_complete="name", width="100%"),
                timezone_picker(),
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
        on_value_change(BROWSER_ZONE, OnboardingState.use_browser_zone),
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
