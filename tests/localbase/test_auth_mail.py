"""Auth's e-mailed flows as the Supabase CLI runs them locally: /recover, /invite and /verify
through the real client, the messages read back from the mailbox viewer's JSON API (its own
port), and its HTML pages escaping what they show."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from supabase_auth.errors import AuthApiError

from localbase.auth.mail import redirect_target
from tests.localbase.auth_support import (PASSWORD, admin, client, http, password_grant,
                                          signed_up, sql, unique_email)

APP = "http://127.0.0.1:3999/auth/set-password"


def mailbox(lb) -> httpx.Client:
    return httpx.Client(base_url=lb.config.mailbox_url)


def latest(lb, email: str) -> dict:
    with mailbox(lb) as box:
        answer = box.get("/api/v1/message/latest", params={"to": email})
    assert answer.status_code == 200, answer.text
    return answer.json()


def verify_link(message: dict) -> str:
    [link] = [link for link in message["links"] if "/auth/v1/verify?" in link]
    return link


def test_recovery_mail_link_and_token_hash_open_a_session_once(lb):
    email = unique_email()
    signed_up(lb, email, data={"locale": "en"})
    client(lb).auth.reset_password_for_email(email, {"redirect_to": APP})
    message = latest(lb, email)
    assert message["to"] == email.lower() and message["kind"] == "recovery"
    link = verify_link(message)
    query = parse_qs(urlsplit(link).query)
    assert query["type"] == ["recovery"] and query["redirect_to"] == [APP]
    code = re.search(r"\b(\d{6})\b", message["html"]).group(1)

    c = client(lb)
    session = c.auth.verify_otp({"type": "recovery", "token_hash": query["token"][0]}).session
    assert session is not None and session.user.email == email.lower()
    c.auth.set_session(session.access_token, session.refresh_token)
    c.auth.update_user({"password": "a-brand-new-one"})
    with http(lb) as h:
        assert password_grant(h, email, "a-brand-new-one").status_code == 200
    # Single use: the hash, the code and the link are spent.
    with pytest.raises(AuthApiError) as again:
        client(lb).auth.verify_otp({"type": "recovery", "token_hash": query["token"][0]})
    assert (again.value.status, again.value.code) == (403, "otp_expired")
    with pytest.raises(AuthApiError):
        client(lb).auth.verify_otp({"type": "recovery", "email": email, "token": code})


def test_the_verify_link_redirects_with_the_session_in_the_fragment(lb):
    email = unique_email()
    signed_up(lb, email)
    client(lb).auth.reset_password_for_email(email, {"redirect_to": APP})
    link = verify_link(latest(lb, email))
    first = httpx.get(link)           # no API key: the route is open, as behind Kong
    assert first.status_code == 303
    target, _, fragment = first.headers["location"].partition("#")
    assert target == APP
    values = parse_qs(fragment)
    assert values["type"] == ["recovery"] and values["token_type"] == ["bearer"]
    assert values["access_token"] and values["refresh_token"]
    second = httpx.get(link)
    values = parse_qs(second.headers["location"].partition("#")[2])
    assert values["error"] == ["access_denied"] and values["error_code"] == ["otp_expired"]


def test_recovery_answers_the_same_for_unknown_addresses_and_sends_nothing(lb):
    email = unique_email()
    with http(lb) as h:
        answer = h.post("/recover", json={"email": email})
    assert (answer.status_code, answer.json()) == (200, {})
    with mailbox(lb) as box:
        assert box.get("/api/v1/message/latest", params={"to": email}).status_code == 404


def test_recovery_is_throttled_per_account_and_expires(lb):
    email = unique_email()
    signed_up(lb, email)
    client(lb).auth.reset_password_for_email(email)
    with pytest.raises(AuthApiError) as soon:
        client(lb).auth.reset_password_for_email(email)
    assert (soon.value.status, soon.value.code) == (429, "over_email_send_rate_limit")
    token = parse_qs(urlsplit(verify_link(latest(lb, email))).query)["token"][0]
    sql(lb, "update auth.users set recovery_sent_at = now() - interval '2 hours' "
            "where email = %s", (email.lower(),))
    with pytest.raises(AuthApiError) as expired:
        client(lb).auth.verify_otp({"type": "recovery", "token_hash": token})
    assert expired.value.code == "otp_expired"


def test_a_redirect_outside_the_allow_list_goes_to_the_site_url(lb):
    config = lb.config
    assert redirect_target(config, "https://evil.example/steal") == config.site_url
    assert redirect_target(config, "javascript:alert(1)") == config.site_url
    assert redirect_target(config, "http://127.0.0.1:4321/auth/set-password") == \
        "http://127.0.0.1:4321/auth/set-password"
    assert redirect_target(config, "http://127.0.0.1.evil.example:80/x") == config.site_url


def test_invite_creates_a_passwordless_user_confirmed_by_the_link(lb):
    email = unique_email("invited")
    user = admin(lb).auth.admin.invite_user_by_email(
        email, {"data": {"full_name": "Bia", "locale": "es"}, "redirect_to": APP}).user
    assert user.email == email.lower() and user.invited_at is not None
    assert user.email_confirmed_at is None
    [(password,)] = sql(lb, "select encrypted_password from auth.users where id = %s",
                        (user.id,))
    assert not password
    with http(lb) as h:
        assert password_grant(h, email, "").status_code == 400
    message = latest(lb, email)
    assert message["kind"] == "invite"
    token = parse_qs(urlsplit(verify_link(message)).query)["token"][0]
    session = client(lb).auth.verify_otp({"type": "invite", "token_hash": token}).session
    assert session.user.id == user.id and session.user.email_confirmed_at is not None
    with pytest.raises(AuthApiError) as twice:
        admin(lb).auth.admin.invite_user_by_email(email)
    assert (twice.value.status, twice.value.code) == (422, "email_exists")


def test_invite_needs_the_service_role(lb):
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.admin.invite_user_by_email(unique_email())
    assert caught.value.status == 403


def test_the_viewer_lists_and_escapes(lb):
    email = unique_email()
    signed_up(lb, email, data={"full_name": "<script>alert(1)</script>"})
    client(lb).auth.reset_password_for_email(email)
    message = latest(lb, email)
    with mailbox(lb) as box:
        listing = box.get("/", params={"to": email})
        assert listing.status_code == 200 and "script-src" not in listing.text
        assert "default-src 'none'" in listing.headers["content-security-policy"]
        assert email.lower() in listing.text
        page = box.get(f"/view/{message['id']}")
        assert "<script>" not in page.text and "&lt;" in page.text
        assert box.get("/view/../../etc/passwd").status_code == 404
        found = box.get("/api/v1/messages", params={"to": email}).json()
    assert found["total"] == 1 and found["messages"][0]["id"] == message["id"]


def test_a_user_signed_up_with_a_password_keeps_it_after_a_recovery_request(lb):
    email = unique_email()
    signed_up(lb, email)
    client(lb).auth.reset_password_for_email(email)
    with http(lb) as h:
        assert password_grant(h, email, PASSWORD).status_code == 200
