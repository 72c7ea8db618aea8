"""The suggested duplicate pairs: both clients side by side (stacked on phones), the reason,
a choice of who stays, and "Merge" behind a confirmation that names both."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.confirm import confirm_button, confirm_content, confirmed, subject
from omni_app.components.one_line import one_line
from omni_app.state.client_rows import ClientRow
from omni_app.state.duplicate_rows import DuplicatePair
from omni_app.state.duplicates import DuplicatesState
from omni_app.views.client_list import stage_badge

S = DuplicatesState
T = S.tr


def _detail(icon: str, value, missing_key: str, **props) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=14, flex_shrink="0", color=rx.color("gray", 10)),
        rx.cond(value != "", one_line(value, size="2", **props),
                rx.text(T[missing_key], size="2", color_scheme="gray")),
        align="center", spacing="2", min_width="0", width="100%")


def client_side(client: rx.Var[ClientRow], pair_key) -> rx.Component:
    """One of the two clients, with the radio that keeps them."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.radio_group.item(value=client.id, id="keep-" + client.id,
                                    aria_label=T["merge.keep"] + ": " + client.name),
                rx.el.label(T["merge.keep"], html_for="keep-" + client.id,
                            font_size="var(--font-size-2)", cursor="pointer"),
                align="center", spacing="2"),
            rx.hstack(rx.link(one_line(client.name, weight="bold", size="3",
                                       id="duplicate-name-" + client.id),
                              href=paths.CLIENTS + "/" + client.id, min_width="0",
                              underline="hover", high_contrast=True,
                              aria_label=T["merge.open_profile"] + ": " + client.name),
                      stage_badge(client), align="center", spacing="2", min_width="0",
                      width="100%", justify="between"),
            _detail("phone", client.phone, "merge.no_phone", id="duplicate-phone-" + client.id),
            _detail("mail", client.email, "merge.no_email"),
            _detail("camera", client.instagram, "merge.no_instagram"),
            rx.text(T["merge.last_activity"], ": ", client.age, size="1", color_scheme="gray",
                    title=client.when),
            spacing="2", width="100%", min_width="0"),
        flex="1 1 280px", min_width="0", id="duplicate-" + pair_key + "-" + client.id)


def pair_card(pair: rx.Var[DuplicatePair]) -> rx.Component:
    dialog = "merge-dialog-" + pair.first.id
    merge = confirmed(
        rx.button(rx.icon("merge", size=14), T["merge.merge"], color_scheme="red",
                  variant="soft", id="merge-" + pair.first.id),
        confirm_content(
            T["merge.confirm.title"],
            rx.text(T["merge.confirm.keep"], size="2", color_scheme="gray"),
            subject(pair.keep_name),
            rx.text(T["merge.confirm.gone"], size="2", color_scheme="gray"),
            subject(pair.merge_name),
            rx.alert_dialog.description(T["merge.confirm.body"], size="2"),
            confirm=confirm_button(T["merge.merge"], S.merge_pair(pair.key),
                                   id="confirm-merge-" + pair.first.id),
            cancel_label=T["merge.cancel"], id=dialog))
    return rx.box(
        rx.flex(rx.badge(rx.icon(rx.cond(pair.reason == "phone", "phone", "user-round"),
                                 size=12),
                         pair.reason_label, color_scheme="amber", size="2"),
                merge, justify="between", align="center", gap="8px", wrap="wrap",
                width="100%", margin_bottom="8px"),
        rx.radio_group.root(
            rx.flex(client_side(pair.first, pair.first.id),
                    client_side(pair.second, pair.first.id),
                    gap="8px", wrap="wrap", width="100%"),
            value=pair.keep_id, on_change=lambda value: S.choose_keep(pair.key, value),
            aria_label=T["merge.keep"], width="100%"),
        padding_y="12px", border_bottom=f"1px solid {rx.color('gray', 4)}", width="100%",
        id="pair-" + pair.first.id)


def duplicate_pairs() -> rx.Component:
    return rx.vstack(
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            id="duplicates-message", width="100%")),
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                          id="duplicates-error", width="100%")),
        rx.cond(S.pairs.length() > 0,
                rx.vstack(rx.foreach(S.pairs, pair_card), spacing="0", width="100%",
                          id="duplicate-list"),
                rx.cond(S.loaded, rx.text(T["merge.empty"], size="2", color_scheme="gray",
                                          id="duplicates-empty", padding="12px 4px"))),
        spacing="2", width="100%")
