"""The client profile photographed for a person to look at (test-artifacts/screens/): a client
with a long name, tags, messages, appointments, payments, a pinned note and a stage change;
and a client with nothing yet and no phone. Each checked for content wider than the screen."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.clinics import service_role
from tests.e2e.test_client_profile import clinic_with_a_client, open_profile_from_list
from tests.e2e.test_screenshots import VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_client_profile(new_context, app_lb, width, scheme):
    company, client, _, login = clinic_with_a_client(app_lb)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_profile_from_list(page, login, client)
    page.fill("#note-body", "Prefere horários de manhã. Tem alergia a dipirona — avisar a "
                            "dentista antes de qualquer procedimento.")
    page.click("#note-add")
    expect(page.locator("#notes > div")).to_have_count(1)
    page.locator("#notes [id^=note-pin-]").first.click()
    expect(page.locator("#notes")).to_contain_text("Fixada")
    page.fill("#note-body", "Pediu orçamento de clareamento.")
    page.click("#note-add")
    expect(page.locator("#notes > div")).to_have_count(2)
    page.click("#profile-stage")
    page.get_by_role("option", name="Agendado").click()
    expect(page.locator("#stage-history")).to_contain_text("Agendado")
    shoot(page, "client-profile", width, scheme)

    service = service_role(app_lb)
    bare = service.table("clients").insert({"company_id": company, "full_name": "Zé",
                                            "instagram_id": "ze.sorriso"}).execute().data[0]["id"]
    page.goto(f"/clients/{bare}")
    page.wait_for_url(re.compile(rf"/clients/{bare}$"))
    expect(page.locator("#profile-name")).to_have_text("Zé")
    expect(page.locator("#profile-send-hint")).to_contain_text("não tem telefone")
    shoot(page, "client-profile-empty", width, scheme)
