"""The inbox photographed for a person to look at (test-artifacts/screens/): the list scrolled
by page, a conversation open (on phones alone on the screen), and message search with its
highlights; each checked for content wider than the screen."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from harness.browser import wait_for_backend
from harness.clinics import patient_message, service_role
from tests.e2e.test_inbox_day import START, clinic_with_conversations, open_inbox
from tests.e2e.test_screenshots import VIEWS, shoot

NAMES = ["Ção Íñigo Ãgata", "Maria José da Conceição Gonçalves de Albuquerque Figueiredo",
         "@jújú.estética", "Zé", "Ana"]


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_inbox_list_conversation_and_search(new_context, app_lb, width, scheme):
    company, login, created = clinic_with_conversations(app_lb, 55, NAMES * 11)
    service = service_role(app_lb)
    talk = created[-1]
    for index, text in enumerate(["Olá! Gostaria de marcar uma avaliação de clareamento.",
                                  "Tenho um pouco de sensibilidade nos dentes, é um problema?",
                                  "Prefiro à tarde, depois das 15h."]):
        service.rpc("ingest_inbound_message", patient_message(
            company, text, phone=f"+55119{54:08d}",
            occurred_at=START + timedelta(hours=2, minutes=index))).execute()
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_inbox(page, login)
    expect(page.locator("#inbox-total")).to_have_text("55 conversas")
    shoot(page, "inbox-list", width, scheme)

    page.click(f"#conversation-{talk['conversation_id']}")
    page.wait_for_url(re.compile(r"/inbox/"))
    expect(page.locator("#composer")).to_be_in_viewport()
    page.click("#assign-to-me")            # the assignee, in the header and on the row
    expect(page.locator("#assign-to-me")).to_have_count(0)
    page.click("#composer-mode button:has-text('Nota interna')")
    page.fill("#composer", "Sensibilidade: sugerir avaliação antes do clareamento.")
    page.click("#send")
    expect(page.locator("[data-note=true]")).to_be_visible()
    page.locator("#message-area [id^=quote-]").first.click()
    page.fill("#composer", "Claro! Temos horário na terça às 15h30.")
    page.click("#send")                    # no integration: fails, and says why
    expect(page.locator("[id^=message-error-]").first).to_be_visible(timeout=10000)
    shoot(page, "inbox-conversation", width, scheme)
    page.fill("#composer", "x" * 4100)
    expect(page.locator("#composer-too-long")).to_be_visible()
    shoot(page, "inbox-composer-too-long", width, scheme)
    page.fill("#composer", "")

    page.goto("/inbox")
    wait_for_backend(page)
    page.click("#search-mode button:has-text('Mensagens')")
    page.fill("#inbox-search", "clareamento")
    expect(page.locator("#hit-list mark").first).to_be_visible()
    shoot(page, "inbox-message-search", width, scheme)


@pytest.mark.parametrize("width, scheme", VIEWS)
def test_quick_replies_page(new_context, app_lb, width, scheme):
    _, login, _ = clinic_with_conversations(app_lb, 1)
    page = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    open_inbox(page, login, "/settings/quick-replies")
    for shortcut, body in [("confirmar", "Oi {{nome}}! Sua consulta na {{clinica}} está "
                                         "confirmada. Qualquer coisa, é só chamar 😊"),
                           ("pix", "Nossa chave Pix é o CNPJ 12.345.678/0001-90.")]:
        page.fill("#new-shortcut", shortcut)
        page.fill("#new-body", body)
        page.click("#new-save")
        expect(page.locator(f"#reply-{shortcut}")).to_be_visible()
        expect(page.locator("#new-body")).to_have_value("")     # saved: the form starts afresh
    page.fill("#new-shortcut", "pix")
    page.fill("#new-body", "de novo")
    page.click("#new-save")
    expect(page.locator("#quick-replies-error")).to_be_visible()
    expect(page.locator("#new-body")).to_have_value("de novo")   # a refusal keeps the text
    shoot(page, "quick-replies", width, scheme)
