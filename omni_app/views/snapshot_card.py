"""The analyst's snapshot as a card's body, the same on the inbox's client panel and the client
profile: the summary, the no-show risk and its reasons, intent and sentiment, objections in the
client's words, the next step, who made it and when (and why the rules answered instead of the
AI), and "Atualizar análise", which shows progress while the analysis runs.

`S` is the page's state: it holds `snapshot` (state/snapshot_rows.SnapshotRow),
`snapshot_busy`, `snapshot_note`, `snapshot_refused` and the `refresh_snapshot` event; `prefix`
names the elements (one card per page)."""
from __future__ import annotations

import reflex as rx

from omni_app.state.snapshot_rows import ObjectionRow


def _caption(text) -> rx.Component:
    return rx.text(text, size="1", weight="bold", color_scheme="gray", as_="div")


def _badges(S, prefix: str) -> rx.Component:
    card, T = S.snapshot, S.tr
    return rx.flex(
        rx.cond(card.risk != "", rx.badge(
            T["analyst_card.risk"], ": ", card.risk_label, color_scheme=card.risk_color,
            id=f"{prefix}-risk", custom_attrs={"data-risk": card.risk})),
        rx.cond(card.intent != "", rx.badge(
            T["analyst_card.intent"], ": ", card.intent, color_scheme="violet",
            variant="soft", id=f"{prefix}-intent")),
        rx.cond(card.sentiment != "", rx.badge(
            T["analyst_card.sentiment"], ": ", card.sentiment,
            color_scheme=card.sentiment_color, variant="outline", id=f"{prefix}-sentiment")),
        gap="6px", wrap="wrap", width="100%", min_width="0")


def _reasons(S, prefix: str) -> rx.Component:
    card = S.snapshot
    return rx.cond(card.reasons.length() > 0, rx.box(
        _caption(S.tr["analyst_card.reasons"]),
        rx.el.ul(rx.foreach(card.reasons, lambda reason: rx.el.li(
            rx.text(reason, size="2", overflow_wrap="anywhere"))),
            style={"margin": "2px 0 0", "padding_left": "18px", "list_style": "disc"}),
        id=f"{prefix}-reasons", width="100%", min_width="0"))


def _objection(item: rx.Var[ObjectionRow]) -> rx.Component:
    return rx.flex(
        rx.badge(item.kind, size="1", variant="soft", color_scheme="orange", flex_shrink="0"),
        rx.text("“", item.quote, "”", size="2", font_style="italic",
                overflow_wrap="anywhere", min_width="0"),
        gap="6px", align="start", width="100%", min_width="0",
        custom_attrs={"data-objection": "true"})


def _objections(S, prefix: str) -> rx.Component:
    card = S.snapshot
    return rx.cond(card.objections.length() > 0, rx.vstack(
        _caption(S.tr["analyst_card.objections"]), rx.foreach(card.objections, _objection),
        spacing="1", width="100%", min_width="0", id=f"{prefix}-objections"))


def _next_action(S, prefix: str) -> rx.Component:
    card = S.snapshot
    return rx.cond(card.next_action != "", rx.flex(
        rx.icon("arrow-right", size=14, flex_shrink="0", margin_top="3px",
                color=rx.color("accent", 11)),
        rx.text(rx.text.strong(S.tr["analyst_card.next_action"], ": "), card.next_action,
                size="2", overflow_wrap="anywhere", min_width="0"),
        gap="6px", align="start", width="100%", id=f"{prefix}-action"))


def _shown(S, prefix: str) -> rx.Component:
    card = S.snapshot
    return rx.vstack(
        rx.text(card.summary, size="2", white_space="pre-wrap", overflow_wrap="anywhere",
                id=f"{prefix}-summary"),
        _badges(S, prefix), _reasons(S, prefix), _objections(S, prefix),
        _next_action(S, prefix),
        rx.text(card.made, size="1", color_scheme="gray", overflow_wrap="anywhere",
                id=f"{prefix}-made"),
        rx.cond(card.fallback != "", rx.flex(
            rx.icon("info", size=14, flex_shrink="0", margin_top="2px"),
            rx.text(card.fallback, size="1", overflow_wrap="anywhere", min_width="0"),
            gap="6px", align="start", color=rx.color("amber", 11), width="100%",
            id=f"{prefix}-fallback")),
        spacing="2", width="100%", min_width="0", padding="8px", border_radius="6px",
        background=rx.color("accent", 2), border=f"1px solid {rx.color('accent', 5)}",
        custom_attrs={"data-snapshot-id": card.id})


def _empty(S, prefix: str) -> rx.Component:
    return rx.hstack(
        rx.icon("sparkles", size=16, color=rx.color("violet", 10), flex_shrink="0"),
        rx.text(S.tr["client_profile.ai.empty"], size="2", color_scheme="gray"),
        align="start", spacing="2", id=f"{prefix}-empty")


def _refresh(S, prefix: str) -> rx.Component:
    T = S.tr
    return rx.vstack(
        rx.button(rx.icon("refresh-cw", size=14), T["analyst_card.refresh"], size="1",
                  variant="soft", loading=S.snapshot_busy, disabled=S.snapshot_busy,
                  on_click=S.refresh_snapshot, id=f"{prefix}-refresh",
                  custom_attrs={"aria-busy": rx.cond(S.snapshot_busy, "true", "false")}),
        rx.box(
            rx.cond(S.snapshot_busy,
                    rx.text(T["analyst_card.refreshing"], size="1", color_scheme="gray"),
                    rx.cond(S.snapshot_note != "", rx.text(
                        S.snapshot_note, size="1", overflow_wrap="anywhere",
                        color_scheme=rx.cond(S.snapshot_refused, "red", "gray")))),
            role="status", id=f"{prefix}-note", width="100%"),
        spacing="1", width="100%", min_width="0", align="start")


def snapshot_card(S, prefix: str) -> rx.Component:
    return rx.vstack(
        rx.cond(S.snapshot.empty, _empty(S, prefix), _shown(S, prefix)),
        _refresh(S, prefix), spacing="2", width="100%", min_width="0")
