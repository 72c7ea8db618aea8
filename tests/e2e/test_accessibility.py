"""Every page through axe-core (the version bundled with axe-playwright-python) in Chromium,
light and dark: no serious or critical violation. Signed-out pages, then a clinic's admin on
each signed-in page with data on it (a client, a conversation, the board)."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from harness.browser import sign_in, wait_for_backend
from harness.clinics import against, clinic_with_integration, service_role
from tests.e2e.test_analyst_card import insert_snapshot
from tests.e2e.test_inbox import deliver_message

SIGNED_OUT = ["/login", "/signup", "/forgot"]
SIGNED_IN = ["/", "/inbox", "/inbox/{conversation}", "/clients", "/clients/{client}",
             "/clients/duplicates", "/pipeline", "/pipeline/stages", "/agenda", "/team",
             "/settings/integrations", "/settings/quick-replies", "/settings/templates",
             "/settings/clinic", "/settings/audit", "/settings/services",
             "/settings/professionals", "/settings/analyst",
             "/account", "/no-such-page"]
SERIOUS = {"serious", "critical"}


def problems(page: Page, path: str) -> list[str]:
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running'"
                           " || a.effect.getComputedTiming().iterations === Infinity)")
    found = Axe().run(page).response["violations"]
    return [f"{path}: {v['id']} ({v['impact']}) {v['help']} — "
            + "; ".join(f"{node['target'][0]} {node['html'][:120]}" for node in v["nodes"][:4])
            for v in found if v.get("impact") in SERIOUS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_a_serious_accessibility_violation(new_context, app_lb, app_server, scheme):
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="Axe",
                                     with_admin=True)
    deliver_message(app_server.url, clinic, "Oi, quero marcar uma avaliação", "+5511944440001")
    service = service_role(app_lb)
    conversation = service.table("conversation_threads").select("id,client_id") \
        .eq("company_id", clinic.company_id).execute().data[0]
    insert_snapshot(service, clinic.company_id, conversation["client_id"])  # the card, filled
    page = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
    found: list[str] = []
    for path in SIGNED_OUT:
        page.goto(path)
        wait_for_backend(page)
        found += problems(page, path)
    sign_in(page, clinic.email, clinic.password, start="/login?next=/")
    page.wait_for_url(re.compile(r"/$"))
    for template in SIGNED_IN:
        path = template.format(conversation=conversation["id"], client=conversation["client_id"])
        page.goto(path)
        wait_for_backend(page)
        page.wait_for_load_state("networkidle")
        found += problems(page, path)
    assert found == [], "\n".join(found)
