"""State handlers as a browser tab runs them: real sessions, real RLS, no browser."""
from __future__ import annotations

from reflex.event import EventSpec

from omni_app import runtime
from omni_app.domain import auth
from omni_app.state.home import HomeState
from omni_app.state.onboarding import OnboardingState
from omni_app.state.session import SessionState
from omni_app.state.team import TeamState
from omni_app.supa import as_user, service_client
from tests.app.conftest import SEED, cookie_for, new_email, tab


def redirect_target(result) -> str:
    assert isinstance(result, EventSpec), result
    return dict((k._js_expr, v._js_expr) for k, v in result.args)["path"].strip('"')


async def test_private_pages_send_a_signed_out_tab_to_login_with_next(app_env):
    home = tab(HomeState, path="/team?x=1")
    assert redirect_target(await home.require_clinic_member()) == "/login?next=%2Fteam%3Fx%3D1"
    assert redirect_target(await home.load_counters()).startswith("/login")


async def test_who_am_i_and_counters_for_the_signed_in_staff(app_env):
    home = tab(HomeState, await cookie_for(*SEED["staff"]))
    assert await home.require_clinic_member() is None
    assert (home.user_name, home.clinic_name, home.role) == \
        ("Sérgio Recepção", "Clínica Demo", "staff")
    assert home.role_label == "Equipe" and not home.is_admin
    await home.load_counters()
    assert int(home.counters["open_conversations"]) >= 1


async def test_staff_cannot_reach_team_or_use_its_actions(app_env):
    cookie = await cookie_for(*SEED["staff"])
    staff = tab(TeamState, cookie, "/team")
    assert redirect_target(await staff.require_admin()) == "/"
    assert redirect_target(await staff.load_members()) == "/"
    email = new_email()
    assert redirect_target(await staff.invite({"email": email, "role": "admin"})) == "/"
    service = await service_client()
    assert (await service.table("users").select("id").eq("email", email).execute()).data == []


async def test_admin_invites_a_member_who_then_signs_in(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    await admin.load_members()
    before = len(admin.members)
    email = new_email()

    await admin.invite({"email": email, "full_name": "Nova Recepcionista", "role": "staff"})

    assert admin.error == "" and admin.invited_password
    assert len(admin.members) == before + 1
    session = await auth.sign_in(email, admin.invited_password)
    me = await auth.profile(await as_user(session.access_token))
    assert (me["company_name"], me["role"], me["full_name"]) == \
        ("Clínica Demo", "staff", "Nova Recepcionista")
    service = await service_client()
    audit = (await service.table("audit_log").select("action,details")
             .eq("action", "team.invite").eq("details->>email", email).execute()).data
    assert audit == [{"action": "team.invite", "details": {"email": email, "role": "staff"}}]

    await admin.invite({"email": email, "role": "staff"})
    assert admin.error == admin.tr["team.invite.error.exists"]


async def test_disabling_a_member_ends_their_sessions_and_blocks_sign_in(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    email = new_email()
    await admin.invite({"email": email, "full_name": "Temporária", "role": "staff"})
    member_cookie = await cookie_for(email, admin.invited_password)
    member = next(m for m in admin.members if m["email"] == email)

    await admin.set_status(member["id"], "disabled")

    assert admin.error == ""
    assert await (await runtime.session_store()).resolve(member_cookie) is None
    disabled_tab = tab(HomeState, member_cookie)
    assert redirect_target(await disabled_tab.require_clinic_member()).startswith("/login")
    await admin.set_status(member["id"], "active")
    assert next(m for m in admin.members if m["email"] == email)["status"] == "active"


async def test_admin_changes_a_role_but_not_their_own(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    email = new_email()
    await admin.invite({"email": email, "role": "staff"})
    member = next(m for m in admin.members if m["email"] == email)

    await admin.set_role(member["id"], "admin")
    assert next(m for m in admin.members if m["email"] == email)["role"] == "admin"

    await admin.set_role(admin.user_id, "staff")
    assert admin.error == admin.tr["team.error.self"]
    assert admin.role == "admin"


async def test_a_user_without_clinic_is_sent_to_onboarding_and_creates_one(app_env):
    email, password = new_email(), "new-user-password"
    service = await service_client()
    await service.auth.admin.create_user({"email": email, "password": password,
                                          "email_confirm": True})
    cookie = await cookie_for(email, password)
    home = tab(HomeState, cookie)
    assert redirect_target(await home.require_clinic_member()) == "/onboarding"

    onboarding = tab(OnboardingState, cookie, "/onboarding")
    assert await onboarding.require_no_clinic() is None
    await onboarding.create_clinic({"name": "  "})
    assert onboarding.error == onboarding.tr["onboarding.error.name"]
    assert redirect_target(await onboarding.create_clinic(
        {"name": "Clínica Sorriso", "timezone": "America/Manaus"})) == "/"

    home = tab(HomeState, cookie)
    assert await home.require_clinic_member() is None
    assert (home.clinic_name, home.role, home.timezone) == \
        ("Clínica Sorriso", "admin", "America/Manaus")


async def test_language_choice_is_kept_per_user(app_env):
    email, password = new_email(), "lang-user-password"
    service = await service_client()
    await service.auth.admin.create_user({
        "email": email, "password": password, "email_confirm": True,
        "app_metadata": {"company_id": "c0000000-0000-4000-8000-000000000001", "role": "staff"}})
    cookie = await cookie_for(email, password)
    first = tab(SessionState, cookie)
    await first.require_clinic_member()
    assert first.locale == "pt-BR" and first.tr["nav.logout"] == "Sair"

    await first.set_language("es")

    later = tab(SessionState, cookie)
    await later.require_clinic_member()
    assert later.locale == "es" and later.tr["nav.logout"] == "Salir"
