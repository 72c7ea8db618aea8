"""The client beside the open conversation: a column at desk widths (collapsible, remembered for
the tab) and, on narrower screens, a sheet over the conversation opened from the pane's header.
One body serves both; only one of them is ever on the page, so its ids stay unique."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.live_refresh import on_value_change
from omni_app.components.one_line import one_line
from omni_app.state.client_panel import NOBODY, ClientPanelState
from omni_app.state.inbox_live import InboxLive
from omni_app.state.panel_rows import PinnedNote
from omni_app.views.client_list import tag_badge
from omni_app.views.snapshot_card import snapshot_card

S = ClientPanelState
T = S.tr
# Beside the conversation only where the list, the conversation and the panel all fit:
# Reflex's fifth breakpoint (80em, 1280 px); below it, the sheet.
DESK = ["none", "none", "none", "none"]
WIDTH = "300px"


def section(title_key: str, *children, element_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(T[title_key], size="1", weight="bold", color_scheme="gray", as_="div",
                text_transform="uppercase", letter_spacing="0.04em"),
        *children, spacing="1", width="100%", min_width="0", id=element_id)


def outcome(field: str) -> rx.Component:
    """The last save (or refusal) of `field`, said right under it."""
    mine = S.field == field
    return rx.fragment(
        rx.cond(mine & (S.message != ""),
                rx.text(rx.icon("check", size=12, display="inline", margin_right="4px"),
                        S.message, size="1", color_scheme="green", id=f"panel-{field}-saved",
                        role="status")),
        rx.cond(mine & (S.notice != ""),
                rx.callout(S.notice, color_scheme="red", size="1", role="alert",
                           id=f"panel-{field}-error", width="100%")))


def identity(icon: str, label_key: str, value, element_id: str) -> rx.Component:
    return rx.cond(value != "", rx.hstack(
        rx.icon(icon, size=14, flex_shrink="0", aria_label=T[label_key]),
        one_line(value, size="2", id=element_id), spacing="2", align="center",
        min_width="0", width="100%"))


def who() -> rx.Component:
    card = S.card
    return rx.vstack(
        rx.hstack(
            # the panel is about this person: the whole name, wrapped, never cut
            rx.text(card.name, size="3", weight="bold", id="panel-name", flex="1",
                    min_width="0", overflow_wrap="anywhere", line_height="1.4"),
            rx.badge(S.kind_label, variant="soft", color_scheme="gray", id="panel-kind",
                     flex_shrink="0"),
            align="start", spacing="2", width="100%", min_width="0"),
        identity("phone", "client_panel.phone", card.phone, "panel-phone"),
        identity("message-circle", "client_panel.whatsapp", card.whatsapp, "panel-whatsapp"),
        identity("camera", "client_panel.instagram", card.instagram, "panel-instagram"),
        rx.cond((card.phone == "") & (card.whatsapp == "") & (card.instagram == ""),
                rx.text(T["client_panel.no_identity"], size="2", color_scheme="gray")),
        rx.link(rx.hstack(rx.icon("user-round", size=14), T["client_panel.profile"],
                          rx.icon("arrow-right", size=14), align="center", spacing="1"),
                href=S.profile_href, size="2", id="panel-profile", weight="medium"),
        rx.link(rx.button(rx.icon("calendar-plus", size=14), T["agenda.schedule"], size="1",
                          variant="soft"),
                href=paths.AGENDA + "?client=" + S.client_id, id="panel-schedule"),
        spacing="1", width="100%", min_width="0")


def labelled_select(label_key: str, element_id: str, items, value, on_change) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], size="1", color_scheme="gray", as_="label",
                custom_attrs={"htmlFor": element_id}),
        rx.select.root(
            rx.select.trigger(id=element_id, aria_label=T[label_key], width="100%"),
            rx.select.content(*items), value=value, on_change=on_change, size="2"),
        spacing="1", width="100%", min_width="0")


def stage_field() -> rx.Component:
    return rx.vstack(
        labelled_select("client_panel.stage", "panel-stage",
                        [rx.foreach(S.stage_choices, lambda stage: rx.select.item(
                            rx.hstack(rx.box(width="8px", height="8px", border_radius="50%",
                                             background=rx.color(stage.color, 9)),
                                      stage.name, align="center", spacing="2"),
                            value=stage.key))],
                        S.card.stage, S.set_stage),
        outcome("stage"), spacing="1", width="100%")


def owner_field() -> rx.Component:
    return rx.vstack(
        labelled_select("client_panel.owner", "panel-owner",
                        [rx.select.item(T["client_panel.owner.none"], value=NOBODY),
                         rx.foreach(S.owners, lambda m: rx.select.item(m.name, value=m.id))],
                        S.owner_value, S.set_owner),
        outcome("owner"), spacing="1", width="100%")


def tags_field() -> rx.Component:
    shown = rx.flex(
        rx.cond(S.card.tags.length() > 0, rx.foreach(S.card.tags, tag_badge),
                rx.text(T["client_panel.tags.none"], size="2", color_scheme="gray")),
        rx.icon_button(rx.icon("pencil", size=14), size="1", variant="ghost",
                       on_click=S.edit_tags(True), id="panel-tags-edit",
                       aria_label=T["client_panel.tags.edit"],
                       title=T["client_panel.tags.edit"]),
        gap="6px", wrap="wrap", align="center", id="panel-tags", min_width="0", width="100%")
    editing = rx.form(
        rx.vstack(
            rx.input(name="tags", default_value=S.tags_text, id="panel-tags-input",
                     aria_label=T["client_panel.tags"], placeholder=T["client_panel.tags.hint"],
                     width="100%", auto_focus=True),
            rx.hstack(
                rx.button(T["client_panel.tags.save"], type="submit", id="panel-tags-save",
                          size="1"),
                rx.button(T["client_panel.tags.cancel"], type="button", variant="soft",
                          color_scheme="gray", size="1", on_click=S.edit_tags(False)),
                spacing="2"),
            spacing="2", width="100%"),
        on_submit=S.save_tags, width="100%")
    return rx.vstack(
        rx.text(T["client_panel.tags"], size="1", color_scheme="gray"),
        rx.cond(S.editing_tags, editing, shown), outcome("tags"),
        spacing="1", width="100%", min_width="0")


def appointment() -> rx.Component:
    next_one = S.appointment
    return section(
        "client_panel.appointment",
        rx.cond(
            next_one.when != "",
            rx.vstack(
                rx.hstack(rx.icon("calendar", size=14, flex_shrink="0"),
                          rx.text(next_one.when, size="2", weight="medium"),
                          rx.badge(next_one.status_label, size="1", variant="soft"),
                          align="center", spacing="2", wrap="wrap"),
                rx.text(next_one.service, size="2", overflow_wrap="anywhere"),
                rx.cond(next_one.professional != "",
                        rx.text(next_one.professional, size="1", color_scheme="gray",
                                overflow_wrap="anywhere")),
                spacing="1", width="100%", min_width="0"),
            rx.text(T["client_panel.appointment.none"], size="2", color_scheme="gray")),
        element_id="panel-appointment")


def note_item(note: rx.Var[PinnedNote]) -> rx.Component:
    return rx.box(
        rx.text(note.body, size="2", white_space="pre-wrap", overflow_wrap="anywhere",
                style={"display": "-webkit-box", "WebkitLineClamp": "4",
                       "WebkitBoxOrient": "vertical", "overflow": "hidden"},
                title=note.body),
        one_line(note.author, " · ", note.when, size="1", color_scheme="gray"),
        padding="6px 8px", border_radius="6px", width="100%",
        background=rx.color("amber", 3), border=f"1px solid {rx.color('amber', 6)}",
        custom_attrs={"data-pinned-note": "true"})


def pinned_notes() -> rx.Component:
    return section(
        "client_panel.notes",
        rx.cond(S.pinned.length() > 0,
                rx.vstack(rx.foreach(S.pinned, note_item), spacing="2", width="100%"),
                rx.text(T["client_panel.notes.none"], size="2", color_scheme="gray")),
        element_id="panel-notes")


def snapshot() -> rx.Component:
    return section(
        "client_profile.ai",     # the profile's words: one name for one thing
        snapshot_card(S, "panel-snapshot"), element_id="panel-snapshot")


def panel_body() -> rx.Component:
    return rx.cond(
        S.found,
        rx.vstack(who(), rx.separator(size="4"), stage_field(), owner_field(), tags_field(),
                  rx.separator(size="4"), appointment(), snapshot(), pinned_notes(),
                  spacing="3", width="100%", min_width="0", padding_bottom="16px"),
        rx.cond(S.loaded,
                rx.text(T["client_panel.not_found"], size="2", color_scheme="gray",
                        id="panel-not-found"),
                rx.center(rx.spinner(), width="100%", padding="24px")))


def client_panel_column() -> rx.Component:
    """Beside the conversation at desk widths, unless collapsed (or shown as the sheet)."""
    return rx.cond(
        (S.collapsed == "1") | S.drawer_open,
        rx.fragment(),
        rx.el.aside(
            panel_body(), id="client-panel",
            custom_attrs={"aria-label": T["client_panel.title"]},
            style={"width": WIDTH, "flex_shrink": "0", "min_width": "0",
                   "display": [*DESK, "block"], "overflow_y": "auto",
                   "height": "calc(100dvh - 130px)", "padding_left": "16px",
                   "border_left": f"1px solid {rx.color('gray', 5)}"}))


def sheet() -> rx.Component:
    """The panel over the conversation on narrower screens: Esc, the close button or a click
    outside closes it."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.hstack(
                rx.dialog.title(T["client_panel.title"], size="4", margin="0"),
                rx.dialog.close(rx.icon_button(rx.icon("x", size=18), variant="ghost",
                                               color_scheme="gray", id="client-panel-close",
                                               aria_label=T["client_panel.close"],
                                               title=T["client_panel.close"])),
                justify="between", align="center", width="100%", margin_bottom="12px"),
            panel_body(),
            id="client-panel-sheet",
            style={"position": "fixed", "top": "0", "right": "0", "bottom": "0",
                   "left": "auto", "width": "min(380px, 100vw)", "max_width": "100vw",
                   "height": "100dvh", "max_height": "100dvh", "margin": "0",
                   "border_radius": "0", "overflow_y": "auto", "padding": "16px"}),
        open=S.drawer_open, on_open_change=S.set_drawer)


def client_panel_controls() -> rx.Component:
    """For the pane's header: the button that shows or hides the panel (desk) or opens the
    sheet (narrower), the sheet itself, and the live re-read."""
    label = T["client_panel.button"]
    return rx.fragment(
        on_value_change(InboxLive.version, S.sync_live),
        rx.button(rx.icon("panel-right", size=14), label, size="1", variant="soft",
                  color_scheme=rx.cond(S.collapsed == "1", "gray", "teal"),
                  on_click=S.toggle_collapsed, id="client-panel-toggle",
                  title=rx.cond(S.collapsed == "1", T["client_panel.show"],
                                T["client_panel.hide"]),
                  custom_attrs={"aria-expanded": rx.cond(S.collapsed == "1", "false", "true"),
                                "aria-controls": "client-panel"},
                  display=[*DESK, "inline-flex"], flex_shrink="0"),
        rx.button(rx.icon("user-round", size=14), label, size="1", variant="soft",
                  on_click=S.set_drawer(True), id="client-panel-open",
                  custom_attrs={"aria-haspopup": "dialog"},
                  display=["inline-flex"] * 4 + ["none"], flex_shrink="0"),
        sheet())
