"""The pages this work touched, photographed at 1280 px and 390 px in light and dark for a
person to look at (test-artifacts/screens/), and checked for what a receptionist trips on
first: content wider than the screen, and the controls out of reach."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role
from harness.seed import DEMO_ADMIN as ADMIN, DEMO_COMPANY, DEMO_STAFF as STAFF

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
VIEWS = [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")]


def shoot(page: Page, name: str, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A popover or dialog fades in: shot mid-animation, it looks see-through.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running'"
                           " || a.effect.getComputedTiming().iterations === Infinity)")
    page.screenshot(path=SHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_account_team_and_menu(new_context, width, scheme):
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, *ADMIN, start="/login?next=/account")
    page.wait_for_url("**/account**")
    expect(page.locator("#account-email")).to_have_text(ADMIN.email)
    expect(page.locator("#account-full-name")).to_be_visible()
    expect(page.locator("#account-sessions .session-current")).to_be_visible()
    expect(page.locator("#change-password")).to_be_visible()
    expect(page.locator("#logout-everywhere")).to_be_visible()
    shoot(page, "account", width, scheme)
    wait_for_backend(page)
    ends = page.locator("#account-sessions .session-end")
    if ends.count():  # the demo admin is signed in elsewhere (other tests): the confirmation
        ends.first.click()
        expect(page.get_by_role("alertdialog")).to_be_visible()
        shoot(page, "account-end-session", width, scheme)
        page.keyboard.press("Escape")
    wait_for_backend(page)
    page.click("#account-menu")
    expect(page.locator("#menu-logout-everywhere")).to_be_visible()
    shoot(page, "account-menu", width, scheme)
    page.keyboard.press("Escape")

    page.goto("/team")
    wait_for_backend(page)
    page.fill("#invite-email", f"foto-{uuid.uuid4().hex[:6]}@demo.clinic")
    page.click("#invite-submit")
    expect(page.locator("#team-message")).to_be_in_viewport()
    shoot(page, "team-invited", width, scheme)


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_onboarding_with_an_invitation(new_context, app_lb, width, scheme):
    email, password = f"convite-{uuid.uuid4().hex[:8]}@foto.clinic", "convite-foto-1"
    service = service_role(app_lb)
    service.auth.admin.create_user({"email": email, "password": password,
                                    "email_confirm": True})
    admin = service.table("users").select("id").eq("email", ADMIN.email).execute().data[0]
    service.table("team_invitations").insert({
        "company_id": DEMO_COMPANY, "email": email,
        "role": "staff", "invited_by": admin["id"]}).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, email, password)
    page.wait_for_url("**/onboarding**")
    expect(page.locator("#whoami-name")).to_have_text(email)
    expect(page.locator("[id^=accept-invitation-]")).to_be_in_viewport()
    shoot(page, "onboarding-invitation", width, scheme)


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_integrations_with_a_refused_url(new_context, width, scheme):
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, *ADMIN, start="/login?next=/settings/integrations")
    page.wait_for_url("**/settings/integrations**")
    expect(page.locator("#integration-instagram-outbound-url")).to_be_visible()
    wait_for_backend(page)
    page.fill("#integration-instagram-outbound-url", "http://10.0.0.8/webhook")
    page.click("#integration-instagram-outbound-save")
    expect(page.locator("#integration-instagram-outbound-error")).to_be_in_viewport()
    shoot(page, "integrations-refused-url", width, scheme)


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_integrations_secret_on_show_after_a_save_and_the_recipe(new_context, width, scheme):
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, *ADMIN, start="/login?next=/settings/integrations")
    page.wait_for_url("**/settings/integrations**")
    expect(page.locator("#integration-instagram-rotate")).to_be_visible()
    wait_for_backend(page)
    page.click("#integration-instagram-rotate")
    expect(page.locator("#integration-instagram-secret")).to_be_visible()
    page.fill("#integration-instagram-outbound-url", "http://localhost:5678/webhook/foto")
    page.click("#integration-instagram-outbound-save")
    expect(page.locator("#integration-instagram-outbound-saved")).to_be_in_viewport()
    expect(page.locator("#integration-instagram-secret-hide")).to_be_visible()
    page.locator("#integration-instagram-secret-callout").scroll_into_view_if_needed()
    shoot(page, "integrations-secret-after-save", width, scheme)
    page.locator("#integration-instagram").get_by_text("Receita para o n8n").click()
    expect(page.locator("#integration-instagram-workflow-outbound")).to_be_in_viewport()
    shoot(page, "integrations-n8n-recipe", width, scheme)
    page.click("#integration-instagram-secret-hide")


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_sign_in_refused_and_staff_turned_away(new_context, width, scheme):
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, STAFF.email, "not-the-password")
    expect(page.locator("#login-error")).to_be_visible()
    expect(page.locator("#email")).to_have_value(STAFF.email)
    shoot(page, "login-refused", width, scheme)
    page.fill("#password", STAFF.password)
    page.click("#login-submit")
    expect(page.locator("#whoami-role")).to_have_text("Atendente")
    page.goto("/team")
    expect(page.locator("#home-notice")).to_be_in_viewport()
    shoot(page, "home-admins-only", width, scheme)


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_team_with_long_names_and_the_confirmations(new_context, app_lb, width, scheme):
    """Issue 10, item 11: names of 200 characters without a space, a disable that asks first,
    the sign-out everywhere that asks first, and the sign-in page telling a disabled member."""
    service = service_role(app_lb)
    company = new_company(service, "Foto")
    admin = new_member(service, company, role="admin", label="Foto", full_name="Ana" + "a" * 197)
    staff = new_member(service, company, label="FotoStaff", full_name="B" * 200)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    sign_in(page, admin.email, admin.password, start="/login?next=/team")
    page.wait_for_url("**/team**")
    wait_for_backend(page)
    page.fill("#invite-email", f"{'c' * 60}-{uuid.uuid4().hex[:6]}@foto.clinic")
    page.click("#invite-submit")
    expect(page.locator("#team-message")).to_be_visible()
    shoot(page, "team-long-names", width, scheme)
    page.locator(f'[id="member-{staff.email}"] .member-disable').click()
    expect(page.locator("#confirm-disable")).to_be_in_viewport()
    shoot(page, "team-confirm-disable", width, scheme)
    page.click("#confirm-disable-dialog-cancel")

    page.goto("/account")
    wait_for_backend(page)
    page.click("#logout-everywhere")
    expect(page.locator("#account-logout-everywhere-confirm")).to_be_in_viewport()
    shoot(page, "account-confirm-logout-everywhere", width, scheme)

    page.goto("/login?next=%2Finbox&reason=disabled")
    expect(page.locator("#login-reason")).to_be_visible()
    shoot(page, "login-disabled-reason", width, scheme)
