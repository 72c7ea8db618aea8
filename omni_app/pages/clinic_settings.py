"""/settings/clinic: the clinic's name, logo, contact, address, region and working hours (admins
edit, everyone else reads), its WhatsApp message templates and the AI analyst (set up on
/settings/analyst)."""
from __future__ import annotations

import reflex as rx
from reflex.event import no_args_event_spec
from reflex_components_core.el.elements.media import Img

from omni_app.i18n import LOCALE_NAMES
from omni_app.state.clinic_settings import ClinicSettingsState
from omni_app.state.onboarding import ZoneChoice
from omni_app.views.clinic_extras import analyst_section, templates_section
from omni_app.views.clinic_hours import hours_section
from omni_app.views.shell import shell

S = ClinicSettingsState
T = S.tr
READ_ONLY = ~S.is_admin


class LogoImage(Img):
    """An <img> that says when its address gave no image (Reflex's declares no on_error)."""
    on_error: rx.EventHandler[no_args_event_spec]


def labelled(label_key: str, control: rx.Component, for_id: str, hint_key: str = "",
             **props) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], size="2", weight="medium", as_="label", custom_attrs={"htmlFor": for_id}),
        control,
        # how to fill it in: only for those who can
        rx.cond(S.is_admin, rx.text(T[hint_key], size="1", color_scheme="gray"))
        if hint_key else rx.fragment(),
        spacing="1", width="100%", min_width="0", **props)


def text_field(name: str, label_key: str, hint_key: str = "", **props) -> rx.Component:
    element_id = "settings-" + name.replace("_", "-")
    return labelled(label_key, rx.input(name=name, id=element_id, read_only=READ_ONLY,
                                        width="100%", **props),
                    element_id, hint_key, flex="1 1 240px")


def section(title_key: str, *children, element_id: str) -> rx.Component:
    return rx.card(rx.heading(T[title_key], size="3", as_="h2", margin_bottom="8px"),
                   *children, width="100%", id=element_id)


def logo_preview() -> rx.Component:
    shown = (S.logo_preview != "") & ~S.logo_failed
    return rx.hstack(
        rx.center(
            rx.cond(shown,
                    LogoImage.create(src=S.logo_preview, alt=T["settings.logo_preview"],
                                     on_error=S.logo_not_loaded, key=S.logo_preview,
                                     id="settings-logo-image",
                                     style={"max_width": "100%", "max_height": "100%",
                                            "object_fit": "contain"}),
                    rx.icon("image", size=22, color=rx.color("gray", 9))),
            width="64px", height="64px", flex_shrink="0", border_radius="8px",
            border=f"1px solid {rx.color('gray', 6)}", background=rx.color("gray", 2),
            overflow="hidden"),
        rx.text(rx.cond(S.logo_failed, T["settings.logo_failed"],
                        rx.cond(S.logo_preview != "", T["settings.logo_preview"],
                                rx.cond(S.logo_draft.strip() != "", T["settings.logo_invalid"],
                                        T["settings.logo_none"]))),
                size="1", color_scheme=rx.cond(S.logo_failed | ((S.logo_preview == "")
                                                                & (S.logo_draft.strip() != "")),
                                               "red", "gray"),
                id="settings-logo-note"),
        spacing="3", align="center", width="100%")


def identity() -> rx.Component:
    return section(
        "settings.section.identity",
        rx.flex(
            text_field("name", "settings.name", default_value=S.values.name, max_length=200,
                       required=True),
            labelled("settings.logo",
                     rx.input(name="logo_url", id="settings-logo-url", type="url",
                              default_value=S.values.logo_url, read_only=READ_ONLY,
                              on_change=S.set_logo.debounce(300), max_length=2048,
                              placeholder=rx.cond(S.is_admin, "https://", ""), width="100%"),
                     "settings-logo-url", "settings.logo_hint", flex="1 1 240px"),
            gap="12px", wrap="wrap", width="100%"),
        rx.box(logo_preview(), margin_top="10px"),
        element_id="settings-identity")


def contact() -> rx.Component:
    return section(
        "settings.section.contact",
        rx.flex(
            text_field("contact_email", "settings.contact_email", type="email",
                       default_value=S.values.contact_email, max_length=254,
                       auto_complete="email"),
            text_field("contact_phone", "settings.contact_phone",
                       "settings.contact_phone_hint", type="tel",
                       default_value=S.values.contact_phone, max_length=64,
                       auto_complete="tel"),
            gap="12px", wrap="wrap", width="100%"),
        labelled("settings.address",
                 rx.text_area(name="address", id="settings-address", rows="3",
                              default_value=S.values.address, read_only=READ_ONLY,
                              max_length=500, width="100%"),
                 "settings-address", "settings.address_hint", margin_top="10px"),
        element_id="settings-contact")


def zone_option(choice: ZoneChoice) -> rx.Component:
    return rx.el.option(choice.label, value=choice.value)


def timezone_picker() -> rx.Component:
    """The onboarding's picker: a search box filtering a list box."""
    return rx.vstack(
        rx.input(id="settings-timezone-search", name="timezone_query",
                 value=S.timezone_query,
                 on_change=S.search_timezones.debounce(250), type="search",
                 placeholder=T["settings.timezone_search"], width="100%", auto_complete="off",
                 aria_label=T["settings.timezone_search"], aria_controls="settings-timezone"),
        rx.el.select(rx.foreach(S.timezone_choices, zone_option),
                     id="settings-timezone", name="timezone", size=5,
                     value=S.chosen_timezone, on_change=S.pick_timezone,
                     aria_label=T["settings.timezone"],
                     style={"width": "100%", "padding": "4px", "border-radius": "6px",
                            "border": f"1px solid {rx.color('gray', 7)}",
                            "background": rx.color("gray", 1), "color": rx.color("gray", 12),
                            "font-size": "14px"}),
        spacing="1", width="100%")


def choice_select(name: str, label_key: str, value, items: list | rx.Var) -> rx.Component:
    element_id = "settings-" + name
    options = (rx.foreach(items, lambda c: rx.select.item(c.label, value=c.code))
               if isinstance(items, rx.Var) else
               [rx.select.item(text, value=code) for code, text in items])
    return labelled(label_key, rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T[label_key], width="100%"),
        rx.select.content(options), name=name, default_value=value, disabled=READ_ONLY),
        element_id, flex="1 1 200px")


def region() -> rx.Component:
    return section(
        "settings.section.region",
        labelled("settings.timezone",
                 rx.cond(S.is_admin, timezone_picker(),
                         rx.input(value=S.timezone_label, read_only=True, width="100%",
                                  name="timezone_label", id="settings-timezone-read")),
                 rx.cond(S.is_admin, "settings-timezone-search", "settings-timezone-read")),
        rx.flex(choice_select("locale", "settings.locale", S.values.locale,
                              list(LOCALE_NAMES.items())),
                choice_select("currency", "settings.currency", S.values.currency,
                              S.currency_choices),
                gap="12px", wrap="wrap", width="100%", margin_top="10px"),
        element_id="settings-region")


def save_bar() -> rx.Component:
    return rx.cond(
        S.is_admin,
        rx.vstack(
            rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1",
                                              role="alert", id="settings-error", width="100%")),
            rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                                role="status", id="settings-message",
                                                width="100%")),
            rx.button(rx.icon("save", size=16), T["settings.save"], type="submit",
                      id="settings-save"),
            spacing="2", width="100%"),
        rx.fragment())


def clinic_settings_page() -> rx.Component:
    return shell(
        rx.heading(T["settings.title"], size="6", margin_bottom="4px"),
        rx.text(T["settings.intro"], size="2", color_scheme="gray", margin_bottom="12px"),
        rx.cond(~S.is_admin, rx.callout(T["settings.read_only"], icon="lock", color_scheme="gray",
                                        size="1", id="settings-read-only", width="100%",
                                        margin_bottom="12px")),
        rx.form(
            rx.vstack(
                identity(), contact(), region(),
                section("settings.section.hours",
                        rx.text(T["settings.hours_intro"], size="2", color_scheme="gray",
                                margin_bottom="4px"),
                        hours_section(), element_id="settings-hours"),
                save_bar(),
                spacing="3", width="100%"),
            # Not reset on submit: a refused save keeps what was typed; each read starts the
            # fields afresh.
            on_submit=S.save, key=S.form_key, width="100%"),
        rx.vstack(
            section("settings.section.templates", templates_section(),
                    element_id="settings-templates-card"),
            section("settings.section.analyst", analyst_section(),
                    element_id="settings-analyst-card"),
            spacing="3", width="100%", margin_top="12px"),
    )
