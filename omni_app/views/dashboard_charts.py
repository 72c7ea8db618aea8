"""The home page's charts (Reflex's built-in Recharts): messages per day by channel, new leads
per week, the funnel by stage, the no-show rate and the revenue per month. Each says so in
words when it has nothing to draw, and carries the same numbers as a table with a caption (a
disclosure under the chart: screen readers and anyone who wants the figures read it)."""
from __future__ import annotations

import reflex as rx

from omni_app.state.dashboard_rows import Chart, Series
from omni_app.state.home import HomeState

S = HomeState
T = S.tr
HEIGHT = 220
AXIS = {"stroke": rx.color("gray", 9), "font_size": 12}
# Recharts 3 makes each chart a focusable "application"; the table under it is the text
# alternative, so the drawing stays out of the tab order and the accessibility tree.
NO_FOCUS = {"accessibilityLayer": False}
COMPACT = ("(value) => new Intl.NumberFormat(undefined, "
           "{notation: 'compact', maximumFractionDigits: 1}).format(value)")
html_table = rx.el.table       # named apart: the layer test takes a table call for a query


def numbers_table(chart: rx.Var[Chart], caption_key: str, element_id: str) -> rx.Component:
    cell = {"padding": "4px 8px", "text_align": "left", "white_space": "nowrap",
            "border_bottom": f"1px solid {rx.color('gray', 4)}"}
    return rx.el.details(
        rx.el.summary(T["dashboard.table.show"], cursor="pointer",
                      font_size="var(--font-size-2)", color=rx.color("gray", 11)),
        rx.box(
            html_table(
                rx.el.caption(T[caption_key], text_align="left", padding="4px 8px",
                              color=rx.color("gray", 11)),
                rx.el.thead(rx.el.tr(rx.foreach(
                    chart.headers, lambda header: rx.el.th(
                        header, scope="col", style={**cell, "white_space": "normal",
                                                    "vertical_align": "bottom"})))),
                rx.el.tbody(rx.foreach(chart.rows, lambda row: rx.el.tr(rx.foreach(
                    row, lambda value: rx.el.td(value, style=cell))))),
                font_size="var(--font-size-1)", border_collapse="collapse", width="100%"),
            overflow_x="auto", max_width="100%", margin_top="6px"),
        width="100%", min_width="0", id=element_id + "-table")


def chart_card(key: str, chart: rx.Var[Chart], drawing: rx.Component,
               element_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T[f"dashboard.{key}.title"], size="3", as_="h3"),
            rx.cond(chart.empty,
                    rx.text(T[f"dashboard.{key}.empty"], size="2", color_scheme="gray",
                            id=element_id + "-empty"),
                    rx.fragment(
                        rx.box(drawing, width="100%", height=f"{HEIGHT}px", min_width="0",
                               aria_hidden="true"),
                        numbers_table(chart, f"dashboard.{key}.caption", element_id))),
            spacing="2", width="100%", min_width="0"),
        width="100%", min_width="0", id=element_id)


def _axes(unit: str = "") -> list[rx.Component]:
    return [rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False,
                                       stroke=rx.color("gray", 5)),
            rx.recharts.x_axis(data_key="label", **AXIS, min_tick_gap=12),
            rx.recharts.y_axis(allow_decimals=False, width=48, unit=unit,
                               tick_formatter=COMPACT, **AXIS),
            rx.recharts.graphing_tooltip(cursor={"fill": rx.color("gray", 3)})]


def _bars(chart: rx.Var[Chart], stack: str = "") -> rx.Component:
    def bar(series: rx.Var[Series]) -> rx.Component:
        return rx.recharts.bar(data_key=series.key, name=series.name, fill=series.color,
                               stack_id=stack or series.key, is_animation_active=False)
    return rx.foreach(chart.series, bar)


def messages() -> rx.Component:
    chart = S.messages_chart
    return chart_card("messages", chart, rx.recharts.bar_chart(
        *_axes(), _bars(chart, stack="messages"),
        rx.recharts.legend(icon_size=10, wrapper_style={"fontSize": "12px"}),
        data=chart.data, height=HEIGHT, custom_attrs=NO_FOCUS,
        margin={"top": 8, "right": 8, "left": 0, "bottom": 0}), "chart-messages")


def simple_bars(key: str, chart: rx.Var[Chart], element_id: str, unit: str = "") -> rx.Component:
    return chart_card(key, chart, rx.recharts.bar_chart(
        *_axes(unit), _bars(chart), data=chart.data, height=HEIGHT, custom_attrs=NO_FOCUS,
        margin={"top": 8, "right": 8, "left": 0, "bottom": 0}), element_id)


def funnel() -> rx.Component:
    """Stages top to bottom in board order, each bar in its stage's color: a sideways bar
    chart reads better than trapezoids when a later stage (won clients) outgrows the first."""
    chart = S.funnel_chart
    return chart_card("funnel", chart, rx.recharts.bar_chart(
        rx.recharts.x_axis(type_="number", allow_decimals=False, hide=True),
        rx.recharts.y_axis(data_key="name", type_="category", width=112, interval=0, **AXIS),
        rx.recharts.graphing_tooltip(cursor={"fill": rx.color("gray", 3)}),
        rx.recharts.bar(
            rx.foreach(chart.data, lambda point: rx.recharts.cell(fill=point["fill"])),
            rx.recharts.label_list(data_key="value", position="right",
                                   fill=rx.color("gray", 12), stroke="none", font_size=12),
            data_key="value", name=T["dashboard.col.clients"], is_animation_active=False),
        data=chart.data, layout="vertical", height=HEIGHT, custom_attrs=NO_FOCUS,
        margin={"top": 4, "right": 36, "left": 0, "bottom": 4}), "chart-funnel")


def charts() -> rx.Component:
    return rx.vstack(
        rx.heading(T["dashboard.charts.title"], size="4", as_="h2"),
        rx.grid(
            messages(),
            simple_bars("leads", S.leads_chart, "chart-leads"),
            funnel(),
            simple_bars("no_shows", S.no_shows_chart, "chart-no-shows", unit="%"),
            rx.cond(S.revenue_shown,
                    simple_bars("revenue", S.revenue_chart, "chart-revenue")),
            columns=rx.breakpoints(initial="1", md="2"), gap="12px", width="100%"),
        spacing="3", width="100%", min_width="0", margin_top="16px")
