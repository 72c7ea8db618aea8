"""Auth API sessions: refresh-token rotation and reuse, logout scopes, tokens that must no longer
work (expired, forged, of a removed session or user), rate limiting and the 501 email flows."""
from __future__ import annotations

import time
import uuid

import jwt
import pytest
from supabase_auth.errors import AuthApiError

from tests.localbase.auth_support import (PASSWORD, admin, assert_error, bearer, claims, client,
                                          http, password_grant, refresh_grant, signed_up, sql,
                                          unique_email)


def test_refresh_rotates_the_refresh_token(lb):
    c, response = signed_up(lb)
    first = response.session
    refreshed = c.auth.refresh_session().session
    assert refreshed.refresh_token != first.refresh_token
    assert claims(lb, refreshed.access_token)["session_id"] == \
        claims(lb, first.access_token)["session_id"]
    [(revoked,)] = sql(lb, "select revoked from auth.refresh_tokens where token = %s",
                       (first.refresh_token,))
    assert revoked is True
    [(parent,)] = sql(lb, "select parent from auth.refresh_tokens where token = %s",
                      (refreshed.refresh_token,))
    assert parent == first.refresh_token


def test_reusing_a_spent_refresh_token_revokes_the_whole_family(lb):
    _, response = signed_up(lb)
    with http(lb) as h:
        spent = response.session.refresh_token
        current = refresh_grant(h, spent).json()["refresh_token"]
        body = assert_error(refresh_grant(h, spent), 400, "refresh_token_already_used")
        assert body["message"] == "Invalid Refresh Token: Already Used"
        # The legitimate holder's token died with the family.
        assert_error(refresh_grant(h, current), 400, "refresh_token_already_used")


def test_refresh_with_an_unknown_or_missing_token(lb):
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.refresh_session("no-such-refresh-token")
    assert (caught.value.status, caught.value.code) == (400, "refresh_token_not_found")
    with http(lb) as h:
        missing = h.post("/token", params={"grant_type": "refresh_token"}, json={})
        assert missing.status_code == 400
        assert missing.json() == {"error": "invalid_request",
                                  "error_description": "refresh_token required"}
        unknown_grant = h.post("/token", params={"grant_type": "magic"}, json={})
        assert (unknown_grant.status_code, unknown_grant.json()) == \
            (400, {"error": "unsupported_grant_type"})


def test_refresh_is_refused_to_a_banned_user(lb):
    _, response = signed_up(lb)
    admin(lb).auth.admin.update_user_by_id(response.user.id, {"ban_duration": "1h"})
    with http(lb) as h:
        assert_error(refresh_grant(h, response.session.refresh_token), 400, "user_banned")


def _sessions(lb, email: str, count: int) -> list[dict]:
    with http(lb) as h:
        return [password_grant(h, email).json() for _ in range(count)]


def _session_count(lb, user_id: str) -> int:
    return sql(lb, "select count(*) from auth.sessions where user_id = %s", (user_id,))[0][0]


@pytest.mark.parametrize("scope, alive", [("local", [False, True, True]),
                                          ("others", [True, False, False]),
                                          ("global", [False, False, False])])
def test_logout_scopes(lb, scope, alive):
    email = unique_email()
    _, signup = signed_up(lb, email)
    sql(lb, "delete from auth.sessions where user_id = %s", (signup.user.id,))
    mine, *others = _sessions(lb, email, 3)
    with http(lb) as h:
        response = h.post("/logout", params={"scope": scope},
                          headers=bearer(mine["access_token"]))
        assert response.status_code == 204 and response.content == b""
        for session, expected in zip([mine, *others], alive):
            status = h.get("/user", headers=bearer(session["access_token"])).status_code
            assert status == (200 if expected else 403)
            refreshed = refresh_grant(h, session["refresh_token"]).status_code
            assert refreshed == (200 if expected else 400)
    assert _session_count(lb, signup.user.id) == sum(alive)


def test_logout_with_an_unknown_scope_and_twice(lb):
    _, response = signed_up(lb)
    with http(lb) as h:
        token = bearer(response.session.access_token)
        assert_error(h.post("/logout", params={"scope": "everyone"}, headers=token),
                     400, "validation_failed")
        assert h.post("/logout", headers=token).status_code == 204
        assert_error(h.post("/logout", headers=token), 403, "session_not_found")


def test_client_sign_out_ends_the_server_session(lb):
    c, response = signed_up(lb)
    c.auth.sign_out()
    assert c.auth.get_session() is None
    assert _session_count(lb, response.user.id) == 0


def _forge(lb, token: str, secret: str | None = None, **changes) -> str:
    payload = {**claims(lb, token), **changes}
    return jwt.encode(payload, secret or lb.jwt_secret, algorithm="HS256")


def test_expired_forged_and_foreign_tokens_are_refused(lb):
    _, response = signed_up(lb)
    token = response.session.access_token
    now = int(time.time())
    with http(lb) as h:
        expired = _forge(lb, token, iat=now - 7200, exp=now - 3600)
        body = assert_error(h.get("/user", headers=bearer(expired)), 403, "bad_jwt")
        assert "expired" in body["message"]
        forged = _forge(lb, token, secret="another-secret-of-at-least-32-characters!")
        assert_error(h.get("/user", headers=bearer(forged)), 403, "bad_jwt")
        assert_error(h.get("/user", headers=bearer("not.a.jwt")), 403, "bad_jwt")
        assert_error(h.get("/user", headers=bearer(lb.anon_key)), 403, "bad_jwt")
        assert_error(h.get("/user"), 401, "no_authorization")
        ghost = _forge(lb, token, sub=str(uuid.uuid4()))
        assert_error(h.get("/user", headers=bearer(ghost)), 403, "user_not_found")
        assert h.get("/user", headers=bearer(token)).status_code == 200


def test_tokens_of_a_deleted_user_stop_working(lb):
    _, response = signed_up(lb)
    admin(lb).auth.admin.delete_user(response.user.id)
    with http(lb) as h:
        assert_error(h.get("/user", headers=bearer(response.session.access_token)),
                     403, "user_not_found")
        assert_error(refresh_grant(h, response.session.refresh_token), 400,
                     "refresh_token_not_found")


def test_password_grant_is_rate_limited_per_ip_and_email(lb):
    target, bystander = unique_email("target"), unique_email("bystander")
    with http(lb) as h:
        for _ in range(lb.config.token_rate_limit):
            assert_error(password_grant(h, target, "guess"), 400, "invalid_credentials")
        body = assert_error(password_grant(h, target, "guess"), 429, "over_request_rate_limit")
        assert body["message"] == "Request rate limit reached"
        assert_error(password_grant(h, bystander, "guess"), 400, "invalid_credentials")
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_in_with_password({"email": target, "password": PASSWORD})
    assert (caught.value.status, caught.value.code) == (429, "over_request_rate_limit")


def test_flows_without_a_local_stand_in_answer_501(lb):
    """Magic links, OTP sign-in and OAuth stay unsupported (recovery, invitation and
    verification e-mails go to the local mailbox: test_auth_mail.py)."""
    email = unique_email()
    with pytest.raises(AuthApiError) as otp:
        client(lb).auth.sign_in_with_otp({"email": email})
    assert (otp.value.status, otp.value.code) == (501, "not_implemented")
    assert "localbase does not support" in otp.value.message
    with http(lb) as h:
        for method, path in [("GET", "/authorize"), ("POST", "/magiclink"),
                             ("POST", "/resend")]:
            assert_error(h.request(method, path, json={} if method == "POST" else None), 501,
                         "not_implemented")
