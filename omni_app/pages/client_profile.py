"""/clients/<id> (every member): one client's profile — header, then the sections in two
columns on a desk, one on a phone; "not found" inside the shell for a client that is not
the clinic's."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.state.client_profile import ClientProfileState
from omni_app.views import profile_sections as sections
from omni_app.views.profile_header import profile_header
from omni_app.views.profile_privacy import profile_privacy
from omni_app.views.shell import shell

S = ClientProfileState


def not_found() -> rx.Component:
    return rx.vstack(
        rx.callout(S.tr["client_profile.not_found"], icon="search-x", color_scheme="gray",
                   id="profile-not-found", width="100%"),
        rx.link(S.tr["client_profile.back"], href=paths.CLIENTS),
        spacing="3", width="100%")


def profile() -> rx.Component:
    column = {"spacing": "3", "width": "100%", "min_width": "0"}
    return rx.vstack(
        profile_header(),
        rx.grid(
            rx.vstack(sections.notes_card(), sections.messages_card(),
                      sections.threads_card(), **column),
            rx.vstack(sections.ai_card(), sections.appointments_card(),
                      sections.payments_card(), sections.history_card(), **column),
            columns=rx.breakpoints(initial="1", md="2"), gap="12px", width="100%"),
        profile_privacy(),
        spacing="4", width="100%", min_width="0", id="client-profile")


def client_profile_page() -> rx.Component:
    return shell(rx.cond(S.loaded, rx.cond(S.found, profile(), not_found())))
