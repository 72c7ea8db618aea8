"""The profile's privacy section photographed (test-artifacts/screens/) at 1280 and 390 px,
light and dark: the section, the printable summary, the erase confirmation half typed, and the erased profile."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_client_privacy import admin_of, open_profile
from tests.e2e.test_client_profile import clinic_with_a_client
from tests.e2e.test_screenshots import VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_client_privacy(new_context, app_lb, width, scheme):
    company, client, _, _ = clinic_with_a_client(app_lb)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_profile(page, admin_of(app_lb, company), client)
    section = page.locator("#profile-privacy")
    expect(section).to_be_visible()
    section.scroll_into_view_if_needed()
    shoot(page, "client-privacy", width, scheme)
    with page.context.expect_page() as opened:
        page.click("#privacy-export-html")
    summary = opened.value
    expect(summary.locator("#summary-name")).to_be_visible()
    shoot(summary, "client-privacy-summary", width, scheme)
    summary.close()
    page.click("#privacy-erase")
    page.fill("#privacy-erase-typed", "APA")
    expect(page.locator("#privacy-erase-confirm")).to_be_disabled()
    shoot(page, "client-privacy-confirm", width, scheme)
    page.fill("#privacy-erase-typed", "APAGAR")
    page.click("#privacy-erase-confirm")
    expect(page.locator("#profile-erased")).to_be_visible()
    expect(page.locator("#profile-name")).to_have_text("Cliente apagado")
    shoot(page, "client-privacy-erased", width, scheme)
