"""The no-show risk photographed for a person to look at (test-artifacts/screens/): home's list
of high-risk visits (one confirmation just sent, a long name with a long reason), the board's
cards with their badges, the agenda's entries and the details dialog; at 1280 and 390 px,
light and dark, each checked for content wider than the screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.clinics import service_role
from tests.e2e.test_no_show_risk import open_risky_home, risky_clinic
from tests.e2e.test_screenshots import SHOTS, VIEWS, shoot


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_risk_on_home_board_and_agenda(new_context, app_lb, width, scheme):
    made = risky_clinic(app_lb)
    joana = made.visits["Joana Prado"]
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_risky_home(page, made.login)
    page.click(f"#risk-send-{joana}")
    expect(page.locator(f"#risk-sent-{joana}")).to_be_visible()
    expect(page.locator(f"#risk-send-{joana}")).to_be_in_viewport()
    shoot(page, "risk-home", width, scheme)
    # the list alone, at its real size (the whole phone page is too tall to read)
    page.locator("#risk-appointments").screenshot(
        path=SHOTS / f"risk-home-list-{width}-{scheme}.png")

    # a second confirmation template: the button asks which one
    service_role(app_lb).table("message_templates").insert({
        "company_id": made.company, "name": "confirmacao_lembrete_curto", "language": "pt_BR",
        "body": "{{1}}, sua consulta é {{2}} às {{3}}. Confirma? Responda SIM ou NÃO.",
        "status": "approved"}).execute()
    maria = made.visits["Maria José da Conceição Gonçalves de Albuquerque"]
    page.click(f"#risk-send-{maria}")
    expect(page.locator("#risk-choose-dialog")).to_be_visible()
    expect(page.locator("#risk-choose-send")).to_be_in_viewport()
    shoot(page, "risk-home-choose", width, scheme)
    page.keyboard.press("Escape")
    expect(page.locator("#risk-choose-dialog")).to_have_count(0)

    page.goto("/pipeline")
    expect(page.locator(f"#card-risk-{made.clients['Joana Prado']}")).to_be_visible()
    shoot(page, "risk-board", width, scheme)

    page.goto("/agenda")
    expect(page.locator("#agenda-grid")).to_be_visible()
    if width > 600:
        page.click("#agenda-view-day")
        expect(page.locator(".agenda-day")).to_have_count(1)
    page.fill("#agenda-date", made.tomorrow)
    expect(page.locator(f"#agenda-day-{made.tomorrow}")).to_be_visible()
    expect(page.locator(f"#agenda-risk-{joana}")).to_be_visible()
    shoot(page, "risk-agenda", width, scheme)
    page.click(f"#appointment-{joana}")
    expect(page.locator("#detail-risk")).to_be_visible()
    shoot(page, "risk-agenda-detail", width, scheme)
