"""Issue 10, item 17 in Chromium: the profile page. A new name shows in the header at once; the
language and the theme picked there follow the member to their next sign-in and to another
browser; a browser ended from the sessions list is sent to the sign-in page."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_member, service_role
from harness.seed import DEMO_COMPANY


def open_account(page: Page, member) -> None:
    sign_in(page, member.email, member.password, start="/login?next=/account")
    page.wait_for_url("**/account**")
    wait_for_backend(page)


def pick(page: Page, trigger: str, item: str) -> None:
    page.click(trigger)
    page.get_by_role("option", name=item).click()


def test_a_new_name_shows_in_the_header_at_once(page: Page, app_lb):
    member = new_member(service_role(app_lb), DEMO_COMPANY, label="Perfil", full_name="Ana")
    open_account(page, member)
    expect(page.locator("#account-full-name")).to_have_value("Ana")
    page.fill("#account-full-name", "Ana Beatriz Souza")
    page.click("#account-save-name")
    expect(page.locator("#account-name-saved")).to_have_text("Nome salvo.")
    expect(page.locator("#whoami-name")).to_have_text("Ana Beatriz Souza")
    page.reload()
    expect(page.locator("#whoami-name")).to_have_text("Ana Beatriz Souza")


def test_english_stays_after_a_reload_and_the_next_sign_in(page: Page, app_lb):
    member = new_member(service_role(app_lb), DEMO_COMPANY, label="Idioma")
    open_account(page, member)
    pick(page, "#account-language", "English")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    wait_for_backend(page)
    page.click("#logout")
    page.wait_for_url("**/login**")
    open_account(page, member)
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    expect(page.locator("#account-sessions .session-current")).to_have_text("This device")


def test_the_theme_follows_the_member_to_another_browser(new_context, app_lb):
    member = new_member(service_role(app_lb), DEMO_COMPANY, label="Tema")
    page = new_context(color_scheme="light").new_page()
    open_account(page, member)
    expect(page.locator("html")).to_have_class(re.compile(r"\blight\b"))
    pick(page, "#account-theme", "Escuro")
    expect(page.locator("html")).to_have_class(re.compile(r"\bdark\b"))

    other = new_context(color_scheme="light").new_page()
    open_account(other, member)
    expect(other.locator("html")).to_have_class(re.compile(r"\bdark\b"))
    other.click("#theme-toggle")  # the header's button keeps its choice too
    expect(other.locator("html")).to_have_class(re.compile(r"\blight\b"))
    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"\blight\b"))


def test_ending_another_browser_sends_it_to_the_sign_in_page(new_context, app_lb):
    member = new_member(service_role(app_lb), DEMO_COMPANY, label="Sessao")
    there = new_context().new_page()
    open_account(there, member)
    here = new_context().new_page()
    open_account(here, member)
    rows = here.locator("#account-sessions .session-row")
    expect(rows).to_have_count(2)
    expect(rows.first.locator(".session-current")).to_have_text("Este dispositivo")
    expect(rows.first).to_contain_text("Chrome em Linux")
    rows.nth(1).locator(".session-end").click()
    here.locator("[id^=session-end-confirm-]").click()
    expect(here.locator("#account-sessions-message")).to_have_text("Sessão encerrada.")
    expect(rows).to_have_count(1)

    there.goto("/inbox")
    there.wait_for_url("**/login**")
    here.reload()
    expect(here.locator("#account-sessions .session-row")).to_have_count(1)
