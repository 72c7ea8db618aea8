"""The analyst's card photographed for a person to look at (test-artifacts/screens/): an AI's
snapshot with every part (risk reasons, intent, sentiment, objections, next step) in the inbox's
client panel (on phones: scrolled to it in the sheet), and on the profile the rules' snapshot
after the AI failed, with the note a receptionist gets when she asks again within 12 hours.
Each checked for content wider than the screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.browser import wait_for_backend
from harness.clinics import service_role
from tests.e2e.test_analyst_card import insert_snapshot
from tests.e2e.test_inbox_client_panel import clinic_with_patient, open_conversation
from tests.e2e.test_inbox_day import open_inbox
from tests.e2e.test_screenshots import VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_analyst_card(new_context, app_lb, width, scheme):
    company, login, talk = clinic_with_patient(app_lb)
    service = service_role(app_lb)
    insert_snapshot(service, company, talk["client_id"])
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_inbox(page, login)
    open_conversation(page, talk["conversation_id"])
    if width >= 1280:
        panel = page.locator("#client-panel")
    else:
        page.click("#client-panel-open")
        panel = page.locator("#client-panel-sheet")
    card = panel.locator("#panel-snapshot")
    expect(card.locator("[data-objection]")).to_have_count(2)
    expect(card.locator("#panel-snapshot-reasons li")).to_have_count(4)
    card.scroll_into_view_if_needed()
    shoot(page, "analyst-card-panel", width, scheme)

    insert_snapshot(service, company, talk["client_id"], analyzer="heuristic",
                    model="omni-rules-1", fallback="llm_failed", error="http_503",
                    trigger="manual")
    page.goto(f"/clients/{talk['client_id']}")
    wait_for_backend(page)
    profile = page.locator("#profile-ai")
    expect(profile.locator("#profile-ai-fallback")).to_have_text(
        "Feita pelas regras: a IA falhou (erro HTTP 503).")
    profile.locator("#profile-ai-refresh").click()
    expect(profile.locator("#profile-ai-note")).to_contain_text("só um admin")
    shoot(page, "analyst-card-profile", width, scheme)
