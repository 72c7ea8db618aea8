"""The pipeline board in Chromium: a card dragged to another column with the mouse and another
moved with the keyboard ("Move to…" menu), both seen live in a second tab and never on another
clinic's board; a refused move puts the card back and says why; at phone width the board
scrolls sideways inside the page and the menu still moves cards."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import against, clinic_with_integration, new_company, new_member, service_role
from tests.e2e.test_inbox import deliver_message

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1400, "height": 900}


def clinic_with_leads(app_lb, leads: dict[str, list[str]], role: str = "staff"
                      ) -> tuple[str, tuple[str, str], dict[str, str]]:
    """A clinic whose clients are `leads` (stage -> names); (company, login, name -> id)."""
    service = service_role(app_lb)
    company = new_company(service, "Funil")
    member = new_member(service, company, role=role, label="Funil")
    rows = [{"company_id": company, "full_name": name, "pipeline_stage": stage,
             "source_channel": "whatsapp"} for stage, names in leads.items() for name in names]
    made = service.table("clients").insert(rows).execute().data if rows else []
    return company, (member.email, member.password), {row["full_name"]: row["id"]
                                                       for row in made}


def open_board(page: Page, login: tuple[str, str]) -> None:
    sign_in(page, *login, start="/login?next=/pipeline")
    page.wait_for_url(re.compile(r"/pipeline"))
    wait_for_backend(page)
    expect(page.locator("#column-new")).to_be_visible()


def card_in(page: Page, stage: str, client_id: str):
    return page.locator(f"#column-{stage} #card-{client_id}")


def test_mouse_and_keyboard_moves_show_live_in_another_tab(new_context, app_lb):
    _, login, ids = clinic_with_leads(app_lb, {
        "new": ["Ana Lima", "Bruno Costa"], "qualified": ["Carla Dias", "Davi Rocha"]})
    _, stranger_login, stranger_ids = clinic_with_leads(app_lb, {"new": ["Outra Clínica"]})
    first = new_context(viewport=DESK).new_page()
    second = new_context(viewport=DESK).new_page()
    stranger = new_context(viewport=DESK).new_page()
    open_board(first, login)
    open_board(second, login)
    open_board(stranger, stranger_login)
    expect(first.locator("#column-count-new")).to_have_text("2")

    # the mouse: Ana dropped on the upper edge of the second card of "Qualificado"
    order = first.locator("#column-cards-qualified [data-card-id]")
    expect(order).to_have_count(2)
    top, second_card = (order.nth(0).get_attribute("data-card-id"),
                        order.nth(1).get_attribute("data-card-id"))
    first.locator(f"#card-{ids['Ana Lima']}").drag_to(
        first.locator(f"#card-{second_card}"), target_position={"x": 40, "y": 4})
    expect(card_in(first, "qualified", ids["Ana Lima"])).to_be_visible()
    expect(first.locator("#column-cards-qualified [data-card-id]")).to_have_count(3)
    expect(first.locator("#pipeline-message")).to_have_text(
        "Ana Lima movido(a) para Qualificado.")
    expect(order.nth(0)).to_have_attribute("data-card-id", top)
    expect(order.nth(1)).to_have_attribute("data-card-id", ids["Ana Lima"])
    expect(order.nth(2)).to_have_attribute("data-card-id", second_card)
    expect(card_in(second, "qualified", ids["Ana Lima"])).to_be_visible()   # live
    expect(second.locator("#column-count-new")).to_have_text("1")

    # the keyboard: Bruno's menu, "Agendado"
    menu = first.locator(f"#card-menu-{ids['Bruno Costa']}")
    menu.focus()
    first.keyboard.press("Enter")
    item = first.locator(f"#move-{ids['Bruno Costa']}-scheduled")
    expect(item).to_be_visible()
    item.focus()
    first.keyboard.press("Enter")
    expect(card_in(first, "scheduled", ids["Bruno Costa"])).to_be_visible()
    expect(card_in(second, "scheduled", ids["Bruno Costa"])).to_be_visible()   # live
    expect(second.locator("#column-count-new")).to_have_text("0")

    # another clinic: its own lead only, before and after
    wait_for_backend(stranger)
    expect(stranger.locator("[data-card-id]")).to_have_count(1)
    expect(card_in(stranger, "new", stranger_ids["Outra Clínica"])).to_be_visible()


def test_a_refused_move_puts_the_card_back(new_context, app_lb):
    _, login, ids = clinic_with_leads(app_lb, {"new": ["Ana Lima"], "won": ["Carla Dias"]})
    page = new_context(viewport=DESK).new_page()
    open_board(page, login)
    service_role(app_lb).table("clients").delete().eq("id", ids["Ana Lima"]).execute()
    page.locator(f"#card-menu-{ids['Ana Lima']}").click()
    page.locator(f"#move-{ids['Ana Lima']}-won").click()
    expect(page.locator("#pipeline-notice")).to_have_text(
        "Este cliente não existe mais. O funil foi atualizado.")
    expect(card_in(page, "new", ids["Ana Lima"])).to_be_visible()
    expect(page.locator("#column-cards-won [data-card-id]")).to_have_count(1)


def test_phone_width_scrolls_the_board_and_moves_with_the_menu(new_context, app_lb):
    _, login, ids = clinic_with_leads(app_lb, {"new": ["Maria José da Conceição Gonçalves"]})
    page = new_context(viewport=PHONE).new_page()
    open_board(page, login)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    board_width = page.evaluate("document.getElementById('pipeline-board').scrollWidth")
    assert board_width > PHONE["width"]                     # the columns scroll sideways
    page.locator(f"#card-menu-{ids['Maria José da Conceição Gonçalves']}").click()
    page.locator(f"#move-{ids['Maria José da Conceição Gonçalves']}-lost").click()
    expect(card_in(page, "lost", ids["Maria José da Conceição Gonçalves"])).to_be_attached()


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "390"])
def test_admins_rename_add_and_archive_stages_and_the_board_follows(new_context, app_lb,
                                                                     viewport):
    _, login, ids = clinic_with_leads(app_lb, {"contacted": ["Ana Lima"]}, role="admin")
    page = new_context(viewport=viewport).new_page()
    open_board(page, login)
    page.click("#pipeline-manage-stages")
    page.wait_for_url(re.compile(r"/pipeline/stages"))
    wait_for_backend(page)
    page.fill("#stage-new-label", "Avaliação")
    page.click("#stage-add")
    expect(page.locator("#stages-message")).to_contain_text("Avaliação")
    page.fill("#stage-label-won", "Fechado")
    page.click("#stage-save-won")
    expect(page.locator("#stages-message")).to_have_text("Etapa “Fechado” salva.")
    page.click("#stage-archive-contacted")
    expect(page.locator("#stage-archive-dialog")).to_be_visible()
    page.click("#stage-archive-confirm")
    expect(page.locator("#stages-message")).to_have_text(
        "Etapa arquivada (1 cliente(s) movido(s)).")
    expect(page.locator("#stages-archived")).to_contain_text("Em conversa")
    page.click("#stages-back")
    page.wait_for_url(re.compile(r"/pipeline$"))
    wait_for_backend(page)
    expect(page.locator("#column-contacted")).to_have_count(0)
    expect(page.locator("#column-won")).to_contain_text("Fechado")
    expect(page.locator("#pipeline-board")).to_contain_text("Avaliação")
    expect(card_in(page, "new", ids["Ana Lima"])).to_be_attached()


def test_a_new_lead_from_a_webhook_appears_on_an_open_board(new_context, app_lb, app_server):
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="Lead",
                                     with_admin=True)
    page = new_context(viewport=DESK).new_page()
    open_board(page, (clinic.email, clinic.password))
    expect(page.locator("#column-count-new")).to_have_text("0")
    deliver_message(app_server.url, clinic, "Oi, quanto custa um clareamento?", "+5511955550001")
    expect(page.locator("#column-count-new")).to_have_text("1")
    card = page.locator("#column-cards-new [data-card-id]")
    expect(card).to_contain_text("Oi, quanto custa um clareamento?")
    expect(card.get_by_label("Mensagens não lidas")).to_have_text("1")
