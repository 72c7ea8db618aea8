"""The team page's protections in Chromium (issue 10, item 11): long names stay on screen, and
destructive actions ask first ("go back" changes nothing). A member disabled mid-reply:
test_composer_drafts.py."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

# public.users.full_name holds at most 200 characters (the 300 are refused there).
LONG_NAME = "Maria" + "x" * 195


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def status_of(app_lb, email: str) -> str:
    return service_role(app_lb).table("users").select("status").eq("email", email) \
        .execute().data[0]["status"]


def member_row(page: Page, email: str):
    return page.locator(f'[id="member-{email}"]')


@pytest.mark.parametrize("width", [390, 1280])
def test_long_names_end_in_an_ellipsis_and_the_page_stays_on_screen(new_context, app_lb,
                                                                    width):
    service = service_role(app_lb)
    company = new_company(service, "Longo")
    admin = new_member(service, company, role="admin", label="Longo", full_name=LONG_NAME)
    colleague = new_member(service, company, label="Colega", full_name="Y" * 200)
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/team")
    page.wait_for_url("**/team**")
    row = member_row(page, colleague.email)
    expect(row).to_be_visible()
    fits(page, width)
    expect(page.locator("#whoami-name")).to_have_attribute("title", LONG_NAME)
    expect(row.locator(".member-name")).to_have_attribute("title", "Y" * 200)
    button = row.locator(".member-disable").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= width
    page.goto("/account")
    expect(page.locator("#account-name")).to_have_text(LONG_NAME)
    fits(page, width)


def test_disabling_demoting_and_revoking_ask_first(page: Page, app_lb):
    service = service_role(app_lb)
    company = new_company(service, "Confirma")
    admin = new_member(service, company, role="admin", label="Confirma")
    staff = new_member(service, company, label="Staff", full_name="Rosa Atendente")
    other_admin = new_member(service, company, role="admin", label="Outro",
                             full_name="Otávio Admin")
    sign_in(page, admin.email, admin.password, start="/login?next=/team")
    page.wait_for_url("**/team**")
    wait_for_backend(page)
    row = member_row(page, staff.email)

    row.locator(".member-disable").click()
    dialog = page.locator("#confirm-disable-dialog")
    expect(dialog).to_contain_text("Desativar o acesso?")
    expect(dialog).to_contain_text("Rosa Atendente")
    page.click("#confirm-disable-dialog-cancel")
    expect(dialog).to_have_count(0)
    expect(row).to_contain_text("Ativo")
    assert status_of(app_lb, staff.email) == "active"
    row.locator(".member-disable").click()
    page.click("#confirm-disable")
    expect(row).to_contain_text("Desativado")
    assert status_of(app_lb, staff.email) == "disabled"

    demoted = member_row(page, other_admin.email)
    demoted.locator(".member-demote").click()
    expect(page.locator("#confirm-demote-dialog")).to_contain_text("Otávio Admin")
    page.keyboard.press("Escape")
    expect(page.locator("#confirm-demote-dialog")).to_have_count(0)
    expect(demoted).to_contain_text("Administrador")
    demoted.locator(".member-demote").click()
    page.click("#confirm-demote")
    expect(demoted.locator(".member-demote")).to_have_count(0)

    page.fill("#invite-email", "convite-confirma@confirma.clinic")
    page.click("#invite-submit")
    invitation = page.locator('[id="invitation-convite-confirma@confirma.clinic"]')
    invitation.locator(".invitation-revoke").click()
    expect(page.locator("#confirm-revoke-dialog")).to_contain_text(
        "convite-confirma@confirma.clinic")
    page.click("#confirm-revoke-dialog-cancel")
    expect(invitation).to_be_visible()
    invitation.locator(".invitation-revoke").click()
    page.click("#confirm-revoke")
    expect(invitation).to_have_count(0)


def test_sign_out_everywhere_asks_first(page: Page, app_lb):
    service = service_role(app_lb)
    member = new_member(service, new_company(service, "Sair"), label="Sair")
    sign_in(page, member.email, member.password, start="/login?next=/account")
    page.wait_for_url("**/account**")
    wait_for_backend(page)
    page.click("#logout-everywhere")
    expect(page.locator("#account-logout-everywhere-dialog")).to_contain_text(
        "Sair de todos os dispositivos?")
    page.click("#account-logout-everywhere-dialog-cancel")
    expect(page.locator("#account-logout-everywhere-dialog")).to_have_count(0)
    page.reload()
    expect(page.locator("#account-email")).to_have_text(member.email)   # still signed in
    wait_for_backend(page)
    page.click("#account-menu")
    page.click("#menu-logout-everywhere")
    page.click("#menu-logout-everywhere-confirm")
    page.wait_for_url("**/login**")
