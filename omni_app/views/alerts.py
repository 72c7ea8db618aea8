"""New-message alerts in the shell: the control to turn notifications and sound on (the browser
asks its permission on that click: assets/alerts.js), and the effects that hand each batch of
alerts to the browser. The tab title ("(3) Omni") is the page title (omni_app.py)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.browser_effect import browser_effect
from omni_app.components.live_refresh import on_value_change
from omni_app.state.alerts import AlertsState
from omni_app.state.inbox_live import InboxLive

T = AlertsState.tr


def alerts_effects() -> rx.Component:
    batch = AlertsState.batch
    return rx.fragment(
        rx.box(on_mount=AlertsState.start, display="none"),
        on_value_change(InboxLive.version, AlertsState.sync_live),
        browser_effect(f"if (window.omniAlerts) window.omniAlerts.notify({batch!s});",
                       batch.seq),
    )


def _choice(label_key: str, checked, handler, id_: str, **attrs) -> rx.Component:
    return rx.text(
        rx.hstack(rx.switch(checked=checked, on_change=handler, id=id_, **attrs),
                  T[label_key], spacing="2", align="center"),
        as_="label", size="2")


def alerts_control() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(rx.icon_button(
            rx.cond(AlertsState.browser | AlertsState.sound, rx.icon("bell-ring", size=16),
                    rx.icon("bell", size=16)),
            variant="soft", size="1", aria_label=T["alerts.menu"], id="alerts-menu")),
        rx.popover.content(
            rx.vstack(
                rx.text(T["alerts.title"], weight="bold", size="2"),
                _choice("alerts.browser", AlertsState.browser, AlertsState.set_browser,
                        "alerts-browser", custom_attrs={"data-ask-notifications": "true"}),
                _choice("alerts.sound", AlertsState.sound, AlertsState.set_sound,
                        "alerts-sound", custom_attrs={"data-sound-test": "true"}),
                rx.text(T["alerts.hint"], size="1", color_scheme="gray"),
                rx.cond(AlertsState.alerts_error != "",
                        rx.text(AlertsState.alerts_error, color_scheme="red", size="2",
                                role="alert")),
                spacing="2", max_width="260px"),
            id="alerts-panel"),
    )
