"""/settings/analyst (admins): the analyzer, the model, the monthly token budget with what was
spent of it, the clinic's instructions, and the log of recent runs."""
from __future__ import annotations

import reflex as rx

from omni_app.components.one_line import one_line
from omni_app.state.analyst_rows import RunRow
from omni_app.state.analyst_settings import ANALYZERS, MAX_INSTRUCTIONS, AnalystSettingsState
from omni_app.views.shell import shell

S = AnalystSettingsState
T = S.tr


def labelled(label_key: str, control: rx.Component, for_id: str, hint=None,
             **props) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], size="2", weight="medium", as_="label",
                custom_attrs={"htmlFor": for_id}),
        control,
        rx.text(hint, size="1", color_scheme="gray") if hint is not None else rx.fragment(),
        spacing="1", width="100%", min_width="0", **props)


def section(title_key: str, *children, element_id: str) -> rx.Component:
    return rx.card(rx.heading(T[title_key], size="3", as_="h2", margin_bottom="8px"),
                   rx.vstack(*children, spacing="3", width="100%"), width="100%",
                   id=element_id)


def choice() -> rx.Component:
    return section(
        "analyst_settings.section.choice",
        rx.flex(
            labelled("analyst_settings.analyzer", rx.select.root(
                rx.select.trigger(id="analyst-analyzer", width="100%",
                                  aria_label=T["analyst_settings.analyzer"]),
                rx.select.content(*[rx.select.item(T[f"analyst_settings.analyzer.{name}"],
                                                   value=name) for name in ANALYZERS]),
                value=S.analyzer, on_change=S.set_analyzer), "analyst-analyzer",
                T["analyst_settings.analyzer_hint"], flex="2 1 280px"),
            labelled("analyst_settings.model",
                     rx.input(name="model", id="analyst-model", default_value=S.model,
                              placeholder=S.default_model, max_length=100, width="100%",
                              auto_complete="off", spell_check=False),
                     "analyst-model", S.model_hint, flex="1 1 200px"),
            gap="12px", wrap="wrap", width="100%"),
        rx.callout(rx.cond(S.has_key, T["analyst_settings.key_present"],
                           T["analyst_settings.key_missing"]),
                   icon=rx.cond(S.has_key, "key-round", "info"), size="1", width="100%",
                   color_scheme=rx.cond(S.has_key, "green", "gray"), id="analyst-key"),
        element_id="analyst-choice")


def spend_bar() -> rx.Component:
    return rx.vstack(
        rx.text(S.spend.label, size="2", id="analyst-spent"),
        rx.progress(value=S.spend.percent, max=100, width="100%",
                    color_scheme=rx.cond(S.spend.paused, "red", "teal"),
                    aria_label=S.spend.label, id="analyst-spent-bar"),
        rx.cond(S.spend.paused,
                rx.callout(T["analyst_settings.paused"], icon="circle-pause", size="1",
                           color_scheme="amber", width="100%", id="analyst-paused")),
        spacing="2", width="100%")


def budget() -> rx.Component:
    return section(
        "analyst_settings.section.budget",
        labelled("analyst_settings.budget",
                 rx.input(name="budget", id="analyst-budget", default_value=S.budget,
                          input_mode="numeric", max_length=20, width="100%",
                          max_width="240px", auto_complete="off"),
                 "analyst-budget", T["analyst_settings.budget_hint"]),
        spend_bar(),
        element_id="analyst-budget-card")


def instructions() -> rx.Component:
    return section(
        "analyst_settings.section.instructions",
        labelled("analyst_settings.instructions",
                 rx.text_area(name="instructions", id="analyst-instructions", rows="5",
                              value=S.instructions, on_change=S.set_instructions,
                              max_length=MAX_INSTRUCTIONS, width="100%", resize="vertical",
                              placeholder=T["analyst_settings.instructions_placeholder"]),
                 "analyst-instructions"),
        rx.flex(rx.text(T["analyst_settings.instructions_hint"], size="1", color_scheme="gray",
                        flex="1 1 200px", min_width="0"),
                rx.text(S.instructions_count, size="1", color_scheme="gray",
                        id="analyst-instructions-count", aria_live="polite",
                        white_space="nowrap"),
                gap="8px", width="100%", justify="between", margin_top="-8px"),
        element_id="analyst-instructions-card")


def save_bar() -> rx.Component:
    return rx.vstack(
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", size="1", role="alert",
                                          id="analyst-error", width="100%")),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            role="status", id="analyst-message",
                                            width="100%")),
        rx.button(rx.icon("save", size=16), T["analyst_settings.save"], type="submit",
                  id="analyst-save"),
        spacing="2", width="100%")


def run_entry(run: rx.Var[RunRow]) -> rx.Component:
    return rx.flex(
        rx.vstack(rx.text(run.when, size="2", weight="medium", white_space="nowrap"),
                  rx.hstack(rx.badge(run.kind_label, variant="soft",
                                     color_scheme=rx.cond(run.kind == "reply", "blue", "gray")),
                            rx.text(run.trigger, size="1", color_scheme="gray"),
                            spacing="2", align="center", wrap="wrap"),
                  spacing="1", flex="0 1 190px", min_width="0"),
        rx.vstack(
            rx.link(one_line(run.client_name, size="2", weight="bold"), href=run.client_href,
                    max_width="100%", class_name="analyst-run-client"),
            rx.flex(rx.badge(run.analyzer, color_scheme=rx.cond(run.llm, "violet", "gray"),
                             variant="soft"),
                    rx.text(run.model, size="1", color_scheme="gray", word_break="break-all"),
                    rx.text(run.tokens, size="1", white_space="nowrap"),
                    rx.text(run.latency, size="1", color_scheme="gray", white_space="nowrap"),
                    rx.text(run.cost, size="1", color_scheme="gray", white_space="nowrap"),
                    gap="4px 10px", align="center", wrap="wrap"),
            rx.cond(run.fallback != "", rx.text(run.fallback, size="1", color_scheme="amber",
                                                word_break="break-word")),
            rx.cond(run.error != "", rx.text(run.error, size="1", color_scheme="red",
                                              word_break="break-word")),
            spacing="1", flex="1 1 260px", min_width="0"),
        gap="6px 16px", wrap="wrap", width="100%", padding="10px 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        custom_attrs={"data-run": run.id, "data-kind": run.kind})


def run_log() -> rx.Component:
    return section(
        "analyst_settings.section.runs",
        rx.text(T["analyst_settings.runs_intro"], size="2", color_scheme="gray"),
        rx.cond(S.runs.length() > 0,
                rx.vstack(rx.foreach(S.runs, run_entry), spacing="0", width="100%",
                          id="analyst-runs"),
                rx.text(T["analyst_settings.runs_none"], size="2", color_scheme="gray",
                        id="analyst-runs-none")),
        element_id="analyst-runs-card")


def analyst_settings_page() -> rx.Component:
    return shell(
        rx.heading(T["analyst_settings.title"], size="6", margin_bottom="4px"),
        rx.text(T["analyst_settings.intro"], size="2", color_scheme="gray",
                margin_bottom="12px"),
        rx.form(
            rx.vstack(choice(), budget(), instructions(), save_bar(), spacing="3",
                      width="100%"),
            # Not reset on submit: a refused save keeps what was typed.
            on_submit=S.save, key=S.form_key, width="100%"),
        rx.box(run_log(), width="100%", margin_top="12px"),
    )
