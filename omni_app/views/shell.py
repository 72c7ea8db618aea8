"""The signed-in frame: sidebar (pages that exist, by role), header (who am I), language,
theme and sign-out. Collapses to a top bar on phones."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.native_form import native_form
from omni_app.i18n import LOCALE_NAMES
from omni_app.state.session import SessionState

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
        rx.cond(SessionState.is_admin, nav_link("nav.team", paths.TEAM, "users", place)),
        rx.cond(SessionState.is_admin,
                nav_link("integrations.nav", paths.INTEGRATIONS, "plug", place)),
    )


def who_am_i() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(SessionState.user_name, weight="bold", id="whoami-name"),
            rx.hstack(rx.text(SessionState.clinic_name, size="2", id="whoami-clinic"),
                      rx.cond(SessionState.role_label != "",
                              rx.badge(SessionState.role_label, id="whoami-role")),
                      align="center"),
            spacing="0",
        ),
        align="center",
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


def logout_button() -> rx.Component:
    return native_form(
        rx.button(rx.icon("log-out", size=16), T["nav.logout"], type="submit", variant="soft",
                  size="1", id="logout"),
        action=paths.SIGN_OUT,
    )


def logout_everywhere_form() -> rx.Component:
    """Submitted by the account menu's item and the account page's button (tied by `form=`)."""
    return native_form(rx.el.input(type="hidden", name="scope", value="everywhere"),
                       action=paths.SIGN_OUT, id="logout-everywhere-form",
                       display="none")


def account_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(rx.icon_button(rx.icon("circle-user", size=16), variant="soft",
                                       size="1", aria_label=T["nav.menu"], id="account-menu")),
        rx.menu.content(
            rx.menu.item(rx.link(rx.icon("user", size=14), T["nav.account"], href=paths.ACCOUNT,
                                 underline="none", id="menu-account"), as_child=True),
            rx.menu.separator(),
            rx.menu.item(rx.el.button(rx.icon("log-out", size=14), T["nav.logout_everywhere"],
                                      type="submit", form="logout-everywhere-form",
                                      id="menu-logout-everywhere"),
                         as_child=True, color="red"),
        ),
    )


def header() -> rx.Component:
    return rx.hstack(
        who_am_i(),
        rx.spacer(),
        rx.hstack(language_select(),
                  rx.color_mode.button(size="1", aria_label=T["nav.theme"]),
                  account_menu(), logout_button(), logout_everywhere_form(),
                  align="center", spacing="2"),
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
    return rx.flex(rx.heading("Omni", size="4"), nav_links("top"), gap="4px 16px",
                   padding="8px 12px", wrap="wrap", display=["flex", "flex", "none"],
                   align="center", width="100%", class_name="hide-when-compact")


def shell(*content: rx.Component, compact: rx.Var[bool] | bool = False) -> rx.Component:
    """`compact`: on phones the page needs the whole screen (an open conversation), so the bars
    (and what the page marks `hide-when-compact`) give way: assets/compact.css."""
    return rx.hstack(
        sidebar(),
        rx.vstack(mobile_nav(), header(),
                  rx.box(*content, padding=["8px", "8px", "16px"],
                         width="100%", max_width="1100px", min_width="0"),
                  width="100%", spacing="0", min_width="0"),
        spacing="0", width="100%", align="start",
        custom_attrs={"data-compact": rx.cond(compact, "true", "false")},
    )
