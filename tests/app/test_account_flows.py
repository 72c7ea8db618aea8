"""Issue 10, item 17: "forgot my password", invitation links and self sign-up through Supabase
Auth's own e-mails (read back from localbase's mailbox, as the Supabase CLI's Inbucket), the
set-password route that redeems a link on the server, and the temporary password an invited
member must replace before anything else."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from harness.seed import DEMO_COMPANY
from harness.clinics import new_member
from omni_app import paths, services
from omni_app.api import account_routes, auth_routes
from omni_app.domain import account_links, auth, team
from omni_app.domain.refusals import Refused
from omni_app.domain.sign_in_guard import SignInPolicy
from omni_app.state.session import SessionState
from tests.app.clinics import new_clinic
from tests.app.conftest import (as_user, asgi_client, new_address, new_email, service_client,
                                sign_in, sync_service_client, tab)

ROUTES = [*auth_routes.routes, *account_routes.routes]


@pytest.fixture(autouse=True)
def unhurried(monkeypatch):
    monkeypatch.setattr(auth_routes, "SIGN_IN_POLICY", SignInPolicy(refused_floor_s=0.0))


def latest_mail(app_lb, email: str) -> dict | None:
    answer = httpx.get(f"{app_lb.config.mailbox_url}/api/v1/message/latest",
                       params={"to": email})
    return answer.json() if answer.status_code == 200 else None


def link_query(mail: dict) -> dict[str, str]:
    [link] = [link for link in mail["links"] if "token_hash=" in link]
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


def query_of(response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


async def alive(cookie: str) -> bool:
    return await (await services.current().session_store()).resolve(cookie) is not None


async def test_forgot_answers_the_same_for_every_address(app_env, app_lb):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    unknown = new_email()
    async with asgi_client(ROUTES) as http:
        known = await http.post(paths.FORGOT_POST, data={"email": email, "lang": "en"})
        nobody = await http.post(paths.FORGOT_POST, data={"email": unknown, "lang": "en"})
    assert known.status_code == nobody.status_code == 303
    assert known.headers["location"] == nobody.headers["location"] == "/forgot?sent=1&lang=en"
    assert latest_mail(app_lb, unknown) is None
    mail = latest_mail(app_lb, email)
    assert mail["kind"] == "recovery" and mail["subject"] == "Redefina sua senha do Omni"
    assert password not in mail["html"]


async def test_a_recovery_link_sets_a_new_password_once_and_signs_in(app_env, app_lb):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    elsewhere = await (await services.current().session_store()).create(
        await sign_in(email, password), "other browser", "127.0.0.1")
    async with asgi_client(ROUTES) as http:
        await http.post(paths.FORGOT_POST, data={"email": email})
        link = link_query(latest_mail(app_lb, email))
        assert link["type"] == "recovery"
        form = {"token_hash": link["token_hash"], "type": "recovery",
                "new_password": "chosen-after-forgetting", "confirm_password": "x"}
        mismatch = await http.post(paths.SET_PASSWORD_POST, data=form)
        assert query_of(mismatch)["error"] == "mismatch"       # the link is not spent by this
        form["confirm_password"] = form["new_password"]
        done = await http.post(paths.SET_PASSWORD_POST, data=form)
        assert done.status_code == 303 and done.headers["location"].startswith(paths.HOME)
        cookie = done.cookies[services.current().session_cookie()]
        again = await http.post(paths.SET_PASSWORD_POST, data=form)
    assert await alive(cookie) and not await alive(elsewhere)
    assert query_of(again) == {"error": "link_expired"}
    assert again.headers["location"].startswith(paths.FORGOT)
    assert await sign_in(email, "chosen-after-forgetting")
    with pytest.raises(Refused):
        await sign_in(email, password)


async def test_forgot_is_throttled_per_address(app_env):
    address = new_address()
    async with asgi_client(ROUTES, address) as http:
        answers = [await http.post(paths.FORGOT_POST, data={"email": new_email()})
                   for _ in range(account_routes.FORGOT_LIMIT.hits + 1)]
    assert [query_of(a).get("error") for a in answers][-1] == "rate_limited"
    assert all(query_of(a).get("sent") == "1" for a in answers[:-1])


async def test_sign_up_signs_in_and_goes_to_onboarding(app_env):
    email = new_email()
    form = {"full_name": "Dra. Helena Souza", "email": email, "password": "owner-password-1",
            "confirm_password": "owner-password-1", "lang": "es"}
    async with asgi_client(ROUTES) as http:
        created = await http.post(paths.SIGN_UP, data=form)
        assert created.status_code == 303 and created.headers["location"] == paths.ONBOARDING
        cookie = created.cookies[services.current().session_cookie()]
        twice = await http.post(paths.SIGN_UP, data=form)
        short = await http.post(paths.SIGN_UP, data={**form, "email": new_email(),
                                                      "password": "short",
                                                      "confirm_password": "short"})
    assert query_of(twice)["error"] == "exists" and query_of(short)["error"] == "too_short"
    active = await (await services.current().session_store()).resolve(cookie)
    me = await auth.profile(await as_user(active.access_token))
    assert (me["full_name"], me["locale"], me["company_id"]) == ("Dra. Helena Souza", "es", None)


async def test_an_invitation_is_emailed_in_the_clinics_language_and_its_link_joins(app_env,
                                                                                    app_lb):
    clinic = await new_clinic("Clínica Convite")
    email = new_email()
    mail_to = team.InviteMail("http://127.0.0.1:3000/auth/set-password", "en", "Clínica Convite")
    invitation = await team.invite(await clinic.user(), await service_client(), email, "Bia",
                                   "staff", mail_to)
    assert invitation.temporary_password == ""
    mail = latest_mail(app_lb, email)
    assert mail["kind"] == "invite" and mail["subject"] == "You have been invited to Omni"
    assert "Clínica Convite invited you" in mail["html"]
    link = link_query(mail)
    async with asgi_client(ROUTES) as http:
        done = await http.post(paths.SET_PASSWORD_POST, data={
            "token_hash": link["token_hash"], "type": "invite",
            "new_password": "my-own-password-1", "confirm_password": "my-own-password-1"})
    cookie = done.cookies[services.current().session_cookie()]
    active = await (await services.current().session_store()).resolve(cookie)
    member = await as_user(active.access_token)
    [offer] = await team.my_invitations(member)
    assert await team.accept(member, offer["id"]) == clinic.company_id


async def test_a_temporary_password_must_be_replaced_before_anything_else(app_env):
    """No e-mail (OMNI_INVITE_BY_EMAIL=false, or Auth cannot send): a temporary password."""
    clinic = await new_clinic("Clínica Temporária")
    email = new_email()
    invitation = await team.invite(await clinic.user(), await service_client(), email, "Caio",
                                   "staff")
    async with asgi_client(ROUTES) as http:
        signed = await http.post(paths.SIGN_IN, data={
            "email": email, "password": invitation.temporary_password, "next": "/inbox"})
        assert signed.headers["location"] == paths.SET_PASSWORD
        cookie = signed.cookies[services.current().session_cookie()]
        guard = await tab(SessionState, cookie, "/inbox").require_clinic_member()
        assert paths.SET_PASSWORD in str(guard)
        http.cookies.set(services.current().session_cookie(), cookie)
        done = await http.post(paths.SET_PASSWORD_POST, data={
            "new_password": "replaced-password-1", "confirm_password": "replaced-password-1"})
        assert done.headers["location"].startswith(paths.HOME)
        fresh = done.cookies[services.current().session_cookie()]
    assert not await alive(cookie)
    active = await (await services.current().session_store()).resolve(fresh)
    assert not account_links.must_set_password(active.app_metadata)
    with pytest.raises(Refused):
        await sign_in(email, invitation.temporary_password)


async def test_the_set_password_route_refuses_a_signed_in_user_without_the_flag(app_env):
    email, password, _ = new_member(sync_service_client(), DEMO_COMPANY)
    async with asgi_client(ROUTES) as http:
        signed = await http.post(paths.SIGN_IN, data={"email": email, "password": password})
        http.cookies.set(services.current().session_cookie(),
                         signed.cookies[services.current().session_cookie()])
        refused = await http.post(paths.SET_PASSWORD_POST, data={
            "new_password": "hijacked-password-1", "confirm_password": "hijacked-password-1"})
    assert refused.headers["location"] == paths.LOGIN
    assert await sign_in(email, password)
