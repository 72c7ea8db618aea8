"""The analyst in Chromium: "Sugerir resposta" puts a draft into the composer and sends nothing;
an admin reaches /settings/analyst from the clinic settings and saves it; the page and the
composer with a draft photographed (test-artifacts/screens/) and checked for content wider
than the screen."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import against, clinic_with_integration, patient_message
from tests.e2e.test_clinic_settings import clinic_with_a_team, open_page
from tests.e2e.test_screenshots import VIEWS, shoot


def clinic_with_a_conversation(app_lb, app_server, label: str, name: str = "Rita Souza"):
    """(service, clinic, conversation id, client id)."""
    service, keyring = against(app_lb, app_server.master_key)
    clinic = clinic_with_integration(service, keyring, label=label, with_admin=True)
    stored = service.rpc("ingest_inbound_message", patient_message(
        clinic.company_id, "Oi! Consigo remarcar minha limpeza para sexta de manhã?",
        name=name)).execute().data
    client_id = service.table("conversation_threads").select("client_id") \
        .eq("id", stored["conversation_id"]).execute().data[0]["client_id"]
    return service, clinic, stored["conversation_id"], client_id


def outbound(service, company_id: str) -> list[dict]:
    return service.table("interactions").select("id").eq("company_id", company_id) \
        .eq("direction", "outbound").execute().data


def open_conversation(page: Page, clinic, conversation_id: str) -> None:
    path = f"/inbox/{conversation_id}"
    sign_in(page, clinic.email, clinic.password, start=f"/login?next={path}")
    page.wait_for_url(re.compile(rf"{path}/?$"))
    wait_for_backend(page)
    expect(page.locator("#composer")).to_be_visible()


def suggest(page: Page) -> None:
    page.click("#suggest-reply")
    expect(page.locator("#composer")).not_to_have_value("")
    expect(page.locator("#suggest-caption")).to_contain_text("Rascunho das regras")


def test_a_suggested_reply_fills_the_composer_and_sends_nothing(page: Page, app_lb,
                                                                 app_server):
    service, clinic, conversation_id, _ = clinic_with_a_conversation(app_lb, app_server,
                                                                      "Sugestao")
    open_conversation(page, clinic, conversation_id)
    suggest(page)
    draft = page.input_value("#composer")
    assert page.locator("#composer").evaluate("box => box === document.activeElement")
    # typed over, then asked again: what staff typed stays, the new draft goes below it
    page.fill("#composer", "Bom dia!")
    page.click("#suggest-reply")
    expect(page.locator("#composer")).to_have_value(f"Bom dia!\n\n{draft}")
    page.wait_for_timeout(500)      # a send would have been queued by now
    assert outbound(service, clinic.company_id) == []
    runs = service.table("ai_reply_runs").select("analyzer") \
        .eq("company_id", clinic.company_id).execute().data
    assert [run["analyzer"] for run in runs] == ["heuristic", "heuristic"]


def choose_analyzer(page: Page, label: str) -> None:
    page.click("#analyst-analyzer")
    page.get_by_role("option", name=label).click()


def test_an_admin_sets_up_the_analyst_from_the_clinic_settings(page: Page, app_lb):
    service, company, admin, _ = clinic_with_a_team(app_lb, "Analista")
    open_page(page, admin, "/settings/clinic")
    page.click("#settings-analyst-manage")
    page.wait_for_url(re.compile(r"/settings/analyst/?$"))
    expect(page.locator("#analyst-key")).to_contain_text("não tem chave de API")
    expect(page.locator("#analyst-budget")).to_have_value("300.000")
    choose_analyzer(page, "Regras: heurística, nunca a IA")
    page.fill("#analyst-model", "gpt-4.1-mini")
    page.fill("#analyst-budget", "1.000")
    page.fill("#analyst-instructions", "Seja breve.")
    expect(page.locator("#analyst-instructions-count")).to_have_text("11/1.000")
    page.click("#analyst-save")
    expect(page.locator("#analyst-message")).to_have_text("Configurações do analista salvas.")
    saved = service.table("settings").select("analyst_analyzer, analyst_model, "
                                             "analyst_monthly_tokens, analyst_instructions") \
        .eq("company_id", company).execute().data
    assert saved == [{"analyst_analyzer": "heuristic", "analyst_model": "gpt-4.1-mini",
                      "analyst_monthly_tokens": 1000, "analyst_instructions": "Seja breve."}]

    page.fill("#analyst-budget", "muitos")
    page.click("#analyst-save")
    expect(page.locator("#analyst-error")).to_contain_text("número inteiro")
    page.reload()
    wait_for_backend(page)
    expect(page.locator("#analyst-budget")).to_have_value("1.000")
    expect(page.locator("#analyst-model")).to_have_value("gpt-4.1-mini")


def planted_runs(service, company_id: str, client_id: str) -> None:
    """A month's worth of runs: the LLM, the rules after a failure, a reply draft."""
    now = datetime.now(timezone.utc)
    base = {"company_id": company_id, "client_id": client_id, "summary": "Resumo",
            "important_flags": {}}
    service.table("ai_context_snapshots").insert([
        {**base, "trigger": "scheduled", "analyzer": "llm", "model": "gpt-4o-mini",
         "tokens_in": 1812, "tokens_out": 243, "latency_ms": 2340, "cost_usd": 0.000418,
         "generated_at": (now - timedelta(hours=3)).isoformat()},
        {**base, "trigger": "conversation_closed", "analyzer": "heuristic",
         "model": "omni-rules-1", "fallback": "llm_failed", "error": "http_503",
         "tokens_in": 0, "tokens_out": 0, "latency_ms": 20012, "cost_usd": 0,
         "generated_at": (now - timedelta(hours=1)).isoformat()}]).execute()
    service.table("ai_reply_runs").insert({
        "company_id": company_id, "client_id": client_id, "analyzer": "llm",
        "model": "gpt-4o-mini", "tokens_in": 950, "tokens_out": 61, "latency_ms": 870,
        "cost_usd": 0.000179}).execute()


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_screens_of_the_analyst_settings_and_a_drafted_reply(new_context, app_lb, app_server,
                                                             width, scheme):
    service, clinic, conversation_id, client_id = clinic_with_a_conversation(
        app_lb, app_server, "Fotoanalista",
        name="Maria José da Conceição Gonçalves de Albuquerque Figueiredo")
    planted_runs(service, clinic.company_id, client_id)
    service.table("settings").upsert({"company_id": clinic.company_id,
                                      "analyst_monthly_tokens": 3000,
                                      "analyst_instructions": "Trate os pacientes por você."},
                                     on_conflict="company_id").execute()
    page = new_context(viewport={"width": width, "height": 900},
                       color_scheme=scheme).new_page()
    open_conversation(page, clinic, conversation_id)
    suggest(page)
    shoot(page, "inbox-suggested-reply", width, scheme)

    page.goto("/settings/analyst")
    wait_for_backend(page)
    expect(page.locator("[data-run]")).to_have_count(4)     # the draft just asked for, too
    expect(page.locator("#analyst-paused")).to_be_visible()  # 3,306 of 3,000 tokens
    shoot(page, "analyst-settings", width, scheme)
