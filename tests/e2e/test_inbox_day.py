"""A receptionist's day in Chromium: the list scrolls through every conversation, a phone shows
the list or the conversation with a way back, conversations have their own URL, the keyboard
moves through rows, names are never clipped, and search finds names and message text as people
type them."""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, patient_message, service_role

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
START = datetime.now(timezone.utc) - timedelta(days=1)


def clinic_with_conversations(app_lb, count: int, names=None) -> tuple[str, tuple[str, str], list]:
    """A new clinic whose `count` patients wrote once each, a minute apart (the last newest);
    returns (company, admin login, ingest results oldest first)."""
    service = service_role(app_lb)
    company = new_company(service, "Dia")
    member = new_member(service, company, role="admin", label="Dia")
    rows = []
    for index in range(count):
        name = names[index] if names else f"Paciente {index:03d}"
        rows.append(service.rpc("ingest_inbound_message", patient_message(
            company, f"Mensagem {index}", name=name, phone=f"+55119{index:08d}",
            occurred_at=START + timedelta(minutes=index))).execute().data)
    return company, (member.email, member.password), rows


def open_inbox(page: Page, login: tuple[str, str], path: str = "/inbox") -> None:
    """Signs in and lands on `path` (the inbox unless told)."""
    sign_in(page, *login, start=f"/login?next={path}")
    page.wait_for_url(re.compile(re.escape(path.split("?")[0])))
    wait_for_backend(page)


def rows(page: Page):
    return page.locator("#conversation-list [data-row]")


def test_the_list_scrolls_through_every_conversation_with_its_total(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 63)
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login)
    expect(page.locator("#inbox-total")).to_have_text("63 conversas")
    expect(rows(page)).to_have_count(50)
    page.locator("#load-more").scroll_into_view_if_needed()   # the list loads by itself
    expect(rows(page)).to_have_count(63)
    expect(page.locator("#load-more")).to_have_count(0)
    ids = rows(page).evaluate_all("rows => rows.map(r => r.id)")
    assert ids == [f"conversation-{row['conversation_id']}" for row in reversed(created)]


def test_a_phone_shows_the_list_or_the_conversation_with_a_way_back(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 3)
    newest = created[-1]["conversation_id"]
    page = new_context(viewport=PHONE).new_page()
    open_inbox(page, login)
    expect(rows(page)).to_have_count(3)
    expect(page.locator("#conversation-pane")).to_have_count(0)

    page.click(f"#conversation-{newest}")
    page.wait_for_url(f"**/inbox/{newest}")
    expect(page.locator("#conversation-pane")).to_be_visible()
    expect(page.locator("#inbox-list-column")).to_be_hidden()
    for element in ("#composer", "#send", "#pane-back", "#pane-client"):
        expect(page.locator(element)).to_be_in_viewport(ratio=1)
    send = page.locator("#send").bounding_box()
    assert send["y"] + send["height"] > PHONE["height"] - 100   # the composer sits at the bottom
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.click("#pane-back")
    page.wait_for_url(re.compile(r"/inbox$"))
    expect(page.locator("#inbox-list-column")).to_be_visible()
    expect(page.locator("#conversation-pane")).to_have_count(0)

    page.go_back()                                  # the browser's back reopens it
    page.wait_for_url(f"**/inbox/{newest}")
    expect(page.locator("#pane-client")).to_have_text("Paciente 002")


def test_a_conversation_link_opens_it_and_the_keyboard_moves_through_rows(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 3)
    oldest, middle, newest = (row["conversation_id"] for row in created)
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login, f"/inbox/{middle}")
    page.wait_for_url(f"**/inbox/{middle}")
    expect(page.locator("#pane-client")).to_have_text("Paciente 001")
    expect(page.locator(f"#conversation-{middle}")).to_have_attribute("aria-current", "page")

    page.focus(f"#conversation-{newest}")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#conversation-{middle}")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#conversation-{oldest}")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/inbox/{oldest}")
    expect(page.locator("#pane-client")).to_have_text("Paciente 000")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/inbox$"))
    expect(page.locator("#pane-empty")).to_be_visible()

    page.goto(f"/inbox/{uuid.uuid4()}")                   # no such conversation: said so
    expect(page.locator("#inbox-notice")).to_contain_text("Conversa não encontrada")


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1280", "390"])
def test_names_with_accents_are_not_clipped(new_context, app_lb, viewport):
    names = ["Ção Íñigo Ãgata @jújú", "Ýgor Ólafsson Çeçília Pâmela Gonçalves de Albuquerque"]
    _, login, created = clinic_with_conversations(app_lb, 2, names)
    page = new_context(viewport=viewport).new_page()
    open_inbox(page, login)
    expect(rows(page)).to_have_count(2)
    clipped = page.locator("[data-one-line]").evaluate_all("""els => els
        .filter(el => el.offsetParent !== null)
        .filter(el => el.clientHeight < parseFloat(getComputedStyle(el).fontSize) * 1.3)
        .map(el => el.textContent)""")
    assert clipped == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_search_finds_names_and_message_text_as_people_type(new_context, app_lb):
    service = service_role(app_lb)
    company, login, _ = clinic_with_conversations(app_lb, 2, ["João Conceição", "Zé Ramalho"])
    hit = service.rpc("ingest_inbound_message", patient_message(
        company, "Tenho alergia à anestesia, é um problema?", name="Zé Ramalho",
        phone="+5511900000001", occurred_at=START + timedelta(hours=1))).execute().data
    for minute in range(40):     # the hit is older than the conversation's last page
        service.rpc("ingest_inbound_message", patient_message(
            company, f"mais uma {minute}", phone="+5511900000001",
            occurred_at=START + timedelta(hours=2, minutes=minute))).execute()
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login)

    page.fill("#inbox-search", "joao")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("João Conceição")
    page.fill("#inbox-search", "%")
    expect(page.locator("#inbox-empty")).to_be_visible()

    page.click("#search-mode button:has-text('Mensagens'), #search-mode [value=messages]")
    page.fill("#inbox-search", "ALERGIA anestesia")
    hit_row = page.locator(f"#hit-{hit['interaction_id']}")
    expect(hit_row).to_be_visible()
    expect(hit_row.locator("mark")).to_have_text(["alergia", "anestesia"])
    hit_row.click()
    page.wait_for_url(f"**/inbox/{hit['conversation_id']}?m={hit['interaction_id']}")
    message = page.locator(f"#message-{hit['interaction_id']}")
    expect(message).to_have_attribute("data-focus", "true")
    expect(message).to_be_in_viewport()

    page.reload()                                  # a reload starts without the old search
    wait_for_backend(page)
    expect(page.locator("#inbox-search")).to_have_value("")
    expect(rows(page)).to_have_count(2)


def test_the_composer_counts_near_the_limit_and_never_cuts_text(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 1)
    conversation = created[0]["conversation_id"]
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login, f"/inbox/{conversation}")
    composer, count = page.locator("#composer"), page.locator("#composer-count")
    expect(composer).to_be_visible()
    composer.fill("a" * 3000)
    expect(count).to_be_hidden()
    composer.fill("a" * 4000)
    expect(count).to_have_text("4.000 / 4.096")
    expect(page.locator("#composer-too-long")).to_be_hidden()
    composer.fill("b" * 4100)                       # a paste over the limit stays whole
    assert len(composer.input_value()) == 4100
    expect(page.locator("#composer-too-long")).to_be_visible()
    expect(page.locator("#composer-too-long")).to_contain_text("4.096 caracteres do WhatsApp")
    expect(page.locator("#send")).to_be_disabled()
    composer.press("Enter")
    page.wait_for_timeout(500)
    expect(page.locator("#message-area [data-status]")).to_have_count(0)   # nothing was sent
    assert len(composer.input_value()) == 4100
    composer.fill("Resposta curta")
    expect(page.locator("#send")).to_be_enabled()
    expect(count).to_be_hidden()


def test_a_private_note_and_a_quoted_reply(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 1)
    conversation, asked = created[0]["conversation_id"], created[0]["interaction_id"]
    page = new_context(viewport=PHONE).new_page()
    open_inbox(page, login, f"/inbox/{conversation}")
    expect(page.locator("#composer")).to_be_visible()

    page.click("#composer-mode button:has-text('Nota interna')")
    expect(page.locator("#send")).to_have_text("Salvar nota")
    page.fill("#composer", "Prefere ser chamada de Bia")
    page.click("#send")
    note = page.locator("[data-note=true]")
    expect(note).to_contain_text("Prefere ser chamada de Bia")
    expect(note).to_contain_text("Nota interna")
    expect(page.locator("#send")).to_have_text("Enviar")          # back to replying

    page.click(f"#quote-{asked}")
    expect(page.locator("#quote-bar")).to_contain_text("Mensagem 0")
    page.fill("#composer", "Claro!")
    page.click("#send")
    reply = page.locator("#message-area [data-status]").last
    expect(page.locator("[id^=quote-of-]")).to_contain_text("Mensagem 0")
    expect(reply).to_be_visible()
    expect(page.locator("#quote-bar")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_quick_replies_and_emoji_go_into_the_composer(new_context, app_lb):
    _, login, created = clinic_with_conversations(app_lb, 1, ["Beatriz Lima"])
    conversation = created[0]["conversation_id"]
    page = new_context(viewport=DESK).new_page()
    open_inbox(page, login, "/settings/quick-replies")
    page.fill("#new-shortcut", "confirmar")
    page.fill("#new-body", "Oi {{nome}}, sua consulta está confirmada!")
    page.click("#new-save")
    expect(page.locator("#reply-confirmar")).to_be_visible()

    page.goto(f"/inbox/{conversation}")
    wait_for_backend(page)
    composer = page.locator("#composer")
    composer.click()
    composer.press_sequentially("/con")
    expect(page.locator("#slash-menu")).to_be_visible()
    expect(page.locator("#slash-menu #quick-reply-confirmar")).to_be_visible()
    composer.press("Enter")                          # inserts; does not send
    expect(composer).to_have_value("Oi Beatriz, sua consulta está confirmada!")
    expect(page.locator("#slash-menu")).to_be_hidden()
    expect(page.locator("#message-area [data-status]")).to_have_count(0)

    page.click("#emoji-open")
    page.locator("#emoji-picker button").first.click()
    expect(composer).to_have_value("Oi Beatriz, sua consulta está confirmada!😊")
    page.keyboard.press("Escape")
    page.click("#quick-replies-open")
    expect(page.locator("#quick-replies-picker #quick-reply-confirmar")).to_be_visible()
