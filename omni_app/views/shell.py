"""The signed-in frame: sidebar (pages that exist, by role), header (who am I), language,
theme and sign-out. Collapses to a top bar on phones."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.color_mode_sync import follow_color_mode
from omni_app.components.confirm import confirm_content
from omni_app.components.native_form import native_form
from omni_app.components.one_line import one_line
from omni_app.i18n import LOCALE_NAMES
from omni_app.state.session import SessionState
from omni_app.views.alerts import alerts_control, alerts_effects

T = SessionState.tr


def nav_link(label_key: str, href: str, icon: str, place: str) -> rx.Component:
    return rx.link(rx.hstack(rx.icon(icon, size=18), rx.text(T[label_key]), align="center"),
                   href=href, underline="none", padding_y="6px", white_space="nowrap",
                   id=f"{place}-nav-{href.strip('/').replace('/', '-') or 'home'}")


def nav_links(place: str) -> rx.Component:
    """`place` (side or top) keeps element ids unique between the two navigations."""
    return rx.fragment(
        nav_link("nav.home", paths.HOME, "house", place),
        nav_link("inbox.nav", paths.INBOX, "inbox", place),
        nav_link("clients.nav", paths.CLIENTS, "contact", place),
        nav_link("pipeline.nav", paths.PIPELINE, "kanban", place),
        nav_link("agenda.nav", paths.AGENDA, "calendar-days", place),
        nav_link("services.nav", paths.SERVICES, "clipboard-list", place),
        nav_link("settings.nav", paths.CLINIC_SETTINGS, "building-2", place),
        rx.cond(SessionState.is_admin, rx.fragment(
            nav_link("nav.team", paths.TEAM, "users", place),
            nav_link("professionals.nav", paths.PROFESSIONALS, "stethoscope", place),
            nav_link("integrations.nav", paths.INTEGRATIONS, "plug", place),
            nav_link("quick_replies.nav", paths.QUICK_REPLIES, "zap", place),
            nav_link("templates.nav", paths.MESSAGE_TEMPLATES, "file-text", place),
            nav_link("analyst_settings.nav", paths.ANALYST_SETTINGS, "sparkles", place),
            nav_link("audit.nav", paths.AUDIT_LOG, "history", place))),
    )


def who_am_i() -> rx.Component:
    """Shrinks before the controls beside it do: long names end in "…" (whole on hover)."""
    return rx.vstack(
        one_line(SessionState.user_name, weight="bold", id="whoami-name"),
        rx.hstack(one_line(SessionState.clinic_name, size="2", id="whoami-clinic"),
                  rx.cond(SessionState.role_label != "",
                          rx.badge(SessionState.role_label, id="whoami-role", flex_shrink="0")),
                  align="center", min_width="0", max_width="100%"),
        spacing="0", flex="1 1 160px", min_width="0",
    )


def language_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=T["nav.language"], id="language-select"),
        rx.select.content(*[rx.select.item(name, value=code)
                            for code, name in LOCALE_NAMES.items()]),
        value=SessionState.locale,
        on_change=SessionState.set_language,
        size="1",
    )


def theme_button() -> rx.Component:
    """Light <-> dark, kept as the member's theme (applied in every browser they use)."""
    other = rx.cond(rx.style.resolved_color_mode == "dark", "light", "dark")
    return rx.icon_button(
        rx.color_mode_cond(light=rx.icon("sun", size=16), dark=rx.icon("moon", size=16)),
        size="1", variant="soft", aria_label=T["nav.theme"], id="theme-toggle",
        on_click=SessionState.set_theme(other))


def logout_button() -> rx.Component:
    return native_form(
        rx.button(rx.icon("log-out", size=16), T["nav.logout"], type="submit", variant="soft",
                  size="1", id="logout"),
        action=paths.SIGN_OUT,
    )


def logout_everywhere_dialog(place: str) -> rx.Component:
    """Asks before signing out of every device; its button posts the sign-out form. `place`
    (menu, account) keeps element ids unique."""
    return confirm_content(
        T["account.everywhere.confirm.title"],
        rx.alert_dialog.description(T["account.everywhere.confirm.text"], size="2"),
        confirm=native_form(
            rx.el.input(type="hidden", name="scope", value="everywhere"),
            rx.button(T["nav.logout_everywhere"], type="submit", color_scheme="red",
                      id=f"{place}-logout-everywhere-confirm"),
            action=paths.SIGN_OUT),
        cancel_label=T["account.everywhere.confirm.cancel"],
        id=f"{place}-logout-everywhere-dialog")


def account_menu() -> rx.Component:
    # The dialog's root wraps the menu: the menu closes when its item is picked, the dialog
    # stays. A non-modal menu leaves no pointer lock behind when both have closed.
    return rx.alert_dialog.root(
        rx.menu.root(
            rx.menu.trigger(rx.icon_button(rx.icon("circle-user", size=16), variant="soft",
                                           size="1", aria_label=T["nav.menu"],
                                           id="account-menu")),
            rx.menu.content(
                rx.menu.item(rx.link(rx.icon("user", size=14), T["nav.account"],
                                     href=paths.ACCOUNT, underline="none", id="menu-account"),
                             as_child=True),
                rx.menu.separator(),
                rx.menu.item(rx.alert_dialog.trigger(
                    rx.el.button(rx.icon("log-out", size=14), T["nav.logout_everywhere"],
                                 type="button", id="menu-logout-everywhere")),
                             as_child=True, color="red"),
            ),
            modal=False),
        logout_everywhere_dialog("menu"),
    )


def header() -> rx.Component:
    return rx.hstack(
        who_am_i(),
        rx.hstack(language_select(),
                  theme_button(),
                  rx.cond(SessionState.company_id != "", alerts_control()),
                  account_menu(), logout_button(),
                  align="center", spacing="2", flex_shrink="0"),
        width="100%", align="center", wrap="wrap", padding=["8px 12px", "8px 12px", "12px 16px"],
        border_bottom=f"1px solid {rx.color('gray', 5)}", class_name="hide-when-compact",
    )


def sidebar() -> rx.Component:
    return rx.vstack(
        rx.heading("Omni", size="6", color=rx.color("accent", 10)),
        nav_links("side"),
        display=["none", "none", "flex"], width="220px", min_height="100vh", padding="20px",
        spacing="3", border_right=f"1px solid {rx.color('gray', 5)}",
    )


def mobile_nav() -> rx.Component:
    """One line that scrolls sideways, however many pages a role has."""
    return rx.flex(rx.heading("Omni", size="4", flex_shrink="0"), nav_links("top"),
                   gap="16px", padding="8px 12px", wrap="nowrap", overflow_x="auto",
                   display=["flex", "flex", "none"], align="center", width="100%",
                   class_name="hide-when-compact", id="top-nav",
                   style={"scrollbarWidth": "none"})


def shell(*content: rx.Component, compact: rx.Var[bool] | bool = False,
          wide: bool = False) -> rx.Component:
    """`compact`: on phones the page needs the whole screen (an open conversation), so the bars
    (and what the page marks `hide-when-compact`) give way: assets/compact.css. `wide`: the
    page uses the whole width (the pipeline's columns)."""
    return rx.hstack(
        alerts_effects(),
        sidebar(),
        # min_width 0: nothing inside (a long name, a wide table) can widen the page.
        rx.vstack(mobile_nav(), header(),
                  rx.box(*content, padding=["8px", "8px", "16px"],
                         width="100%", max_width="none" if wide else "1100px", min_width="0"),
                  width="100%", spacing="0", min_width="0"),
        follow_color_mode(SessionState.theme),
        spacing="0", width="100%", align="start",
        custom_attrs={"data-compact": rx.cond(compact, "true", "false")},
    )
