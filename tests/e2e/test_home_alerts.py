"""Issue 10 in Chromium: the home counter and the tab title follow a webhook message without a
reload, a browser notification announces it (permission asked once, on the user's click), a new
owner names themself and gets the browser's time zone preselected, and an unknown address shows
the translated 404 inside the shell."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import against, clinic_with_integration, service_role
from tests.e2e.test_inbox import deliver_message

# Stands in for the browser's Notification before any page script runs: records what the page
# shows and how often it asks for permission (which starts as "not asked yet").
NOTIFICATION_SPY = """
(() => {
  window.__notices = [];
  window.__asked = 0;
  class Spy {
    constructor(title, options) { window.__notices.push({title, body: (options || {}).body}); }
    close() {}
    static requestPermission() {
      window.__asked += 1;
      Spy.permission = "granted";
      return Promise.resolve("granted");
    }
  }
  Spy.permission = "default";
  window.Notification = Spy;
})();
"""


def test_a_webhook_message_moves_the_home_counter_title_and_notifies(new_context, app_lb,
                                                                     app_server):
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="Alerta",
                                     with_admin=True)
    context = new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["notifications"])
    context.add_init_script(NOTIFICATION_SPY)
    page = context.new_page()
    sign_in(page, clinic.email, clinic.password, start="/login?next=/")
    page.wait_for_url(re.compile(r"/$"))
    wait_for_backend(page)
    expect(page.locator("#counter-unread_messages")).to_have_text("0")
    expect(page).to_have_title("Omni")

    page.click("#alerts-menu")
    page.click("#alerts-browser")
    expect(page.locator("#alerts-browser")).to_have_attribute("aria-checked", "true")
    page.click("#alerts-browser")                      # off and on again: asked only once
    expect(page.locator("#alerts-browser")).to_have_attribute("aria-checked", "false")
    page.click("#alerts-browser")
    expect(page.locator("#alerts-browser")).to_have_attribute("aria-checked", "true")
    assert page.evaluate("window.__asked") == 1
    page.keyboard.press("Escape")

    deliver_message(app_server.url, clinic, "Quero marcar uma limpeza", "+5511966660001")
    expect(page.locator("#counter-unread_messages")).to_have_text("1")
    expect(page.locator("#counter-open_conversations")).to_have_text("1")
    expect(page).to_have_title("(1) Omni")
    page.wait_for_function("window.__notices.length === 1")
    assert page.evaluate("window.__notices") == [
        {"title": "Nova conversa: Paciente Ao Vivo", "body": "Quero marcar uma limpeza"}]

    # The title follows on every signed-in page; the choice is kept on the server.
    page.click("#side-nav-inbox")
    page.wait_for_url(re.compile(r"/inbox"))
    expect(page).to_have_title("(1) Omni")
    page.reload()
    wait_for_backend(page)
    expect(page).to_have_title("(1) Omni")
    page.click("#alerts-menu")
    expect(page.locator("#alerts-browser")).to_have_attribute("aria-checked", "true")


def test_a_new_owner_names_themself_and_gets_the_browsers_zone(new_context, app_lb):
    service = service_role(app_lb)
    email, password = f"dona-{uuid.uuid4().hex[:8]}@e2e.clinic", "dona-e2e-123"
    service.auth.admin.create_user({"email": email, "password": password,
                                    "email_confirm": True})
    page = new_context(viewport={"width": 1280, "height": 900},
                       timezone_id="America/Manaus").new_page()
    sign_in(page, email, password)
    page.wait_for_url("**/onboarding**")
    wait_for_backend(page)
    expect(page.locator("#timezone")).to_have_value("America/Manaus")

    page.fill("#timezone-search", "lisboa")
    expect(page.locator("#timezone option")).to_have_count(2)  # Manaus (chosen) and Lisbon
    page.select_option("#timezone", "Europe/Lisbon")
    page.fill("#clinic-name", "Clínica Ribeira")
    page.fill("#owner-name", "Dra. Inês Ribeira")
    page.click("#create-clinic")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("#whoami-name")).to_have_text("Dra. Inês Ribeira")
    expect(page.locator("#getting-started")).to_be_visible()
    expect(page.locator("#start-progress")).to_have_text("0 de 3 concluídos")
    row = service.table("users").select("company_id").eq("email", email).execute().data[0]
    company = service.table("companies").select("timezone").eq(
        "id", row["company_id"]).execute().data[0]
    assert company["timezone"] == "Europe/Lisbon"

    page.click("#start-dismiss")
    expect(page.locator("#getting-started")).to_have_count(0)


def test_an_unknown_address_shows_the_404_inside_the_shell(new_context, app_lb, app_server):
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="Perdido",
                                     with_admin=True)
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, clinic.email, clinic.password, start="/login?next=/")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/nao/existe")
    expect(page.locator("#not-found-title")).to_have_text("Página não encontrada")
    expect(page.locator("#not-found-path")).to_have_text("/nao/existe")
    expect(page.locator("#side-nav-inbox")).to_be_visible()       # inside the shell
    page.click("#not-found-home")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("#counter-unread_messages")).to_be_visible()
