"""Issue 10's home, alerts, onboarding and 404 pages photographed at 1280 px and 390 px in light
and dark (test-artifacts/screens/), and checked for content wider than the screen and controls
out of reach. (Beside test_screenshots.py, which other work also extends.)"""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import service_role
from tests.e2e.test_screenshots import VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_onboarding_home_checklist_alerts_and_404(new_context, app_lb, width, scheme):
    service = service_role(app_lb)
    email, password = f"foto-{uuid.uuid4().hex[:8]}@onboarding.clinic", "foto-onboarding-1"
    service.auth.admin.create_user({"email": email, "password": password,
                                    "email_confirm": True})
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                       timezone_id="America/Bogota").new_page()
    sign_in(page, email, password)
    page.wait_for_url("**/onboarding**")
    wait_for_backend(page)
    expect(page.locator("#timezone")).to_have_value("America/Bogota")
    page.fill("#clinic-name", "Clínica Sorriso Pleno da Zona Norte")
    page.fill("#owner-name", "Dra. Maria Conceição de Albuquerque")
    expect(page.locator("#create-clinic")).to_be_visible()
    shoot(page, "onboarding-create", width, scheme)

    page.click("#create-clinic")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("#getting-started")).to_be_visible()
    expect(page.locator("#start-channel a")).to_be_in_viewport()
    expect(page.locator("#staff-sees-revenue")).to_be_visible()
    shoot(page, "home-getting-started", width, scheme)

    page.click("#alerts-menu")
    expect(page.locator("#alerts-sound")).to_be_in_viewport()
    shoot(page, "alerts-panel", width, scheme)
    page.keyboard.press("Escape")

    page.goto("/pagina/que/nao/existe")
    expect(page.locator("#not-found-home")).to_be_in_viewport()
    shoot(page, "not-found", width, scheme)
