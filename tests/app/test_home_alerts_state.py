"""Issue 10, items 9, 10, 14 and 16 in the states, as the server runs them for a tab (real
sessions, real RLS, the shared-state links Reflex makes): the home page and the alerts follow
the clinic's live counter, revenue stays with those allowed to see it, the getting-started
checklist ticks itself, onboarding asks the owner's name and the time zone, and the 404 page
knows who reads it."""
from __future__ import annotations

import uuid
from contextlib import asynccontextmanager
from datetime import datetime, timezone

import pytest

from omni_app import services
from omni_app.domain import auth
from omni_app.state.alerts import AlertsState, fetch_alerts
from omni_app.state.home import HomeState, fetch_home
from omni_app.state.inbox_live import InboxLive, clinic_token
from omni_app.state.not_found import NotFoundState
from omni_app.state.onboarding import OnboardingState
from tests.app.clinics import inbound, new_clinic
from tests.app.inbox_tabs import Server as Tabs
from tests.app.conftest import cookie_for, joined_member, new_email, service_client, tab
from tests.app.test_states import redirect_target


class Server(Tabs):
    """Tabs of any page (tests/app/inbox_tabs.py), with the home and alerts live steps."""

    def event(self, token: str, cls, cookie: str | None = None, path: str = "/"):
        return self.event_of(cls, token, cookie, path)

    async def sync_home(self, token: str, version: int) -> None:
        """What HomeState.sync_live does, step by step (its lock blocks need a running app)."""
        async with self.event(token, HomeState) as home:
            if not home.loaded or version == home._seen_version:
                return
            home._seen_version = version
            home._seq += 1
            cookie, seq = home._cookie(), home._seq
        fetched = await fetch_home(cookie, seq)
        async with self.event(token, HomeState) as home:
            home._apply(fetched)

    async def sync_alerts(self, token: str, version: int) -> None:
        async with self.event(token, AlertsState) as alerts:
            if not alerts._live or version == alerts._seen_version:
                return
            alerts._seen_version = version
            alerts._seq += 1
            cookie, seq, since = alerts._cookie(), alerts._seq, alerts._read_from()
        fetched = await fetch_alerts(cookie, since, seq)
        async with self.event(token, AlertsState) as alerts:
            alerts._apply(fetched)


@pytest.fixture
async def server():
    async with Server().running() as running:
        yield running


def tab_token() -> str:
    return str(uuid.uuid4())


# -- 9. home counters live ----------------------------------------------------------------------


async def test_home_counters_follow_the_clinics_live_counter(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    home_tab, neighbour = tab_token(), tab_token()
    for token, who in ((home_tab, clinic), (neighbour, other)):
        async with server.event(token, HomeState, who.cookie) as home:
            await home.require_clinic_member()
            assert await home.load_counters() is None
            await home.follow_live()
            assert home._reflex_internal_links[InboxLive.get_full_name()] == \
                clinic_token(who.company_id)
            assert home.counters["unread_messages"] == "0"

    await inbound(clinic.company_id, "Olá, quero marcar", phone="+5511955550001")
    version = await server.publish(clinic.company_id)
    await server.sync_home(home_tab, version)
    async with server.event(home_tab, HomeState) as home:
        assert home.counters["unread_messages"] == "1"
        assert home.counters["open_conversations"] == "1"
    async with server.event(neighbour, HomeState) as home:
        assert home.counters["unread_messages"] == "0"   # another clinic's tab: untouched


async def test_a_stale_home_fetch_never_replaces_a_newer_one(server, app_env):
    clinic = await new_clinic()
    token = tab_token()
    async with server.event(token, HomeState, clinic.cookie) as home:
        await home.require_clinic_member()
        await home.load_counters()
        await home.follow_live()
        stale = await fetch_home(home._cookie(), 1)      # started before the load's read
    await inbound(clinic.company_id, "Oi", phone="+5511955550002")
    async with server.event(token, HomeState) as home:
        newer = await fetch_home(home._cookie(), home._seq + 1)
        home._apply(newer)
        assert home.counters["unread_messages"] == "1"
        home._apply(stale)
        assert home.counters["unread_messages"] == "1"


# -- 16. revenue: staff only if the clinic says so, in the reader's format ------------------


async def _paid(company_id: str, amount: str) -> None:
    service = await service_client()
    client = (await service.table("clients").insert(
        {"company_id": company_id, "full_name": "Pagante"}).execute()).data[0]["id"]
    await service.table("payments").insert({
        "company_id": company_id, "client_id": client, "amount": amount, "method": "pix",
        "status": "paid", "paid_at": datetime.now(timezone.utc).isoformat()}).execute()


@asynccontextmanager
async def home_tab(server, cookie: str):
    """A fresh home page for `cookie` (on_load done), open for one event."""
    token = tab_token()
    async with server.event(token, HomeState, cookie) as home:
        assert await home.require_clinic_member() is None
        assert await home.load_counters() is None
        await home.follow_live()
        yield home


async def test_revenue_is_for_admins_unless_the_clinic_shows_it_to_staff(server, app_env):
    clinic = await new_clinic()
    await _paid(clinic.company_id, "1234.50")
    _, staff_cookie = await joined_member(await clinic.user())

    async with home_tab(server, staff_cookie) as staff:
        assert staff.revenue_shown is False and "revenue_this_month" not in staff.counters
        assert redirect_target(await staff.set_staff_sees_revenue(True)).startswith("/?notice=")

    async with home_tab(server, clinic.cookie) as admin:
        assert admin.revenue_shown and admin.staff_sees_revenue is False
        assert admin.counters["revenue_this_month"] == "R$\xa01.234,50"
        await admin.set_language("en")
        await admin.load_counters()
        assert admin.counters["revenue_this_month"] == "R$1,234.50"
        await admin.set_staff_sees_revenue(True)
        assert admin.staff_sees_revenue is True

    async with home_tab(server, staff_cookie) as staff:
        assert staff.revenue_shown
        assert staff.counters["revenue_this_month"] == "R$\xa01.234,50"


# -- 14. the getting-started checklist ----------------------------------------------------------


async def test_the_checklist_ticks_itself_and_goes_when_done_or_dismissed(server, app_env):
    clinic = await new_clinic()
    async with home_tab(server, clinic.cookie) as home:
        assert home.checklist_shown
        assert [(s.key, s.done) for s in home.steps] == [
            ("channel", False), ("team", False), ("services", False)]
        assert home.steps_done == "0 de 3 concluídos"

    service = await service_client()
    await service.table("services").insert({"company_id": clinic.company_id, "name": "Limpeza",
                                            "price": "120", "duration_minutes": 40}).execute()
    _, staff_cookie = await joined_member(await clinic.user())
    async with home_tab(server, clinic.cookie) as home:
        assert [s.done for s in home.steps] == [False, True, True]

    async with home_tab(server, staff_cookie) as staff:
        assert staff.checklist_shown
        assert redirect_target(await staff.dismiss_checklist()).startswith("/?notice=")

    await service.table("integrations").insert({"company_id": clinic.company_id,
                                                "channel": "whatsapp",
                                                "status": "active"}).execute()
    async with home_tab(server, clinic.cookie) as home:
        assert home.checklist_shown is False        # every step done: it goes by itself


async def test_an_admin_dismisses_the_checklist_for_the_clinic(server, app_env):
    clinic = await new_clinic()
    async with home_tab(server, clinic.cookie) as home:
        assert home.checklist_shown
        assert await home.dismiss_checklist() is None
        assert home.checklist_shown is False
    async with home_tab(server, clinic.cookie) as again:
        assert again.checklist_shown is False


# -- 10. alerts -----------------------------------------------------------------------------------


async def test_alerts_put_unread_in_the_title_and_announce_new_conversations(server, app_env):
    clinic = await new_clinic()
    token = tab_token()
    async with server.event(token, AlertsState, clinic.cookie) as alerts:
        await alerts.start()
        assert (alerts.unread, alerts.tab_title, alerts.browser) == (0, "Omni", False)
        await alerts.set_browser(True)
        await alerts.set_sound(True)
    choices = (await (await clinic.user()).rpc("my_alerts", {}).execute()).data
    assert (choices["browser"], choices["sound"]) == (True, True)

    first = await inbound(clinic.company_id, "Bom dia!", name="Joana Prado",
                          phone="+5511955550003")
    version = await server.publish(clinic.company_id)
    await server.sync_alerts(token, version)
    async with server.event(token, AlertsState) as alerts:
        assert alerts.tab_title == "(1) Omni"
        batch = alerts.batch
        assert (batch.seq, batch.browser, batch.sound) == (1, True, True)
        assert [(n.title, n.body, n.href) for n in batch.notices] == [
            ("Nova conversa: Joana Prado", "Bom dia!", f"/inbox/{first['conversation_id']}")]

    # A change that brings no new message (another tab read a conversation) announces nothing.
    version = await server.publish(clinic.company_id)
    await server.sync_alerts(token, version)
    async with server.event(token, AlertsState) as alerts:
        assert alerts.batch.seq == 1


async def test_alerts_stay_quiet_until_the_user_turns_them_on(server, app_env):
    clinic = await new_clinic()
    token = tab_token()
    async with server.event(token, AlertsState, clinic.cookie) as alerts:
        await alerts.start()
    await inbound(clinic.company_id, "Oi", phone="+5511955550004")
    version = await server.publish(clinic.company_id)
    await server.sync_alerts(token, version)
    async with server.event(token, AlertsState) as alerts:
        assert alerts.tab_title == "(1) Omni"
        assert alerts.batch.seq == 0


async def test_a_signed_out_tab_starts_no_alerts(app_env):
    alerts = tab(AlertsState, None)
    assert await alerts.start() is None
    assert alerts._live is False and alerts.tab_title == "Omni"


# -- 14. onboarding -----------------------------------------------------------------------------


async def _no_clinic_cookie() -> str:
    email, password = new_email(), f"pw-{uuid.uuid4().hex}"
    await (await service_client()).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    return await cookie_for(email, password)


async def test_onboarding_takes_the_browsers_zone_unless_the_user_picked_one(app_env):
    onboarding = tab(OnboardingState, await _no_clinic_cookie(), "/onboarding")
    assert onboarding.chosen_timezone == "America/Sao_Paulo"
    onboarding.use_browser_zone("Not/AZone")
    assert onboarding.chosen_timezone == "America/Sao_Paulo"
    onboarding.use_browser_zone("America/Manaus")
    assert onboarding.chosen_timezone == "America/Manaus"
    assert onboarding.timezone_choices[0].value == "America/Sao_Paulo"   # common ones first
    onboarding.search_timezones("lisboa")
    assert [c.value for c in onboarding.timezone_choices] == ["America/Manaus", "Europe/Lisbon"]
    assert onboarding.timezone_choices[1].label.startswith("Horário Portugal (Lisboa) · UTC")
    onboarding.pick_timezone("Europe/Lisbon")
    onboarding.use_browser_zone("America/Bogota")            # a late browser answer
    assert onboarding.chosen_timezone == "Europe/Lisbon"
    onboarding.search_timezones("sao paulo")
    assert onboarding.timezone_choices[0].value == "Europe/Lisbon"     # the chosen one stays
    assert "America/Sao_Paulo" in [c.value for c in onboarding.timezone_choices]


async def test_onboarding_keeps_the_owners_name_and_zone(app_env):
    cookie = await _no_clinic_cookie()
    onboarding = tab(OnboardingState, cookie, "/onboarding")
    assert await onboarding.require_no_clinic() is None
    await onboarding.load_invitations()
    assert onboarding.owner_name == ""            # no name yet (not the e-mail)
    await onboarding.create_clinic({"name": "Clínica Aurora", "owner_name": "x" * 201})
    assert onboarding.error == onboarding.tr["onboarding.error.owner_name"]
    onboarding.use_browser_zone("America/Mexico_City")
    assert redirect_target(await onboarding.create_clinic(
        {"name": "Clínica Aurora", "owner_name": " Dra. Aurora Lima "})) == "/"
    active = await (await services.current().session_store()).resolve(cookie)
    me = await auth.profile(await services.current().as_user(active.access_token))
    assert (me["full_name"], me["company_timezone"]) == ("Dra. Aurora Lima",
                                                         "America/Mexico_City")


# -- 16. the 404 page -----------------------------------------------------------------------------


async def test_the_404_page_knows_a_signed_in_reader_and_sends_nobody_away(app_env):
    clinic = await new_clinic()
    page = tab(NotFoundState, clinic.cookie, "/nada/aqui")
    assert await page.load() is None
    assert page.company_id == clinic.company_id and page.missing_path == "/nada/aqui"
    stranger = tab(NotFoundState, None, "/nada")
    assert await stranger.load() is None and stranger.company_id == ""
