"""Issue 12, item 6: the home dashboard's numbers (real PostgreSQL, real RLS, one round trip)
on data placed around the clinic's day, week and month boundaries, in a time zone with daylight
saving; another clinic's data never counted; revenue only for those allowed; and confirm /
no-show from the page recorded in the appointment's history, followed by a second tab."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from omni_app.domain import dashboard, home
from omni_app.domain.refusals import Refused
from omni_app.state.dashboard_rows import no_shows_chart
from omni_app.state.home import HomeState
from omni_app.state.inbox_rows import Reader
from omni_app.i18n import CATALOGS
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import joined_member, service_client, tab
from tests.app.test_home_alerts_state import Server

ZONE = "America/New_York"          # daylight saving began on Sunday 8 March 2026, 02:00
NY = ZoneInfo(ZONE)
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=NY)       # a Tuesday


def local(*parts) -> datetime:
    return datetime(*parts, tzinfo=NY)


@pytest.fixture
async def server():
    async with Server().running() as running:
        yield running


async def _client(company_id: str, name: str, created_at: datetime | None = None,
                  stage: str = "new") -> str:
    row = {"company_id": company_id, "full_name": name, "pipeline_stage": stage}
    if created_at is not None:
        row["created_at"] = created_at.isoformat()
    service = await service_client()
    return (await service.table("clients").insert(row).execute()).data[0]["id"]


async def _appointment(company_id: str, client_id: str, starts: datetime, status: str,
                       **more) -> str:
    service = await service_client()
    return (await service.table("appointments").insert({
        "company_id": company_id, "client_id": client_id, "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(minutes=30)).isoformat(), "status": status, **more,
    }).execute()).data[0]["id"]


async def _payment(company_id: str, client_id: str, amount: str, paid_at: datetime,
                   status: str = "paid") -> None:
    service = await service_client()
    await service.table("payments").insert({
        "company_id": company_id, "client_id": client_id, "amount": amount, "method": "pix",
        "status": status, "paid_at": paid_at.isoformat()}).execute()


async def _fill(company_id: str) -> dict[str, str]:
    """The same data for any clinic: messages, leads, appointments and payments on both sides
    of the clinic's midnights (and of the change to daylight saving time)."""
    for when, instagram in ((local(2026, 3, 10, 0, 30), None),      # today
                            (local(2026, 3, 10, 14, 0), "1784"),     # today, Instagram
                            (local(2026, 3, 9, 23, 30), None),       # yesterday
                            (local(2026, 3, 8, 1, 30), None),        # before the change (EST)
                            (local(2026, 3, 8, 3, 30), None),        # after it (EDT)
                            (local(2026, 2, 9, 0, 10), None),        # the first of the 30 days
                            (local(2026, 2, 8, 23, 50), None)):      # one day too old
        await inbound(company_id, "Olá", occurred_at=when, instagram_id=instagram,
                      phone=None if instagram else f"+55119{uuid.uuid4().int % 10**8:08d}")
    ids = {"ana": await _client(company_id, "Ana Prado", local(2026, 3, 9, 0, 5), "qualified"),
           "bia": await _client(company_id, "Bia Lopes", local(2026, 3, 8, 23, 55), "won"),
           "caio": await _client(company_id, "Caio Reis", local(2025, 12, 14, 12, 0), "lost")}
    ana, bia = ids["ana"], ids["bia"]
    for starts, status in ((local(2026, 3, 1, 0, 30), "completed"),
                           (local(2026, 3, 2, 9, 0), "no_show"),
                           (local(2026, 3, 3, 9, 0), "cancelled"),
                           (local(2026, 2, 28, 23, 30), "no_show"),
                           (local(2025, 9, 30, 9, 0), "completed")):        # 7 months ago
        await _appointment(company_id, ana, starts, status)
    # Today on the clinic's clock: 00:15 and 23:45 are today; 23:45 yesterday is not.
    ids["late"] = await _appointment(company_id, bia, local(2026, 3, 10, 23, 45), "scheduled")
    ids["early"] = await _appointment(company_id, ana, local(2026, 3, 10, 0, 15), "confirmed")
    await _appointment(company_id, bia, local(2026, 3, 9, 23, 45), "scheduled")
    await _appointment(company_id, bia, local(2026, 3, 11, 0, 15), "scheduled")
    await _payment(company_id, ana, "100.50", local(2026, 3, 1, 0, 10))        # March
    await _payment(company_id, ana, "200.00", local(2026, 2, 28, 23, 50))      # February
    await _payment(company_id, bia, "999.00", local(2026, 3, 5, 10, 0), status="pending")
    return ids


async def test_the_numbers_follow_the_clinics_clock_and_only_its_data(app_env):
    clinic = await new_clinic("Clínica Nova York", timezone_name=ZONE)
    other = await new_clinic("Clínica Vizinha", timezone_name=ZONE)
    ids = await _fill(clinic.company_id)
    await _fill(other.company_id)           # the same again next door: never counted here

    board = await dashboard.dashboard(await clinic.user(), now=NOW)
    assert board.today == date(2026, 3, 10)

    assert [a.id for a in board.appointments] == [ids["early"], ids["late"]]
    first = board.appointments[0]
    assert (first.client_name, first.status, first.professional_name) == \
        ("Ana Prado", "confirmed", None)

    days = dict(board.messages)
    assert len(board.messages) == 30 and board.messages[0][0] == date(2026, 2, 9)
    assert days[date(2026, 3, 10)] == {"whatsapp": 1, "instagram": 1}
    assert days[date(2026, 3, 9)] == {"whatsapp": 1}
    assert days[date(2026, 3, 8)] == {"whatsapp": 2}              # a 23-hour day, both in it
    assert days[date(2026, 2, 9)] == {"whatsapp": 1}
    assert sum(sum(counts.values()) for counts in days.values()) == 6

    weeks = dict(board.leads)
    assert len(board.leads) == 12 and board.leads[-1][0] == date(2026, 3, 9)   # Mondays
    assert board.leads[0][0] == date(2025, 12, 22)
    assert (weeks[date(2026, 3, 9)], weeks[date(2026, 3, 2)]) == (1, 1)
    assert sum(weeks.values()) == 2           # Caio (December 14th) is older than 12 weeks

    funnel = {each.stage.key: each.count for each in board.funnel}
    assert [each.stage.key for each in board.funnel] == [
        "new", "contacted", "qualified", "scheduled", "won", "lost"]
    assert (funnel["qualified"], funnel["won"], funnel["lost"]) == (1, 1, 1)
    assert funnel["new"] == 7                 # the patients who wrote (one client each)

    months = {m.month: m for m in board.no_shows}
    assert [m.month for m in board.no_shows][0] == date(2025, 10, 1)
    assert (months[date(2026, 3, 1)].completed, months[date(2026, 3, 1)].no_show) == (1, 1)
    assert (months[date(2026, 2, 1)].completed, months[date(2026, 2, 1)].no_show) == (0, 1)
    assert months[date(2026, 3, 1)].rate == 0.5 and months[date(2026, 1, 1)].rate is None

    assert dict(board.revenue) == {date(2025, 10, 1): 0, date(2025, 11, 1): 0,
                                   date(2025, 12, 1): 0, date(2026, 1, 1): 0,
                                   date(2026, 2, 1): Decimal("200.00"),
                                   date(2026, 3, 1): Decimal("100.50")}


async def test_revenue_is_left_out_for_staff_unless_the_clinic_shows_it(app_env):
    clinic = await new_clinic(timezone_name=ZONE)
    await _fill(clinic.company_id)
    _, staff_cookie = await joined_member(await clinic.user())
    staff = tab(HomeState, staff_cookie)
    assert await staff.require_clinic_member() is None
    assert await staff.load_counters() is None
    assert staff.revenue_shown is False and staff.revenue_chart.rows == []
    assert (await dashboard.dashboard(await clinic.user(), now=NOW)).revenue is not None
    assert staff.funnel_chart.rows[2] == ["Qualificado", "1"]       # named as the board does
    await (await clinic.user()).rpc("save_pipeline_stage", {
        "p_key": "qualified", "p_label": "Avaliação marcada", "p_color": "violet"}).execute()
    await home.show_revenue_to_staff(await clinic.user(), clinic.company_id, True)
    assert await staff.load_counters() is None
    assert staff.revenue_shown and len(staff.revenue_chart.rows) == 6
    assert staff.funnel_chart.rows[2] == ["Avaliação marcada", "1"]


def test_the_no_show_rate_reads_as_a_percentage_in_each_language():
    board = dashboard.parsed({
        "today": "2026-03-10", "no_shows": [
            {"month": "2026-02-01", "completed": 0, "no_show": 0},
            {"month": "2026-03-01", "completed": 7, "no_show": 1}]})
    chart = no_shows_chart(board, Reader("pt-BR", ZONE, CATALOGS["pt-BR"]))
    assert chart.rows == [["fevereiro de 2026", "0", "0", "—"],
                          ["março de 2026", "7", "1", "12,5%"]]
    assert [point["rate"] for point in chart.data] == [0, 12.5]
    assert chart.empty is False
    english = no_shows_chart(board, Reader("en", ZONE, CATALOGS["en"]))
    assert english.rows[1] == ["March 2026", "7", "1", "12.5%"]


async def _today_appointment(company_id: str, name: str) -> tuple[str, str]:
    """A scheduled appointment starting now (today on any clinic's clock, as `now` is)."""
    client_id = await _client(company_id, name)
    starts = datetime.now(ZoneInfo("America/Sao_Paulo")).replace(second=0, microsecond=0)
    return client_id, await _appointment(company_id, client_id, starts, "scheduled")


async def test_confirm_and_no_show_from_the_page_are_recorded_and_other_tabs_follow(
        server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    client_id, appointment = await _today_appointment(clinic.company_id, "Joana Prado")
    first, second, stranger = (str(uuid.uuid4()) for _ in range(3))
    for token, who in ((first, clinic), (second, clinic), (stranger, other)):
        async with server.event(token, HomeState, who.cookie) as home:
            assert await home.require_clinic_member() is None
            assert await home.load_counters() is None
            await home.follow_live()

    async with server.event(first, HomeState) as home:
        [row] = home.today
        assert (row.id, row.status, row.can_confirm, row.can_no_show) == \
            (appointment, "scheduled", True, True)
        assert (row.client_name, row.client_href) == ("Joana Prado", f"/clients/{client_id}")
        assert await home.set_status(appointment, "confirmed") is None
        [row] = home.today
        assert (row.status, row.status_label, row.can_confirm) == ("confirmed", "Confirmado",
                                                                   False)
        assert home.today_message == "Joana Prado: agendamento confirmado."
    version = await server.publish(clinic.company_id)      # what announce() sets off
    await server.sync_home(second, version)
    async with server.event(second, HomeState) as home:
        assert home.today[0].status == "confirmed"
        assert await home.set_status(appointment, "no_show") is None
        assert home.today[0].status == "no_show" and not home.today[0].can_no_show

    # The first tab still offers nothing stale that would succeed: a confirm now is refused
    # in words and the list re-read.
    async with server.event(first, HomeState) as home:
        assert await home.set_status(appointment, "confirmed") is None
        assert home.today_error == home.tr["dashboard.error.transition"]
        assert home.today[0].status == "no_show"

    # Another clinic's member cannot touch it.
    async with server.event(stranger, HomeState) as home:
        assert home.today == []
        await home.set_status(appointment, "no_show")
        assert home.today_error == home.tr["dashboard.error.not_found"]

    service = await service_client()
    changes = (await service.table("appointment_status_changes")
               .select("from_status,to_status,changed_by").eq("appointment_id", appointment)
               .order("changed_at").execute()).data
    assert [(c["from_status"], c["to_status"]) for c in changes] == [
        (None, "scheduled"), ("scheduled", "confirmed"), ("confirmed", "no_show")]
    assert {c["changed_by"] for c in changes[1:]} == {clinic.user_id}


async def test_only_confirm_and_no_show_are_offered_from_home(app_env):
    clinic = await new_clinic()
    _, appointment = await _today_appointment(clinic.company_id, "Rui Lima")
    with pytest.raises(Refused) as refused:
        await dashboard.set_status(await clinic.user(), appointment, "cancelled")
    assert refused.value.reason == "status"
    with pytest.raises(Refused) as refused:
        await dashboard.set_status(await clinic.user(), "not-a-uuid", "confirmed")
    assert refused.value.reason == "not_found"
