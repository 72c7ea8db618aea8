"""State handlers as a browser tab runs them: real sessions, real RLS, no browser."""
from __future__ import annotations

from reflex.event import EventSpec

from harness.clinics import new_member
from harness.seed import DEMO_COMPANY
from omni_app import services
from omni_app.domain import auth
from omni_app.state.home import HomeState
from omni_app.state.onboarding import OnboardingState
from omni_app.state.session import SessionState
from omni_app.state.team import TeamState
from tests.app.conftest import (SEED, as_user, cookie_for, join_link, new_email, service_client,
                                sign_in, sync_service_client, tab)


ADMINS_ONLY = "/?notice=admin_only"  # home, with a note that the page was for admins


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
    assert home.role_label == "Atendente" and not home.is_admin
    await home.load_counters()
    assert int(home.counters["open_conversations"]) >= 1


async def test_staff_cannot_reach_team_or_use_its_actions(app_env):
    cookie = await cookie_for(*SEED["staff"])
    staff = tab(TeamState, cookie, "/team")
    assert redirect_target(await staff.require_admin()) == ADMINS_ONLY
    assert redirect_target(await staff.load_members()) == ADMINS_ONLY
    email = new_email()
    assert redirect_target(await staff.invite({"email": email, "role": "admin"})) == \
        ADMINS_ONLY
    home = tab(HomeState, cookie, ADMINS_ONLY)
    assert await home.require_clinic_member() is None
    assert home.notice == "Somente os administradores da clínica podem abrir essa página."
    assert tab(HomeState, cookie, "/?notice=<b>anything</b>").notice == ""
    service = await service_client()
    assert (await service.table("users").select("id").eq("email", email).execute()).data == []


JOINED_PASSWORD = "joined-by-link-1"


async def join_by_invitation(admin: TeamState, email: str, role: str = "staff",
                             full_name: str = "Nova Pessoa") -> str:
    """The admin invites `email` (a new address); the invitee follows the e-mailed link,
    chooses JOINED_PASSWORD, accepts on /onboarding and lands in the clinic. Their cookie."""
    await admin.invite({"email": email, "full_name": full_name, "role": role})
    assert admin.error == "" and admin.invited_by_mail and not admin.invited_password
    cookie = await join_link(email, JOINED_PASSWORD)
    onboarding = tab(OnboardingState, cookie, "/onboarding")
    assert await onboarding.require_no_clinic() is None
    await onboarding.load_invitations()
    [invitation] = onboarding.invitations
    assert redirect_target(await onboarding.accept_invitation(invitation.id)) == "/"
    return cookie


async def test_admin_invites_a_member_who_then_signs_in_and_joins(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    await admin.load_members()
    before = len(admin.members)
    email = new_email()

    cookie = await join_by_invitation(admin, email, full_name="Nova Recepcionista")

    session = await sign_in(email, JOINED_PASSWORD)
    me = await auth.profile(await as_user(session.access_token))
    assert (me["company_name"], me["role"], me["full_name"]) == \
        ("Clínica Demo", "staff", "Nova Recepcionista")
    await admin.load_members()
    assert len(admin.members) == before + 1
    assert email not in {invitation.email for invitation in admin.invitations}
    assert await tab(HomeState, cookie).require_clinic_member() is None
    service = await service_client()
    audit = (await service.table("audit_log").select("action,details")
             .in_("action", ["team.invite", "team.invitation_accepted"])
             .eq("details->>email", email).order("at").execute()).data
    assert audit == [{"action": "team.invite", "details": {"email": email, "role": "staff"}},
                     {"action": "team.invitation_accepted",
                      "details": {"email": email, "role": "staff"}}]


async def test_inviting_says_the_same_whether_or_not_the_address_has_an_account(app_env):
    """Finding 10: the answer used to be "an account with this email already exists"."""
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    answers = []
    for email in (SEED["other"].email, new_email()):
        await admin.invite({"email": email, "role": "staff"})
        answers.append((admin.error, admin.message.replace(email, "<email>"),
                        admin.invited_password, admin.invited_by_mail))
    assert answers[0] == answers[1] == \
        ("", admin.tr["team.invite.mailed"].format(email="<email>"), "", True)
    assert {SEED["other"].email} <= {i.email for i in admin.invitations}
    # The other clinic's admin belongs to a clinic: the invitation waits, nothing changes.
    other = tab(HomeState, await cookie_for(*SEED["other"]))
    assert await other.require_clinic_member() is None and other.clinic_name == "Clínica Outra"


async def test_an_existing_user_without_a_clinic_accepts_on_their_next_sign_in(app_env):
    email, password = new_email(), "already-here-1"
    await (await service_client()).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    await admin.invite({"email": email, "role": "admin"})

    cookie = await cookie_for(email, password)   # their own password: the temporary one is unused
    onboarding = tab(OnboardingState, cookie, "/onboarding")
    await onboarding.load_invitations()
    assert [i.text for i in onboarding.invitations] == [
        onboarding.tr["onboarding.invitation"].format(clinic="Clínica Demo",
                                                      role=onboarding.tr["role.admin"])]
    await onboarding.accept_invitation(onboarding.invitations[0].id)
    home = tab(HomeState, cookie)
    assert await home.require_clinic_member() is None
    assert (home.clinic_name, home.role) == ("Clínica Demo", "admin")


async def test_a_revoked_invitation_cannot_be_accepted(app_env):
    email, password = new_email(), "already-here-2"
    await (await service_client()).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    await admin.invite({"email": email, "role": "staff"})
    invitation = next(i for i in admin.invitations if i.email == email)
    onboarding = tab(OnboardingState, await cookie_for(email, password), "/onboarding")
    await onboarding.load_invitations()

    await admin.revoke_invitation(invitation.id)

    assert await onboarding.accept_invitation(invitation.id) is None
    assert onboarding.error == onboarding.tr["onboarding.error.not_found"]
    assert onboarding.invitations == []


async def test_disabling_a_member_ends_their_sessions_and_blocks_sign_in(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    email = new_email()
    member_cookie = await join_by_invitation(admin, email, full_name="Temporária")
    await admin.load_members()
    member = next(m for m in admin.members if m.email == email)

    await admin.set_status(member.id, "disabled")

    assert admin.error == ""
    assert await (await services.current().session_store()).resolve(member_cookie) is None
    disabled_tab = tab(HomeState, member_cookie)
    assert redirect_target(await disabled_tab.require_clinic_member()).startswith("/login")
    await admin.set_status(member.id, "active")
    assert next(m for m in admin.members if m.email == email).status == "active"


async def test_admin_changes_a_role_but_not_their_own(app_env):
    admin = tab(TeamState, await cookie_for(*SEED["admin"]), "/team")
    email = new_email()
    await join_by_invitation(admin, email)
    await admin.load_members()
    member = next(m for m in admin.members if m.email == email)

    await admin.set_role(member.id, "admin")
    assert next(m for m in admin.members if m.email == email).role == "admin"

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
    assert onboarding.role_label == ""  # no clinic, no role in one
    await onboarding.create_clinic({"name": "  "})
    assert onboarding.error == onboarding.tr["onboarding.error.name"]
    assert redirect_target(await onboarding.create_clinic(
        {"name": "Clínica Sorriso", "timezone": "America/Manaus"})) == "/"

    home = tab(HomeState, cookie)
    assert await home.require_clinic_member() is None
    assert (home.clinic_name, home.role, home.timezone) == \
        ("Clínica Sorriso", "admin", "America/Manaus")
    assert home.role_label == "Administrador"


async def test_language_choice_is_kept_per_user(app_env):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY, label="lang")
    cookie = await cookie_for(email, password)
    first = tab(SessionState, cookie)
    await first.require_clinic_member()
    assert first.locale == "pt-BR" and first.tr["nav.logout"] == "Sair"

    await first.set_language("es")

    later = tab(SessionState, cookie)
    await later.require_clinic_member()
    assert later.locale == "es" and later.tr["nav.logout"] == "Salir"
