"""What the analyzers read: `assemble` keeps only the asked client's rows of the asked clinic
whatever the loader handed it, refuses a missing or erased client, and reads times on the
clinic's clock; `render` stays within its token budget (as `tokens.count` counts) and keeps the
newest messages when it must drop some."""
from __future__ import annotations

import datetime as dt

import pytest

from omni_app.domain.analyst import tokens
from omni_app.domain.analyst.context import MAX_MESSAGES, assemble, render

CLINIC = "11111111-1111-1111-1111-111111111111"
OTHER_CLINIC = "22222222-2222-2222-2222-222222222222"
CLIENT = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
OTHER_CLIENT = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"
NOW = dt.datetime(2026, 12, 7, 13, 0, tzinfo=dt.UTC)


def message(text, hours_ago, company=CLINIC, client=CLIENT, direction="inbound", **extra):
    return {"company_id": company, "client_id": client, "channel": "whatsapp",
            "direction": direction, "content": text,
            "occurred_at": (NOW - dt.timedelta(hours=hours_ago)).isoformat(), **extra}


def appointment(days, status="scheduled", company=CLINIC, client=CLIENT):
    starts = NOW + dt.timedelta(days=days)
    return {"company_id": company, "client_id": client, "status": status,
            "starts_at": starts.isoformat(),
            "created_at": (starts - dt.timedelta(days=10)).isoformat(),
            "service": "Limpeza", "professional": "Dra. Paula", "cancelled_at": None}


def raw(messages=(), appointments=(), **client):
    return {"client": {"id": CLIENT, "company_id": CLINIC, "full_name": "Ana Souza",
                       "stage": "lead", "stage_name": "Lead", "is_lead": True, **client},
            "clinic": {"name": "Clínica Sorriso", "locale": "pt-BR",
                       "timezone": "America/Sao_Paulo", "currency": "BRL"},
            "messages": list(messages), "appointments": list(appointments),
            "payments": {"paid": 100, "pending": 50, "count": 2}}


def test_rows_of_another_client_or_clinic_never_enter():
    ctx = assemble(raw(
        messages=[message("meu", 3), message("outro cliente", 2, client=OTHER_CLIENT),
                  message("outra clínica", 1, company=OTHER_CLINIC),
                  message("sem dono", 1, client=None)],
        appointments=[appointment(2), appointment(3, client=OTHER_CLIENT),
                      appointment(4, company=OTHER_CLINIC)]), CLINIC, CLIENT, NOW)
    assert [m.text for m in ctx.messages] == ["meu"]
    assert len(ctx.visits) == 1 and ctx.visits[0].starts_at == NOW + dt.timedelta(days=2)
    assert "outro cliente" not in render(ctx).text and "outra clínica" not in render(ctx).text


@pytest.mark.parametrize("company, client", [(OTHER_CLINIC, CLIENT), (CLINIC, OTHER_CLIENT)])
def test_a_client_of_another_clinic_or_another_id_is_not_found(company, client):
    with pytest.raises(LookupError):
        assemble(raw(), company, client, NOW)


def test_a_missing_or_erased_client_is_not_found():
    with pytest.raises(LookupError):
        assemble({"client": None, "messages": [message("oi", 1)]}, CLINIC, CLIENT, NOW)
    with pytest.raises(LookupError):
        assemble({}, CLINIC, CLIENT, NOW)
    with pytest.raises(LookupError, match="erased"):
        assemble(raw(erased_at=NOW.isoformat()), CLINIC, CLIENT, NOW)


def test_times_on_the_clinics_clock_messages_oldest_first_and_capped():
    ctx = assemble(raw(messages=[message(f"m{i}", i) for i in range(MAX_MESSAGES + 10)],
                       appointments=[appointment(1)]), CLINIC, CLIENT, NOW)
    assert len(ctx.messages) == MAX_MESSAGES
    assert [m.text for m in ctx.messages][-2:] == ["m1", "m0"]        # the newest kept, last
    assert ctx.now.utcoffset() == dt.timedelta(hours=-3)
    assert ctx.visits[0].starts_at.hour == 10                           # 13:00 UTC
    assert (ctx.first_name, ctx.stage, ctx.payments.pending) == ("Ana", "Lead", 50.0)
    assert len(ctx.upcoming) == 1


@pytest.mark.parametrize("budget", [400, 800, 1500])
def test_render_stays_within_the_budget_keeping_the_newest(budget):
    messages = [message(f"mensagem número {i}: " + "quero marcar uma limpeza " * 8, 200 - i)
                for i in range(200 - MAX_MESSAGES, 200)]
    ctx = assemble(raw(messages=messages, appointments=[appointment(-30, "completed"),
                                                        appointment(3)]), CLINIC, CLIENT, NOW)
    rendered = render(ctx, budget)
    assert tokens.count(rendered.text) <= budget
    assert rendered.tokens <= budget
    assert 0 < rendered.messages < MAX_MESSAGES                  # some dropped, some kept
    kept = [m.text for m in ctx.messages][-rendered.messages:]
    assert all(text[:20] in rendered.text for text in kept)
    dropped = ctx.messages[-rendered.messages - 1].text
    assert dropped.split(":")[0] + ":" not in rendered.text       # the oldest went first
    assert "Appointments (oldest first):" in rendered.text and "completed" in rendered.text


def test_render_with_room_for_everything_keeps_every_message():
    ctx = assemble(raw(messages=[message("oi", 2), message("tudo bem?", 1)]), CLINIC, CLIENT,
                   NOW)
    rendered = render(ctx)
    assert rendered.messages == 2 and "client: oi" in rendered.text
    assert tokens.count(rendered.text) <= rendered.tokens + 1
