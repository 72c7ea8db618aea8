"""/settings/audit (admins): the clinic's audit log, newest first, with filters by who, action
and dates, a page at a time."""
from __future__ import annotations

import reflex as rx

from omni_app.state.audit_log import ANY, AuditLogState, AuditRow, Choice
from omni_app.views.shell import shell

S = AuditLogState
T = S.tr


def labelled(label_key: str, control: rx.Component, for_id: str, **props) -> rx.Component:
    return rx.vstack(rx.text(T[label_key], size="2", weight="medium", as_="label",
                             custom_attrs={"htmlFor": for_id}),
                     control, spacing="1", min_width="0", **props)


def filter_select(name: str, label_key: str, any_key: str, value,
                  choices: rx.Var[list[Choice]]) -> rx.Component:
    element_id = "audit-" + name
    return labelled(label_key, rx.select.root(
        rx.select.trigger(id=element_id, aria_label=T[label_key], width="100%"),
        rx.select.content(rx.select.item(T[any_key], value=ANY),
                          rx.foreach(choices, lambda c: rx.select.item(c.label,
                                                                        value=c.value))),
        name=name, default_value=value), element_id, flex="1 1 200px")


def date_field(name: str, label_key: str, value) -> rx.Component:
    element_id = "audit-" + name
    return labelled(label_key, rx.input(type="date", name=name, id=element_id,
                                        default_value=value, width="100%"),
                    element_id, flex="1 1 140px")


def filters() -> rx.Component:
    return rx.form(
        rx.flex(
            filter_select("actor", "audit.filter.actor", "audit.filter.anyone", S.actor,
                          S.members),
            filter_select("action", "audit.filter.action", "audit.filter.any_action", S.action,
                          S.actions),
            date_field("since", "audit.filter.since", S.since),
            date_field("until", "audit.filter.until", S.until),
            rx.hstack(rx.button(rx.icon("filter", size=14), T["audit.filter.apply"],
                                type="submit", id="audit-apply"),
                      rx.button(T["audit.filter.clear"], type="button", variant="soft",
                                color_scheme="gray", on_click=S.clear_filters,
                                id="audit-clear"),
                      spacing="2", align="end", flex="0 0 auto"),
            gap="12px", wrap="wrap", width="100%", align="end"),
        on_submit=S.apply_filters, key=S.filters_key.to_string(), width="100%")


def entry(row: rx.Var[AuditRow]) -> rx.Component:
    return rx.flex(
        rx.vstack(rx.text(row.when, size="2", weight="medium"),
                  rx.text(row.who, size="2", color_scheme="gray", word_break="break-word"),
                  spacing="0", flex="0 1 200px", min_width="0"),
        rx.vstack(
            rx.flex(rx.text(row.action, size="2", weight="bold", class_name="audit-action"),
                    rx.badge(row.entity, variant="soft", color_scheme="gray"),
                    gap="8px", align="center", wrap="wrap"),
            rx.foreach(row.details, lambda line: rx.text(line, size="1", color_scheme="gray",
                                                          word_break="break-word")),
            spacing="1", flex="1 1 280px", min_width="0"),
        gap="8px 16px", wrap="wrap", width="100%", padding="10px 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}", custom_attrs={"data-entry": row.id})


def pager() -> rx.Component:
    return rx.hstack(
        rx.button(rx.icon("chevron-left", size=14), T["audit.newer"], variant="soft",
                  size="2", on_click=S.newer, disabled=S.page <= 1, id="audit-newer"),
        rx.text(S.page_label, size="2", id="audit-page"),
        rx.button(T["audit.older"], rx.icon("chevron-right", size=14), variant="soft",
                  size="2", on_click=S.older, disabled=~S.has_older, id="audit-older"),
        spacing="3", align="center", justify="center", width="100%", margin_top="12px")


def audit_log_page() -> rx.Component:
    return shell(
        rx.heading(T["audit.title"], size="6", margin_bottom="4px"),
        rx.text(T["audit.intro"], size="2", color_scheme="gray", margin_bottom="12px"),
        rx.card(filters(), width="100%"),
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                          id="audit-error", margin_top="8px")),
        rx.cond(S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, entry), spacing="0", width="100%",
                          id="audit-entries", margin_top="8px"),
                rx.text(T["audit.empty"], size="2", color_scheme="gray", margin_top="12px",
                        id="audit-empty")),
        pager(),
    )
