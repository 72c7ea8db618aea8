"""Signing in and out in a real browser: cookies, redirects, who am I, language."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_member, service_role
from harness.mailbox import latest_link
from harness.seed import DEMO_ADMIN as ADMIN, DEMO_COMPANY, DEMO_STAFF as STAFF


def session_cookie(page: Page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "omni_session"), None)


def test_admin_and_staff_see_their_name_clinic_and_role(page: Page, new_context):
    sign_in(page, *ADMIN)
    expect(page.locator("#whoami-name")).to_have_text("Ana Administradora")
    expect(page.locator("#whoami-clinic")).to_have_text("Clínica Demo")
    expect(page.locator("#whoami-role")).to_have_text("Administrador")
    expect(page.locator("#side-nav-team")).to_be_visible()

    staff = new_context().new_page()
    sign_in(staff, *STAFF)
    expect(staff.locator("#whoami-name")).to_have_text("Sérgio Recepção")
    expect(staff.locator("#whoami-role")).to_have_text("Atendente")  # not the "Equipe" page
    expect(staff.locator("#side-nav-team, #top-nav-team")).to_have_count(0)


def test_wrong_password_shows_an_error_keeps_the_email_and_sets_no_cookie(page: Page):
    sign_in(page, ADMIN.email, "not-the-password")
    expect(page.locator("#login-error")).to_contain_text("E-mail ou senha incorretos")
    expect(page.locator("#email")).to_have_value(ADMIN.email)
    expect(page.locator("#password")).to_have_value("")
    assert session_cookie(page) is None
    assert "demo.clinic" not in page.url  # the e-mail is not written into the address


def test_a_form_sent_before_the_page_has_its_state_still_goes_where_asked(page: Page):
    """The hidden `next` is filled by the page's state; without it (socket not up yet, here
    never) the route follows the sign-in page's own URL."""
    page.route_web_socket(re.compile(r"/_event"), lambda socket: socket.close())
    page.goto("/login?next=/account")
    expect(page.locator("input[name=next]")).to_have_value("")
    page.fill("#email", STAFF[0])
    page.fill("#password", STAFF[1])
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/account/?$"))


def test_the_language_picked_before_signing_in_stays_after(page: Page, app_lb):
    email, password = f"idioma-{uuid.uuid4().hex[:8]}@test.clinic", "idioma-senha-1"
    service_role(app_lb).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    page.goto("/login?next=/onboarding")
    wait_for_backend(page)  # the links carry `next` once the page's state has arrived
    page.click("#lang-es")
    page.wait_for_url(re.compile(r"lang=es"))
    assert "next=%2Fonboarding" in page.url
    expect(page.locator("#login-submit")).to_have_text("Ingresar")
    page.fill("#email", email)
    page.fill("#password", "wrong-password")
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_contain_text("incorrectos")  # still in Spanish
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_url("**/onboarding**")
    expect(page.locator("#create-clinic")).to_contain_text("Crear")


def test_private_url_redirects_to_login_and_back_after_sign_in(page: Page):
    page.goto("/team")
    page.wait_for_url(re.compile(r"/login\?next=%2Fteam"))
    page.fill("#email", ADMIN.email)
    page.fill("#password", ADMIN.password)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/team/?$"))
    expect(page.locator(f'[id="member-{STAFF.email}"]')).to_be_visible()


def test_cookie_is_httponly_and_holds_no_token(page: Page):
    sign_in(page, *STAFF)
    expect(page.locator("#whoami-name")).to_be_visible()
    cookie = session_cookie(page)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert not cookie["value"].startswith("eyJ") and cookie["value"].count(".") == 0
    assert page.evaluate("document.cookie") == ""
    assert "eyJ" not in page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")


def test_session_survives_reload_and_ends_at_logout(page: Page):
    sign_in(page, *STAFF)
    expect(page.locator("#whoami-name")).to_have_text("Sérgio Recepção")
    page.reload()
    expect(page.locator("#whoami-name")).to_have_text("Sérgio Recepção")

    page.click("#logout")
    page.wait_for_url("**/login**")
    assert session_cookie(page) is None
    page.go_back()
    page.wait_for_url("**/login**")
    expect(page.locator("#whoami-name")).to_have_count(0)


def test_staff_cannot_reach_team_by_url(page: Page):
    sign_in(page, *STAFF)
    expect(page.locator("#whoami-name")).to_be_visible()
    page.goto("/team")
    wait_for_backend(page)
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/\?notice=admin_only$"))
    expect(page.locator("#home-notice")).to_have_text(
        "Somente os administradores da clínica podem abrir essa página.")
    expect(page.locator("#invite-email")).to_have_count(0)


def test_admin_invites_a_staff_member_who_then_signs_in(page: Page, new_context, app_lb):
    """Issue 10, item 17: the invitation is e-mailed; its link asks for a password of the
    member's own, then /onboarding offers the invitation."""
    sign_in(page, *ADMIN, start="/login?next=/team")
    page.wait_for_url(re.compile(r"/team/?$"))
    wait_for_backend(page)
    email = f"nova-{uuid.uuid4().hex[:8]}@demo.clinic"
    page.fill("#invite-name", "Nova Pessoa")
    page.fill("#invite-email", email)
    page.click("#invite-submit")
    expect(page.locator("#team-message")).to_contain_text(email)
    expect(page.locator("#invited-password")).to_have_count(0)
    expect(page.locator(f'[id="invitation-{email}"]')).to_be_visible()

    member = new_context().new_page()
    member.goto(latest_link(app_lb, email))
    member.wait_for_url("**/auth/set-password**")
    expect(member.locator("#set-password-submit")).to_be_visible()
    member.fill("#new-password", "minha-senha-nova")
    member.fill("#confirm-password", "minha-senha-nova")
    member.click("#set-password-submit")
    member.wait_for_url("**/onboarding**")
    expect(member.locator("[id^=accept-invitation-]")).to_have_count(1)
    member.locator("[id^=accept-invitation-]").click()
    expect(member.locator("#whoami-name")).to_have_text("Nova Pessoa")
    expect(member.locator("#whoami-role")).to_have_text("Atendente")


def test_new_user_creates_a_clinic_and_lands_in_it(page: Page, app_lb):
    email, password = f"dono-{uuid.uuid4().hex[:8]}@nova.clinic", "dono-password-1"
    service_role(app_lb).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    sign_in(page, email, password)
    page.wait_for_url("**/onboarding**")
    wait_for_backend(page)
    page.fill("#clinic-name", "Clínica Nova Era")
    page.click("#create-clinic")
    expect(page.locator("#whoami-clinic")).to_have_text("Clínica Nova Era")
    expect(page.locator("#whoami-role")).to_have_text("Administrador")


def test_language_switch_changes_the_interface(page: Page, app_lb):
    email, password, _ = new_member(service_role(app_lb), DEMO_COMPANY, label="idioma")
    sign_in(page, email, password)
    expect(page.locator("#logout")).to_have_text("Sair")
    wait_for_backend(page)
    page.click("#language-select")
    page.get_by_role("option", name="English").click()
    expect(page.locator("#logout")).to_have_text("Sign out")
    page.reload()
    expect(page.locator("#logout")).to_have_text("Sign out")


def test_usable_at_phone_width(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, *ADMIN)
    expect(page.locator("#whoami-name")).to_be_visible()
    expect(page.locator("#top-nav-team")).to_be_visible()
    expect(page.locator("#side-nav-team")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
