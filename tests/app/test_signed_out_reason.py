"""A member disabled by an admin while signed in is sent to the sign-in page with a reason code
the page translates (`?reason=disabled`); the page says only what its closed list knows."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from harness.clinics import new_member
from harness.seed import DEMO_COMPANY
from omni_app.state.home import HomeState
from omni_app.state.login import LoginState
from omni_app.state.team import TeamState
from tests.app.conftest import SEED, cookie_for, sync_service_client, tab
from tests.app.test_states import redirect_target


def login_query(result) -> dict[str, list[str]]:
    target = urlsplit(redirect_target(result))
    assert target.path == "/login", target
    return parse_qs(target.query)


async def signed_in_member_tab(path: str = "/inbox"):
    """A staff member of the demo clinic with a tab that has loaded a private page; their id."""
    member = new_member(sync_service_client(), DEMO_COMPANY, label="Desativado")
    home = tab(HomeState, await cookie_for(member.email, member.password), path)
    assert await home.require_clinic_member() is None
    return home


async def disable(member_id: str) -> None:
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    await admin.set_status(member_id, "disabled")
    assert admin.error == ""


async def test_the_next_action_of_a_disabled_member_lands_on_login_saying_why(app_env):
    home = await signed_in_member_tab("/inbox?c=1")
    await disable(home.user_id)

    query = login_query(await home.load_counters())

    assert query == {"next": ["/inbox?c=1"], "reason": ["disabled"]}
    assert home.user_id == "" and home.user_name == ""


async def test_a_page_load_of_a_disabled_member_says_why_too(app_env):
    home = await signed_in_member_tab()
    await disable(home.user_id)
    assert login_query(await home.require_clinic_member())["reason"] == ["disabled"]


async def test_a_disabled_member_whose_session_was_left_open_is_told_too(app_env):
    """Disabled in the database directly (not through the team page, which ends sessions)."""
    home = await signed_in_member_tab()
    sync_service_client().table("users").update({"status": "disabled"}) \
        .eq("id", home.user_id).execute()
    assert login_query(await home.require_clinic_member())["reason"] == ["disabled"]


async def test_no_reason_for_a_tab_that_was_never_signed_in_or_simply_signed_out(app_env):
    assert "reason" not in login_query(await tab(HomeState, path="/").load_counters())
    home = await signed_in_member_tab()
    signed_out = tab(HomeState, None, "/")   # the same tab once its cookie is gone
    signed_out.user_id = home.user_id
    assert "reason" not in login_query(await signed_out.load_counters())


def test_the_sign_in_page_translates_known_reasons_only():
    login = tab(LoginState, path="/login?next=%2Finbox&reason=disabled")
    assert login.reason_message == "Sua conta foi desativada por um administrador."
    assert "reason=disabled" in login.next_query   # kept by the language links
    login.locale = "es"
    assert login.reason_message == "Tu cuenta fue desactivada por un administrador."
    for forged in ("Sua senha expirou", "<b>x</b>", "error.refused", ""):
        forged_tab = tab(LoginState, path=f"/login?reason={forged}")
        assert forged_tab.reason_message == "" and "reason" not in forged_tab.next_query
