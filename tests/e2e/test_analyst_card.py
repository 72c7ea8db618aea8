"""The analyst's card in Chromium: a receptionist closes a conversation in the inbox and the
client panel (and the client's profile open in another tab) shows the new snapshot without a
reload (the app's job worker ran the analysis and bumped the clinic's counter); on the profile her "Atualizar análise" makes one, and a second
within 12 hours is answered with the recent one, saying so."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from harness.browser import wait_for_backend
from tests.e2e.test_inbox_client_panel import clinic_with_patient, open_conversation
from tests.e2e.test_inbox_day import DESK, PHONE, open_inbox

ANALYSIS = {
    "intent": "reschedule", "sentiment": {"label": "negative", "score": -0.3},
    "no_show_risk": {"level": "high", "reasons": [
        "prior_no_shows:2", "late_cancellations:1", "unanswered_confirmation",
        "Disse que o trabalho pode atrasar a saída na sexta-feira."]},
    "preferences": {"days": ["friday"], "times": ["morning"], "professionals": [],
                    "channel": "whatsapp"},
    "objections": [{"kind": "price", "quote": "achei caro o clareamento, tem parcelamento?"},
                   {"kind": "fear", "quote": "tenho muito medo de sentir dor"}],
    "next_best_action": "Ofereça sexta às 9h com parcelamento em 3x e confirme na véspera "
                        "por WhatsApp.",
    "language": "pt-BR"}
SUMMARY = ("Quer clarear os dentes antes do casamento, em março. Sensível ao frio; já remarcou "
           "duas vezes e pediu lembrete na véspera.")


def insert_snapshot(service, company: str, client_id: str, **columns) -> dict:
    """A snapshot as the analyst stores one (an AI's, unless `columns` say otherwise)."""
    return service.table("ai_context_snapshots").insert({
        "company_id": company, "client_id": client_id, "trigger": "conversation_closed",
        "analyzer": "llm", "model": "gpt-4o-mini", "important_flags": ANALYSIS,
        "summary": SUMMARY, "generated_at": datetime.now(timezone.utc).isoformat(),
        **columns}).execute().data[0]


def test_closing_a_conversation_brings_the_analysis_to_the_panel(new_context, app_lb):
    _, login, talk = clinic_with_patient(app_lb)
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login)
    open_conversation(page, talk["conversation_id"])
    panel = page.locator("#client-panel")
    expect(panel.locator("#panel-snapshot-empty")).to_be_visible()
    profile = page.context.new_page()             # the client's profile, open in another tab
    profile.goto(f"/clients/{talk['client_id']}")
    wait_for_backend(profile)
    expect(profile.locator("#profile-ai-empty")).to_be_visible()

    page.click("#close-conversation")
    expect(page.locator("#reopen-conversation")).to_be_visible()
    # The job worker polls every 2 s; the panel follows the clinic's counter by itself.
    expect(panel.locator("#panel-snapshot-summary")).to_be_visible(timeout=20_000)
    expect(panel.locator("#panel-snapshot-empty")).to_have_count(0)
    expect(panel.locator("#panel-snapshot-made")).to_contain_text(
        re.compile(r"^Gerada em .* por regras \(heurística\) · conversa encerrada$"))
    expect(panel.locator("#panel-snapshot-fallback")).to_have_text(
        "Feita pelas regras: o servidor não tem chave de API da IA.")
    expect(profile.locator("#profile-ai-summary")).to_be_visible()   # that tab followed too
    profile.close()

    # Staff asking again within 12 hours get this one back, and are told why.
    page.click("#panel-snapshot-refresh")
    expect(panel.locator("#panel-snapshot-note")).to_contain_text(
        "só um admin pode forçar outra agora")
    expect(panel.locator("#panel-snapshot-refresh")).to_be_enabled()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESK["width"]


def test_the_profile_card_refreshes_on_request(new_context, app_lb):
    _, login, talk = clinic_with_patient(app_lb)
    page = new_context(viewport=PHONE).new_page()
    open_inbox(page, login, f"/clients/{talk['client_id']}")
    wait_for_backend(page)
    card = page.locator("#profile-ai")
    expect(card.locator("#profile-ai-empty")).to_be_visible()
    card.locator("#profile-ai-refresh").click()
    expect(card.locator("#profile-ai-note")).to_have_text("Análise atualizada.")
    expect(card.locator("#profile-ai-summary")).to_be_visible()
    expect(card.locator("#profile-ai-made")).to_contain_text(
        "por regras (heurística) · pedido da equipe")
    first = card.locator("[data-snapshot-id]").get_attribute("data-snapshot-id")
    card.locator("#profile-ai-refresh").click()
    expect(card.locator("#profile-ai-note")).to_contain_text("Análise recente de ")
    assert card.locator("[data-snapshot-id]").get_attribute("data-snapshot-id") == first
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
