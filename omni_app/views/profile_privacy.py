"""The profile's privacy (LGPD) section: "erased" for every member once the client was erased;
for admins, the export (a JSON download and a printable page) and the erasure behind a
confirmation in which the admin types a word."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_content
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.client_privacy import ClientPrivacyState as P

T = P.tr
WRAPPING = {"max_width": "100%", "white_space": "normal", "height": "auto",
            "min_height": "32px", "padding_top": "4px", "padding_bottom": "4px"}


def _document(icon: str, label_key: str, href, element_id: str, **link) -> rx.Component:
    """A link to one of the exports, styled as a button (a plain document link: React Router
    would route it inside the app)."""
    return rx.button(
        rx.el.a(rx.icon(icon, size=14, flex_shrink="0"), T[label_key], href=href,
                reload_document=True, id=element_id, **link),
        as_child=True, variant="soft", size="2", style=WRAPPING)


def _confirmation() -> rx.Component:
    return confirm_content(
        T["privacy.erase.title"],
        rx.alert_dialog.description(ClientProfileState.name, weight="bold", size="2",
                                    overflow_wrap="anywhere"),
        rx.text(T["privacy.erase.text"], size="2", margin_top="8px"),
        rx.el.label(rx.text(P.type_prompt, size="2"), html_for="privacy-erase-typed",
                    margin_top="12px", display="block"),
        rx.input(value=P.typed_word, on_change=P.type_word, id="privacy-erase-typed",
                 placeholder=P.erase_word, auto_complete="off", spell_check=False,
                 margin_top="6px", width="100%"),
        # the red button stays off until the word is typed
        confirm=rx.alert_dialog.action(rx.button(
            T["privacy.erase.confirm"], color_scheme="red", on_click=P.erase,
            disabled=~P.word_typed, id="privacy-erase-confirm")),
        cancel_label=T["privacy.erase.cancel"], id="privacy-erase-dialog")


def _actions() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["privacy.title"], size="3", as_="h2"),
            rx.text(T["privacy.text"], size="2", color_scheme="gray"),
            rx.flex(
                _document("download", "privacy.export_json", P.json_href,
                          "privacy-export-json", download=True),
                _document("printer", "privacy.export_html", P.html_href,
                          "privacy-export-html", target="_blank", rel="noopener"),
                rx.alert_dialog.root(
                    rx.alert_dialog.trigger(rx.button(
                        rx.icon("trash-2", size=14), T["privacy.erase"], variant="soft",
                        color_scheme="red", size="2", id="privacy-erase", style=WRAPPING)),
                    _confirmation(), on_open_change=P.reset_confirmation),
                gap="8px", wrap="wrap", width="100%"),
            rx.cond(P.privacy_error != "", rx.callout(P.privacy_error, color_scheme="red",
                                                      size="1", role="alert", width="100%",
                                                      id="privacy-error")),
            spacing="2", width="100%", min_width="0"),
        width="100%", min_width="0", id="profile-privacy")


def _erased() -> rx.Component:
    return rx.callout(P.erased_text,
                      icon="shield-check", color_scheme="gray", width="100%",
                      id="profile-erased")


def profile_privacy() -> rx.Component:
    return rx.box(
        rx.cond(P.erased, _erased(), rx.cond(P.is_admin, _actions())),
        key=ClientProfileState.profile_id, on_mount=P.load_privacy, width="100%",
        min_width="0")
