"""Assignees in Chromium: a receptionist assigns a conversation to themself from the pane, at desk
and phone widths, sees their name in the header and on the row, and the Mine filter shows it
(the page never wider than the screen)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.clinics import new_company, new_member, patient_message, service_role
from tests.e2e.test_inbox_day import DESK, PHONE, open_inbox, rows


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_assign_to_me_from_the_pane_and_filter_mine(new_context, app_lb, viewport):
    service = service_role(app_lb)
    company = new_company(service, "Resp")
    member = new_member(service, company, role="staff", label="Resp", full_name="Rita Recepção")
    threads = [service.rpc("ingest_inbound_message", patient_message(
        company, f"Oi {index}", name=f"Paciente {index}", phone=f"+551197777000{index}"))
        .execute().data["conversation_id"] for index in range(2)]
    page = new_context(viewport=viewport).new_page()
    open_inbox(page, (member.email, member.password))
    expect(rows(page)).to_have_count(2)

    page.click(f"#conversation-{threads[0]}")
    page.wait_for_url(f"**/inbox/{threads[0]}")
    expect(page.locator("#pane-assignee")).to_contain_text("Ninguém")
    page.click("#assign-to-me")
    expect(page.locator("#pane-assignee")).to_contain_text("Rita Recepção")
    expect(page.locator("#assign-to-me")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    if viewport is PHONE:
        page.click("#pane-back")
        page.wait_for_url(re.compile(r"/inbox$"))
    expect(page.locator(f"#assignee-{threads[0]}")).to_contain_text("Rita Recepção")
    page.click("#assignee-filter-mine")
    expect(page.locator("#assignee-filter-mine")).to_have_attribute("aria-pressed", "true")
    expect(rows(page)).to_have_count(1)
    expect(page.locator(f"#conversation-{threads[0]}")).to_be_visible()
    expect(page.locator("#inbox-total")).to_have_text("1 conversa")
    page.click("#assignee-filter-unassigned")
    expect(rows(page)).to_have_count(1)
    expect(page.locator(f"#conversation-{threads[1]}")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
