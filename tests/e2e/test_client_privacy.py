"""The profile's privacy section in Chromium: an admin downloads the client's export (the file
arrives and parses), opens the printable summary, then erases the client after typing the
word, and the profile shows the anonymous record; staff never see the section."""
from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_member, service_role
from tests.e2e.test_client_profile import NAME, clinic_with_a_client

DESK = {"width": 1280, "height": 900}


def admin_of(app_lb, company: str) -> tuple[str, str]:
    member = new_member(service_role(app_lb), company, role="admin", label="Lgpd",
                        full_name="Ana Administradora")
    return member.email, member.password


def open_profile(page: Page, login, client: str) -> None:
    sign_in(page, *login, start=f"/login?next=/clients/{client}")
    page.wait_for_url(re.compile(rf"/clients/{client}$"))
    wait_for_backend(page)
    expect(page.locator("#profile-name")).to_have_text(NAME)


def test_admin_exports_then_erases_and_the_profile_shows_it(new_context, app_lb):
    company, client, _, _ = clinic_with_a_client(app_lb)
    context = new_context(viewport=DESK, accept_downloads=True)
    page = context.new_page()
    open_profile(page, admin_of(app_lb, company), client)
    expect(page.locator("#profile-privacy")).to_be_visible()

    with page.expect_download() as arrived:
        page.click("#privacy-export-json")
    download = arrived.value
    assert download.suggested_filename == f"omni-client-{client}.json"
    export = json.loads(open(download.path(), encoding="utf-8").read())
    assert export["client"]["full_name"] == NAME
    assert [m["content"] for m in export["messages"]] == [
        "Oi, boa tarde!", "Queria marcar uma limpeza", "Pode ser quinta de manhã?"]
    assert len(export["appointments"]) == 3 and len(export["payments"]) == 2

    with context.expect_page() as opened:
        page.click("#privacy-export-html")
    summary = opened.value
    expect(summary.locator("#summary-name")).to_have_text(NAME)
    expect(summary.locator("#messages")).to_contain_text("Queria marcar uma limpeza")
    summary.close()

    page.click("#privacy-erase")
    confirm = page.locator("#privacy-erase-confirm")
    expect(page.locator("#privacy-erase-dialog")).to_contain_text(NAME)
    expect(confirm).to_be_disabled()
    page.fill("#privacy-erase-typed", "APAGAR")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.locator("#profile-erased")).to_contain_text("Dados pessoais apagados (LGPD)")
    expect(page.locator("#profile-name")).to_have_text("Cliente apagado")
    expect(page.locator("#profile-phone")).to_have_count(0)
    expect(page.locator("#profile-privacy")).to_have_count(0)
    expect(page.locator("#profile-message-list")).not_to_contain_text("limpeza")
    expect(page.locator("#profile-message-list")).to_contain_text("Mensagem apagada (LGPD)")
    page.reload()
    expect(page.locator("#profile-erased")).to_be_visible()


def test_staff_see_no_privacy_section(new_context, app_lb):
    _, client, _, staff = clinic_with_a_client(app_lb)
    page = new_context(viewport=DESK).new_page()
    open_profile(page, staff, client)
    expect(page.locator("#profile-notes")).to_be_visible()
    expect(page.locator("#profile-privacy")).to_have_count(0)
    expect(page.locator("#privacy-erase")).to_have_count(0)
