"""The app as an attacker meets it: another page holding the admin's cookie, another origin
reading answers, a frame, a script that was not ours; and the account flows that end sessions."""
from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_member, service_role
from harness.seed import DEMO_ADMIN, DEMO_COMPANY, DEMO_STAFF
from tests.support.reflex_socket import HandshakeRefused, contains, open_tab


def admin_cookie(app_url: str) -> str:
    signed_in = httpx.post(f"{app_url}/api/auth/login", headers={"origin": app_url},
                           data={"email": DEMO_ADMIN.email, "password": DEMO_ADMIN.password,
                                 "next": "/"})
    assert signed_in.status_code == 303
    return f"omni_session={signed_in.cookies['omni_session']}"


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:{other_port}"])
def test_another_origin_cannot_open_the_socket_with_the_admins_cookie(app_server, origin):
    """Finding 1: a page on another port of the same host (same-site, so the browser sends the
    cookie) or on another site opened the socket and read the clinic's team."""
    cookie = admin_cookie(app_server.url)
    evil = origin.format(other_port=app_server.port + 1)
    with pytest.raises(HandshakeRefused) as refused:
        open_tab(app_server.url, "/team", cookie, evil)
    assert refused.value.status in (400, 403)
    # The same socket from the app's own origin works: the refusal is the origin's.
    deltas = open_tab(app_server.url, "/team", cookie, app_server.url)
    assert contains(deltas, DEMO_STAFF.email)


def test_cors_lets_only_the_apps_origin_read_answers(app_server):
    evil = httpx.get(f"{app_server.url}/api/health", headers={"origin": "http://evil.example"})
    own = httpx.get(f"{app_server.url}/api/health", headers={"origin": app_server.url})
    assert "access-control-allow-origin" not in evil.headers
    assert own.headers["access-control-allow-origin"] == app_server.url
    preflight = httpx.options(f"{app_server.url}/api/v1/messages", headers={
        "origin": "http://evil.example", "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_pages_and_api_answers_carry_the_security_headers(app_server):
    page = httpx.get(f"{app_server.url}/login/", headers={"accept-encoding": "gzip"})
    api = httpx.get(f"{app_server.url}/api/health")
    for response in (page, api):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "strict-transport-security" not in response.headers  # local mode: plain http
    policy = page.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert re.search(r"'sha256-[A-Za-z0-9+/=]{44}'", script_src)  # the page's own scripts
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


def test_a_frame_on_another_page_shows_nothing(page: Page, app_server, page_recorder):
    page.set_content(f'<iframe id="framed" src="{app_server.url}/login/"></iframe>')
    page.wait_for_timeout(1500)
    expect(page.frame_locator("#framed").locator("#email")).to_have_count(0)
    # The browser says why; expected here, so it does not fail the policy check.
    assert any("frame-ancestors 'none'" in v for v in page_recorder.policy_violations)
    page_recorder.policy_violations.clear()


def new_demo_user(app_lb) -> tuple[str, str]:
    """A new Clínica Demo staff member, "Pessoa Sessões": (email, password)."""
    return new_member(service_role(app_lb), DEMO_COMPANY, label="sessoes",
                      full_name="Pessoa Sessões")[:2]


def test_sign_out_everywhere_from_the_account_menu(page: Page, new_context, app_lb):
    """Finding 12: other browsers stayed signed in; the header menu now ends them all."""
    email, password = new_demo_user(app_lb)
    other = new_context().new_page()
    for tab in (page, other):
        sign_in(tab, email, password)
        expect(tab.locator("#whoami-name")).to_have_text("Pessoa Sessões")
    wait_for_backend(page)
    page.click("#account-menu")
    page.click("#menu-logout-everywhere")
    page.click("#menu-logout-everywhere-confirm")
    page.wait_for_url("**/login**")
    other.reload()
    other.wait_for_url("**/login**")
    expect(other.locator("#whoami-name")).to_have_count(0)


def test_changing_the_password_keeps_this_browser_and_ends_the_others(page: Page, new_context,
                                                                     app_lb):
    email, password = new_demo_user(app_lb)
    other = new_context().new_page()
    for tab in (other, page):
        sign_in(tab, email, password)
        expect(tab.locator("#whoami-name")).to_be_visible()
    page.goto("/account")
    wait_for_backend(page)
    page.fill("#account-current_password", password)
    page.fill("#account-new_password", "uma-senha-nova-1")
    page.fill("#account-confirm_password", "uma-senha-nova-2")
    page.click("#change-password")
    expect(page.locator("#account-error")).to_contain_text("não são iguais")
    page.fill("#account-current_password", password)
    page.fill("#account-new_password", "uma-senha-nova-1")
    page.fill("#account-confirm_password", "uma-senha-nova-1")
    page.click("#change-password")
    expect(page.locator("#account-notice")).to_contain_text("Senha alterada")
    page.reload()
    expect(page.locator("#whoami-name")).to_have_text("Pessoa Sessões")
    other.reload()
    other.wait_for_url("**/login**")


def test_the_api_reference_renders_offline_under_the_policy(new_context, app_server):
    """Swagger UI's assets come from the app itself, and its page runs under the same policy as
    every page (its inline bootstrap script allowed by hash, no eval): `new_context` fails the
    test on any policy violation, and any request off the site is refused here."""
    context = new_context()
    outside: list[str] = []
    context.route(re.compile(r"^(?!" + re.escape(app_server.url) + r").*"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(f"{app_server.url}/api/v1/docs")
    expect(page.locator(".opblock-summary-path", has_text="/webhooks/whatsapp").first) \
        .to_be_visible(timeout=15000)
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/messages")).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/webhooks/status").click()
    expect(page.get_by_text("X-Omni-Signature").first).to_be_visible()
    assert outside == []
