"""An appointment's details: who, what, when, with whom, its notes and status history; the
status actions its status allows (confirm, complete, no-show, cancel with a reason) and an
edit of time, length, professional and notes."""
from __future__ import annotations

import reflex as rx

from omni_app.components.risk_badge import risk_badge
from omni_app.state.agenda import AgendaState, HistoryRow
from omni_app.views.agenda_booking import choice, labelled

S = AgendaState
T = S.tr


def fact(label_key: str, value, element_id: str) -> rx.Component:
    return rx.cond(value != "", rx.flex(
        rx.text(T[label_key], size="2", color_scheme="gray", width="110px", flex_shrink="0"),
        rx.text(value, size="2", id=element_id, overflow_wrap="anywhere", min_width="0"),
        gap="4px 8px", width="100%", wrap="wrap"))


def step(each: rx.Var[HistoryRow]) -> rx.Component:
    return rx.flex(
        rx.badge(each.status, variant="soft", size="1"),
        rx.text(each.who, size="1", overflow_wrap="anywhere"),
        rx.text(each.when, size="1", color_scheme="gray"),
        rx.cond(each.reason != "", rx.text(each.reason, size="1", color_scheme="gray",
                                           overflow_wrap="anywhere", width="100%")),
        gap="4px 8px", align="center", wrap="wrap", width="100%")


def actions() -> rx.Component:
    return rx.flex(
        rx.cond(S.d_status == "scheduled", rx.button(
            rx.icon("check", size=14), T["agenda.detail.confirm"],
            on_click=S.set_status("confirmed"), id="detail-confirm", size="2")),
        rx.button(rx.icon("check-check", size=14), T["agenda.detail.complete"],
                  on_click=S.set_status("completed"), id="detail-complete", size="2",
                  variant="soft", color_scheme="green"),
        rx.button(rx.icon("user-x", size=14), T["agenda.detail.no_show"],
                  on_click=S.set_status("no_show"), id="detail-no-show", size="2",
                  variant="soft", color_scheme="orange"),
        rx.button(rx.icon("pencil", size=14), T["agenda.detail.edit"],
                  on_click=S.start_edit(True), id="detail-edit", size="2", variant="soft",
                  color_scheme="gray"),
        rx.button(rx.icon("x", size=14), T["agenda.detail.cancel"],
                  on_click=S.start_cancel(True), id="detail-cancel", size="2",
                  variant="soft", color_scheme="red"),
        gap="8px", wrap="wrap", width="100%")


def cancel_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled("agenda.detail.cancel_reason", "detail-cancel-reason",
                     rx.input(name="reason", id="detail-cancel-reason", width="100%",
                              max_length=500, auto_focus=True)),
            rx.flex(
                rx.button(T["agenda.detail.keep"], type="button", variant="soft",
                          color_scheme="gray", on_click=S.start_cancel(False),
                          id="detail-keep"),
                rx.button(T["agenda.detail.cancel_do"], type="submit", color_scheme="red",
                          id="detail-cancel-do"),
                gap="12px", justify="end", wrap="wrap", width="100%"),
            spacing="2", width="100%"),
        on_submit=S.cancel_appointment, width="100%")


def edit_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.flex(
                labelled("agenda.book.date", "edit-date", rx.input(
                    type="date", value=S.e_date, on_change=S.set_e_date, id="edit-date", name="date",
                    width="100%"), width="auto"),
                labelled("agenda.book.time", "edit-time", rx.input(
                    type="time", value=S.e_time, on_change=S.set_e_time, id="edit-time", name="time",
                    step=300, width="100%"), width="auto"),
                labelled("agenda.book.minutes", "edit-minutes", rx.input(
                    type="number", value=S.e_minutes, on_change=S.set_e_minutes, min=5,
                    max=1440, step=5, id="edit-minutes", name="minutes", width="100%"), width="auto"),
                gap="12px", wrap="wrap", width="100%", class_name="agenda-when"),
            choice("agenda.book.professional", "edit-professional", S.professionals,
                   S.e_professional, S.set_e_professional),
            labelled("agenda.detail.notes", "edit-notes", rx.text_area(
                name="notes", default_value=S.d_notes, id="edit-notes", rows="2",
                width="100%")),
            rx.flex(
                rx.button(T["agenda.book.back"], type="button", variant="soft",
                          color_scheme="gray", on_click=S.start_edit(False), id="edit-back"),
                rx.button(T["agenda.detail.save"], type="submit", id="edit-save"),
                gap="12px", justify="end", wrap="wrap", width="100%"),
            spacing="3", width="100%"),
        on_submit=S.save_edit, width="100%")


def detail_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.flex(
                    rx.dialog.title(S.d_client, margin="0", overflow_wrap="anywhere",
                                    min_width="0", id="detail-client"),
                    rx.badge(S.d_status_label, id="detail-status", size="2"),
                    gap="8px", align="center", wrap="wrap", width="100%"),
                rx.link(T["agenda.detail.open_profile"], href=S.profile_href, size="2",
                        id="detail-profile"),
                rx.cond(S.d_risk != "", rx.flex(
                    rx.text(T["risk.detail"], size="2", color_scheme="gray", width="110px",
                            flex_shrink="0"),
                    rx.flex(
                        risk_badge(S.d_risk, S.d_risk_badge, S.d_risk_label, S.d_risk_color,
                                   "detail-risk", size="2"),
                        rx.cond(S.d_risk_reasons != "", rx.text(
                            S.d_risk_reasons, size="2", id="detail-risk-reasons",
                            overflow_wrap="anywhere", min_width="0")),
                        gap="4px 8px", wrap="wrap", align="center", flex="1 1 200px",
                        min_width="0"),
                    gap="4px 8px", width="100%", wrap="wrap", align="start")),
                fact("agenda.detail.when", S.d_when, "detail-when"),
                fact("agenda.detail.service", S.d_service, "detail-service"),
                fact("agenda.detail.professional", S.d_professional, "detail-professional"),
                fact("agenda.detail.notes", S.d_notes, "detail-notes"),
                rx.cond(S.d_cancel_reason != "", rx.text(
                    T["agenda.detail.reason"] + " " + S.d_cancel_reason, size="2",
                    color_scheme="red", id="detail-reason")),
                rx.cond(S.d_error != "", rx.callout(S.d_error, icon="triangle-alert",
                                                    color_scheme="red", role="alert",
                                                    id="detail-error", width="100%")),
                rx.cond(S.d_active, rx.cond(
                    S.d_cancelling, cancel_form(),
                    rx.cond(S.d_editing, edit_form(), actions()))),
                rx.separator(size="4"),
                rx.text(T["agenda.detail.history"], size="2", weight="bold"),
                rx.vstack(rx.foreach(S.d_history, step), spacing="2", width="100%",
                          id="detail-history"),
                rx.flex(rx.dialog.close(rx.button(T["agenda.detail.close"], variant="soft",
                                                  color_scheme="gray", id="detail-close")),
                        justify="end", width="100%"),
                spacing="3", width="100%", min_width="0"),
            max_width="min(520px, calc(100vw - 24px))", id="detail-dialog",
            # the title's own id replaces the one Radix would point at: name the dialog by it
            aria_labelledby="detail-client", aria_describedby=None),
        open=S.detail_open, on_open_change=S.set_detail_open)
