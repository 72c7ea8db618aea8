"""/clients/duplicates photographed for a person to look at (test-artifacts/screens/): pairs
with long names and missing details, the merge confirmation, and the page after a merge; each
checked for content wider than the screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_client_merge import clinic_with_twins, open_duplicates
from tests.e2e.test_screenshots import VIEWS, shoot

PEOPLE = [("Maria José da Conceição Gonçalves de Albuquerque Figueiredo",
           "Maria José da Conceição Gonçalves de Albuquerque Figueiredo"),
          ("João Gonçalves", "Joao Goncalves"), ("Zé", "Zé")]


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_duplicates_confirmation_and_after_a_merge(new_context, app_lb, width, scheme):
    pairs, login = clinic_with_twins(app_lb, PEOPLE)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_duplicates(page, login)
    expect(page.locator("[id^=pair-]")).to_have_count(3)
    shoot(page, "duplicates-list", width, scheme)

    first, _ = pairs[1]
    page.click(f"#merge-{first}")
    expect(page.locator(f"#merge-dialog-{first}")).to_be_visible()
    shoot(page, "duplicates-confirm", width, scheme)
    page.click(f"#confirm-merge-{first}")
    expect(page.locator("#duplicates-message")).to_be_visible()
    expect(page.locator("[id^=pair-]")).to_have_count(2)
    shoot(page, "duplicates-merged", width, scheme)
