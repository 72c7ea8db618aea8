"""Item 17, the profile page as a browser tab runs it: my name (in the header at once), my
language and theme kept on the server and applied at every load and sign-in, and my signed-in
browsers, this one marked and any other ended on its own."""
from __future__ import annotations

from harness.clinics import new_member
from harness.seed import DEMO_COMPANY
from omni_app import services
from omni_app.state.account import AccountState
from omni_app.state.session import SessionState
from tests.app.conftest import cookie_for, service_client, sync_service_client, tab


async def alive(cookie: str) -> bool:
    return await (await services.current().session_store()).resolve(cookie) is not None


async def account_tab(cookie: str) -> AccountState:
    page = tab(AccountState, cookie, "/account")
    assert await page.require_clinic_member() is None
    assert await page.load() is None
    return page


async def user_metadata(auth_id: str) -> dict:
    return (await (await service_client()).auth.admin.get_user_by_id(auth_id)).user.user_metadata


async def test_my_new_name_is_in_the_header_at_once_and_on_every_load(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="nome", full_name="Ana")
    cookie = await cookie_for(member.email, member.password)
    page = await account_tab(cookie)
    assert page.name_draft == "Ana"

    page.set_name_draft("  Ana   Beatriz  Souza ")
    await page.save_name()

    assert page.user_name == "Ana Beatriz Souza" and page.name_error == ""
    assert page.name_saved == "Nome salvo."
    later = tab(SessionState, cookie)
    await later.require_clinic_member()
    assert later.user_name == "Ana Beatriz Souza"
    assert (await user_metadata(member.user_id))["full_name"] == "Ana Beatriz Souza"


async def test_an_empty_name_is_refused_in_the_readers_language(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="nome", full_name="Bia")
    page = await account_tab(await cookie_for(member.email, member.password))
    page.set_name_draft("   ")
    await page.save_name()
    assert page.name_error == "Escreva um nome (até 200 caracteres)." and page.name_saved == ""
    assert page.user_name == "Bia"


async def test_language_is_kept_applied_at_the_next_sign_in_and_told_to_auth(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="idioma")
    page = await account_tab(await cookie_for(member.email, member.password))
    await page.change_language("en")
    assert (await user_metadata(member.user_id))["locale"] == "en"  # Auth's e-mails follow it
    assert page.sessions[0].device == "Unknown browser on unknown system"  # worded again

    elsewhere = await account_tab(await cookie_for(member.email, member.password))
    assert elsewhere.locale == "en" and elsewhere.tr["account.sessions.current"] == "This device"


async def test_theme_is_kept_and_applied_at_every_load(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="tema")
    cookie = await cookie_for(member.email, member.password)
    page = await account_tab(cookie)
    assert page.theme == "system"
    await page.set_theme("dark")
    await page.set_theme("sepia")  # not a theme: ignored
    later = tab(SessionState, await cookie_for(member.email, member.password))
    await later.require_clinic_member()
    assert later.theme == "dark"


async def test_sessions_list_marks_this_browser_and_ends_another_alone(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="sessoes")
    here = await cookie_for(member.email, member.password)
    there = await cookie_for(member.email, member.password)
    page = await account_tab(here)

    assert [row.current for row in page.sessions] == [True, False]
    first = page.sessions[0]
    # cookie_for signs in as User-Agent "pytest", from 127.0.0.1
    assert first.device == "Navegador desconhecido em sistema desconhecido"
    assert first.address == "127.0.0.1" and first.created.startswith("Entrou em ")
    assert first.last_seen.startswith("Ativo em ")

    await page.end_session(page.sessions[1].id)

    assert not await alive(there) and await alive(here)
    assert [row.current for row in page.sessions] == [True]
    assert page.sessions_message == "Sessão encerrada."


async def test_a_session_can_only_be_ended_by_its_own_user_and_not_this_one(app_env):
    member = new_member(sync_service_client(), DEMO_COMPANY, label="sessoes")
    stranger = new_member(sync_service_client(), DEMO_COMPANY, label="outro")
    theirs = await cookie_for(stranger.email, stranger.password)
    their_id = (await account_tab(theirs)).sessions[0].id
    here = await cookie_for(member.email, member.password)
    page = await account_tab(here)

    await page.end_session(their_id)
    await page.end_session(page.sessions[0].id)  # this browser: "sign out" is the way out
    await page.end_session("not-an-id")

    assert await alive(theirs) and await alive(here)
    assert page.sessions_message == ""
