"""The agenda in Chromium: a slot clicked books a client found by name, the block dragged to
another professional and time moves, a booking over it shows the conflict in words, and a
second tab of the clinic sees each change live."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from harness.browser import sign_in, wait_for_backend
from harness.clinics import new_company, new_member, service_role

DESK = {"width": 1280, "height": 900}
EVERY_DAY = {day: [{"start": "07:00", "end": "19:00"}]
             for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
FIRST_MINUTE = 7 * 60
PX_PER_MINUTE = 0.8
COLUMN_HEAD = 26


@dataclass
class AgendaClinic:
    company: str
    login: tuple[str, str]
    first: str                  # professionals' ids in users
    second: str
    client: str
    today: str


def agenda_clinic(app_lb, names: tuple[str, str] = ("Dra. Ana Souza", "Dr. Bruno Reis"),
                  clients: tuple[str, ...] = ("Carla Dias",), role: str = "staff"
                  ) -> AgendaClinic:
    """A clinic with two professionals working 07:00-19:00 every day, a 30-minute service and
    `clients`; signed in as the first professional."""
    service = service_role(app_lb)
    company = new_company(service, "Agenda")
    members = [new_member(service, company, role=role if i == 0 else "staff", label="Agenda",
                          full_name=name) for i, name in enumerate(names)]
    ids = []
    for member in members:
        [row] = service.table("users").update({"is_professional": True,
                                                "working_hours": EVERY_DAY}) \
            .eq("auth_user_id", member.user_id).execute().data
        ids.append(row["id"])
    service.table("services").insert({"company_id": company, "name": "Avaliação", "price": 150,
                                      "duration_minutes": 30, "color": "teal"}).execute()
    made = service.table("clients").insert([{"company_id": company, "full_name": name}
                                            for name in clients]).execute().data
    today = datetime.now(ZoneInfo("America/Sao_Paulo")).date().isoformat()
    return AgendaClinic(company, (members[0].email, members[0].password), ids[0], ids[1],
                        made[0]["id"], today)


def open_agenda(page: Page, login: tuple[str, str], path: str = "/agenda") -> None:
    sign_in(page, *login, start=f"/login?next={path}")
    page.wait_for_url(re.compile(r"/agenda"))
    wait_for_backend(page)
    expect(page.locator("#agenda-grid")).to_be_visible()


def column(page: Page, made: AgendaClinic, professional: str):
    return page.locator(f'[data-agenda-col="{made.today}|{professional}"]')


def book(page: Page, made: AgendaClinic, professional: str, at: str, client: str,
         minutes: str | None = None) -> None:
    page.locator(f'[data-slot="{made.today}|{professional}|{at}"]').click()
    expect(page.locator("#booking-dialog")).to_be_visible()
    page.fill("#booking-search", client[:4])
    page.locator("#booking-hits button").first.click()
    expect(page.locator("#booking-client-name")).to_have_text(client)
    if minutes:
        page.fill("#booking-minutes", minutes)
    page.click("#booking-submit")


def test_book_move_conflict_and_live(new_context, app_lb):
    made = agenda_clinic(app_lb)
    first = new_context(viewport=DESK).new_page()
    second = new_context(viewport=DESK).new_page()
    open_agenda(first, made.login)
    open_agenda(second, made.login)

    book(first, made, made.first, "10:00", "Carla Dias")
    expect(first.locator("#booking-dialog")).to_be_hidden()
    expect(first.locator("#agenda-message")).to_contain_text("Carla Dias agendado(a)")
    block = column(first, made, made.first).locator("[data-appointment-id]")
    expect(block).to_have_count(1)
    expect(block).to_contain_text("10:00")
    expect(column(second, made, made.first).locator("[data-appointment-id]")).to_have_count(1)

    # dragged to the other professional at 11:00 (grabbed 5 px below its top)
    target = COLUMN_HEAD + (11 * 60 - FIRST_MINUTE) * PX_PER_MINUTE + 5
    block.drag_to(column(first, made, made.second), source_position={"x": 20, "y": 5},
                  target_position={"x": 30, "y": target})
    moved = column(first, made, made.second).locator("[data-appointment-id]")
    expect(moved).to_contain_text("11:00")
    expect(column(first, made, made.first).locator("[data-appointment-id]")).to_have_count(0)
    expect(column(second, made, made.second).locator("[data-appointment-id]")).to_contain_text(
        "11:00")

    # booking 10:30-11:30 over it: the conflict in words, nothing booked
    book(first, made, made.second, "10:30", "Carla Dias", minutes="60")
    expect(first.locator("#booking-error")).to_contain_text(
        "Horário ocupado: Dr. Bruno Reis já atende Carla Dias (Avaliação)")
    expect(first.locator("#booking-dialog")).to_be_visible()
    first.click("#booking-close")
    expect(column(second, made, made.second).locator("[data-appointment-id]")).to_have_count(1)

    # confirmed from the second tab: the first sees the status
    column(second, made, made.second).locator("[data-appointment-id]").click()
    second.click("#detail-confirm")
    expect(second.locator("#detail-status")).to_have_text("Confirmado")
    appointment = moved.get_attribute("data-appointment-id")
    first.locator(f"#appointment-{appointment}").click()
    expect(first.locator("#detail-status")).to_have_text("Confirmado")
    expect(first.locator("#detail-history")).to_contain_text("Confirmado")
