"""The pipeline board: a toolbar (search, filters, the stages page for admins), and one column
per active stage with its count, its cards and "load more". Cards are dragged with the mouse
(assets/pipeline_dnd.js) or moved with their "Move to…" menu (keyboard, screen readers)."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.components.risk_badge import risk_badge
from omni_app.state.board_rows import CardRow, ColumnRow
from omni_app.state.pipeline import PipelineState
from omni_app.views.client_filters import owner_filter, source_filter, tag_filter
from omni_app.views.client_list import tag_badge

S = PipelineState
T = S.tr


def toolbar() -> rx.Component:
    return rx.flex(
        rx.input(rx.input.slot(rx.icon("search", size=14)), placeholder=T["pipeline.search"],
                 value=S.search, on_change=S.set_search, debounce_timeout=300,
                 id="pipeline-search", type="search", aria_label=T["pipeline.search"],
                 flex="1 1 220px", min_width="0", size="2"),
        tag_filter(S, "pipeline"),
        source_filter(S, "pipeline"),
        owner_filter(S, "pipeline"),
        rx.cond(S.is_admin, rx.link(
            rx.button(rx.icon("settings-2", size=16), T["pipeline.manage_stages"],
                      variant="soft", size="2"),
            href=paths.PIPELINE_STAGES, id="pipeline-manage-stages")),
        gap="8px", wrap="wrap", width="100%", align="center")


def move_menu(card: rx.Var[CardRow]) -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(rx.icon_button(
            rx.icon("ellipsis-vertical", size=16), variant="ghost", size="1",
            aria_label=T["pipeline.move_to"] + ": " + card.name, title=T["pipeline.move_to"],
            id="card-menu-" + card.id)),
        rx.menu.content(
            rx.text(T["pipeline.move_to"], size="1", color_scheme="gray", padding="4px 8px"),
            rx.foreach(S.stage_choices, lambda stage: rx.menu.item(
                stage.name, on_click=S.move_to(card.id, stage.key),
                disabled=stage.key == card.stage,
                id="move-" + card.id + "-" + stage.key)),
            rx.menu.separator(),
            rx.menu.item(rx.link(T["pipeline.open_profile"], href=paths.CLIENTS + "/" + card.id,
                                 underline="none"))),
    )


def detail(icon: str, text, label_key: str) -> rx.Component:
    return rx.cond(text != "", rx.hstack(
        rx.icon(icon, size=12, flex_shrink="0", aria_label=T[label_key]),
        one_line(text, size="1", color_scheme="gray"),
        spacing="1", align="center", min_width="0", max_width="100%"))


def card_view(card: rx.Var[CardRow]) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.icon(card.icon, size=14, color=rx.color(card.icon_color, 10),
                        flex_shrink="0", aria_label=card.channel_label),
                rx.link(one_line(card.name, weight="bold", size="2"),
                        href=paths.CLIENTS + "/" + card.id, min_width="0", flex="1",
                        underline="hover", high_contrast=True, draggable=False),
                rx.cond(card.unread > 0, rx.badge(card.unread, color_scheme="red",
                                                  variant="solid", radius="full",
                                                  aria_label=T["pipeline.card.unread"])),
                move_menu(card),
                spacing="2", align="center", width="100%", min_width="0"),
            rx.cond(card.snippet != "", rx.hstack(
                one_line(card.snippet, size="1", color_scheme="gray", flex="1"),
                rx.text(card.age, size="1", color_scheme="gray", flex_shrink="0",
                        title=card.when),
                spacing="2", width="100%", min_width="0", align="center")),
            detail("calendar", card.next_appointment, "pipeline.card.next_appointment"),
            # the risk on the line that wraps, so it never squeezes the name or the visit
            rx.flex(
                risk_badge(card.risk, card.risk_badge, card.risk_label, card.risk_color,
                           "card-risk-" + card.id),
                detail("clock", card.in_stage, "pipeline.card.in_stage"),
                detail("user", card.owner, "pipeline.card.owner"),
                gap="4px 12px", wrap="wrap", width="100%", min_width="0", align="center"),
            rx.cond(card.tags.length() > 0,
                    rx.flex(rx.foreach(card.tags[:3], tag_badge), gap="4px", wrap="wrap",
                            min_width="0", max_width="100%")),
            spacing="1", width="100%", min_width="0"),
        custom_attrs={"draggable": "true", "data-card-id": card.id},
        id="card-" + card.id, role="listitem", padding="8px 10px", width="100%",
        background=rx.color("gray", 1), border=f"1px solid {rx.color('gray', 5)}",
        border_radius="8px", cursor="grab", min_width="0")


def column_view(column: rx.Var[ColumnRow]) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.box(width="10px", height="10px", border_radius="50%", flex_shrink="0",
                   background=rx.color(column.color, 9)),
            rx.heading(one_line(column.name), as_="h2", size="3", min_width="0", flex="1"),
            rx.badge(column.total_label, variant="soft", color_scheme="gray",
                     id="column-count-" + column.key),
            spacing="2", align="center", width="100%", min_width="0"),
        rx.vstack(rx.foreach(column.cards, card_view), role="list", aria_label=column.name,
                  spacing="2", width="100%", id="column-cards-" + column.key,
                  display=rx.cond(column.cards.length() > 0, "flex", "none")),
        rx.cond(column.cards.length() == 0,
                rx.text(T["pipeline.column.empty"], size="1", color_scheme="gray",
                        padding="12px 4px")),
        rx.cond(column.has_more, rx.button(
            T["pipeline.column.more"], on_click=S.load_more(column.key), variant="ghost",
            size="1", width="100%", id="column-more-" + column.key)),
        custom_attrs={"data-stage-key": column.key},
        id="column-" + column.key, spacing="2", padding="8px", border_radius="10px",
        background=rx.color("gray", 3), width=["85vw", "280px", "252px"],
        flex_shrink="0", max_height="calc(100dvh - 200px)", overflow_y="auto",
        scroll_snap_align="start")


def board() -> rx.Component:
    return rx.vstack(
        toolbar(),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="red", size="1",
                                           role="alert", id="pipeline-notice", width="100%")),
        rx.text(S.message, size="2", color_scheme="green", role="status", id="pipeline-message",
                min_height="1.5em"),
        rx.el.input(id="pipeline-drop", type="text", on_change=S.drop, tab_index=-1,
                    aria_hidden="true", style={"display": "none"}),
        rx.hstack(rx.foreach(S.columns, column_view), spacing="3", align="start",
                  width="100%", overflow_x="auto", padding_bottom="8px",
                  scroll_snap_type="x mandatory", id="pipeline-board"),
        spacing="2", width="100%", min_width="0")
