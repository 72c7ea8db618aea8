"""The home dashboard's rows and charts from the database's answer: what each chart draws, the
table beside it, the empty states, and which one-click changes a row offers."""
from __future__ import annotations

from omni_app.domain.dashboard import parsed
from omni_app.i18n import CATALOGS
from omni_app.state import dashboard_rows as rows
from omni_app.state.inbox_rows import Reader

PT = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
EN = Reader("en", "America/Sao_Paulo", CATALOGS["en"])


def answer(**parts) -> dict:
    return {"today": "2026-03-10", **parts}


def appointment(status: str, **more) -> dict:
    return {"id": f"a-{status}", "starts_at": "2026-03-10T12:30:00+00:00",
            "ends_at": "2026-03-10T13:00:00+00:00", "status": status, "client_id": "c1",
            "client_name": "Joana Prado", "professional_name": None, "service_name": None,
            "service_color": None, **more}


def test_a_row_offers_only_the_changes_its_status_allows():
    board = parsed(answer(appointments=[appointment(s) for s in (
        "scheduled", "confirmed", "completed", "cancelled", "no_show")]))
    offered = [(r.status, r.can_confirm, r.can_no_show)
               for r in (rows.today_row(a, PT) for a in board.appointments)]
    assert offered == [("scheduled", True, True), ("confirmed", False, True),
                       ("completed", False, False), ("cancelled", False, False),
                       ("no_show", False, False)]
    row = rows.today_row(board.appointments[0], PT)
    assert (row.time, row.client_href, row.professional, row.service) == (
        "09:30", "/clients/c1", "Sem profissional", "Sem serviço")
    assert row.confirm_label == "Confirmar o agendamento de Joana Prado às 09:30"
    assert rows.today_row(board.appointments[0], EN).time == "9:30\u202fAM"


def test_messages_stack_by_channel_with_a_total_per_day():
    board = parsed(answer(messages=[
        {"day": "2026-03-09", "counts": {}},
        {"day": "2026-03-10", "counts": {"whatsapp": 1200, "instagram": 3}}]))
    chart = rows.messages_chart(board, PT)
    assert [s.key for s in chart.series] == ["instagram", "whatsapp"]
    assert [s.name for s in chart.series] == ["Instagram", "WhatsApp"]
    assert chart.data == [{"label": "09/03", "instagram": 0, "whatsapp": 0},
                          {"label": "10/03", "instagram": 3, "whatsapp": 1200}]
    assert chart.headers == ["Dia", "Instagram", "WhatsApp", "Total"]
    assert chart.rows[1] == ["10/03/2026", "3", "1.200", "1.203"]
    assert not chart.empty
    quiet = rows.messages_chart(parsed(answer(messages=[{"day": "2026-03-10", "counts": {}}])),
                                PT)
    assert quiet.empty


def test_the_funnel_names_stages_as_the_board_does_and_revenue_is_money():
    board = parsed(answer(
        funnel=[{"key": "new", "label": None, "color": "blue", "position": 0, "count": 4},
                {"key": "s_x", "label": "Avaliação", "color": "teal", "position": 1,
                 "count": 0}],
        revenue=[{"month": "2026-02-01", "amount": 0},
                 {"month": "2026-03-01", "amount": 1234.5}]))
    funnel = rows.funnel_chart(board, PT)
    assert funnel.rows == [["Novo lead", "4"], ["Avaliação", "0"]]
    assert funnel.data[1] == {"name": "Avaliação", "value": 0, "fill": "var(--teal-9)"}
    revenue = rows.revenue_chart(board, PT, "BRL")
    assert revenue.rows == [["fevereiro de 2026", "R$\xa00,00"],
                            ["março de 2026", "R$\xa01.234,50"]]
    assert [point["revenue"] for point in revenue.data] == [0.0, 1234.5]
    assert rows.revenue_chart(parsed(answer(revenue=None)), PT, "BRL").empty


def test_leads_weeks_are_named_by_their_monday():
    board = parsed(answer(leads=[{"week": "2026-03-02", "count": 0},
                                 {"week": "2026-03-09", "count": 2}]))
    chart = rows.leads_chart(board, EN)
    assert chart.rows == [["3/2/26", "0"], ["3/9/26", "2"]]
    assert chart.headers == ["Week of", "New leads"]
    assert not chart.empty
