"""The pipeline board and its stages page photographed for a person to look at
(test-artifacts/screens/): long names, tags, an unread conversation, an appointment and an
owner on the cards; each checked for content wider than the screen."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from harness.clinics import service_role
from tests.e2e.test_pipeline import clinic_with_leads, open_board
from tests.e2e.test_screenshots import VIEWS, shoot

LEADS = {"new": ["Maria José da Conceição Gonçalves de Albuquerque Figueiredo", "Zé",
                 "@jújú.estética"],
         "contacted": ["João Gonçalves"], "qualified": ["Ana Lima", "Bruno Costa"],
         "scheduled": ["Carla Dias"], "won": ["Davi Rocha"]}


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_pipeline_board_and_stages(new_context, app_lb, width, scheme):
    company, login, ids = clinic_with_leads(app_lb, LEADS, role="admin")
    service = service_role(app_lb)
    soon = datetime.now(timezone.utc) + timedelta(days=2)
    maria = ids[LEADS["new"][0]]
    service.table("clients").update({"tags": ["implante", "vip", "pagamento-pendente-parcela-3"]}
                                    ).eq("id", maria).execute()
    service.table("conversation_threads").insert({
        "company_id": company, "client_id": maria, "channel": "whatsapp",
        "last_message_at": datetime.now(timezone.utc).isoformat(),
        "last_message_preview": "Oi! Queria saber o valor do clareamento e se tem horário "
                                "no sábado de manhã", "last_message_direction": "inbound",
        "unread_count": 2}).execute()
    service.table("appointments").insert({
        "company_id": company, "client_id": ids["Carla Dias"], "starts_at": soon.isoformat(),
        "ends_at": (soon + timedelta(hours=1)).isoformat()}).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_board(page, login)
    expect(page.locator(f"#card-{maria}")).to_contain_text("Oi! Queria")
    shoot(page, "pipeline-board", width, scheme)
    page.locator(f"#card-menu-{maria}").click()
    expect(page.locator(f"#move-{maria}-won")).to_be_visible()
    shoot(page, "pipeline-move-menu", width, scheme)
    page.keyboard.press("Escape")

    page.goto(page.url.rstrip("/") + "/stages")
    expect(page.locator("#stage-form-new")).to_be_visible()
    shoot(page, "pipeline-stages", width, scheme)
    page.click("#stage-archive-qualified")
    expect(page.locator("#stage-archive-dialog")).to_be_visible()
    shoot(page, "pipeline-stage-archive", width, scheme)
