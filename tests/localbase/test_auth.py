"""Auth API (GoTrue) conformance: sign-up, password sign-in and the signed-in user's endpoints,
driven by the real `supabase` client, sync and async."""
from __future__ import annotations

import pytest
from supabase_auth.errors import AuthApiError, AuthWeakPasswordError

from tests.localbase.auth_support import (PASSWORD, admin, assert_error, async_client, bearer,
                                          claims, client, http, password_grant, signed_up, sql,
                                          unique_email)


def test_sign_up_returns_a_session_for_a_confirmed_user(lb):
    email = unique_email()
    c, response = signed_up(lb, email, data={"full_name": "Ana"})
    session, user = response.session, response.user
    assert session is not None and session.token_type == "bearer"
    assert session.expires_in == lb.config.jwt_expiry
    assert user.email == email.lower()
    assert user.aud == "authenticated" and user.role == "authenticated"
    assert user.email_confirmed_at is not None and user.confirmed_at is not None
    assert user.app_metadata == {"provider": "email", "providers": ["email"]}
    assert user.user_metadata == {"full_name": "Ana", "email_verified": True}
    [identity] = user.identities
    assert identity.provider == "email" and identity.id == user.id
    assert identity.identity_data["email"] == email.lower()
    assert c.auth.get_session().access_token == session.access_token


def test_access_token_carries_gotrue_claims(lb):
    _, response = signed_up(lb)
    token = claims(lb, response.session.access_token)
    user = response.user
    assert token["iss"] == f"{lb.url}/auth/v1"
    assert token["sub"] == user.id and token["email"] == user.email and token["phone"] == ""
    assert token["aud"] == "authenticated" and token["role"] == "authenticated"
    assert token["aal"] == "aal1" and token["is_anonymous"] is False
    assert token["exp"] - token["iat"] == lb.config.jwt_expiry == response.session.expires_in
    assert token["exp"] == response.session.expires_at
    assert [entry["method"] for entry in token["amr"]] == ["password"]
    assert token["app_metadata"] == user.app_metadata
    assert token["user_metadata"] == user.user_metadata
    [(session_id,)] = sql(lb, "select id::text from auth.sessions where user_id = %s", (user.id,))
    assert token["session_id"] == session_id


def test_sign_up_twice_with_the_same_email_is_refused(lb):
    email = unique_email()
    signed_up(lb, email)
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_up({"email": email.upper(), "password": PASSWORD})
    assert (caught.value.status, caught.value.code) == (422, "user_already_exists")
    assert caught.value.message == "User already registered"


def test_sign_up_with_a_short_password_is_a_weak_password(lb):
    short = "x" * (lb.config.min_password_length - 1)
    with pytest.raises(AuthWeakPasswordError) as caught:
        client(lb).auth.sign_up({"email": unique_email(), "password": short})
    assert (caught.value.status, caught.value.code) == (422, "weak_password")
    assert caught.value.reasons == ["length"]


@pytest.mark.parametrize("email", ["not-an-email", "a b@example.test", "@example.test", "x@-bad"])
def test_sign_up_with_an_invalid_email_fails_validation(lb, email):
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_up({"email": email, "password": PASSWORD})
    assert (caught.value.status, caught.value.code) == (400, "validation_failed")


def test_sign_up_request_errors_answer_like_gotrue(lb):
    with http(lb) as h:
        assert_error(h.post("/signup", json={"password": PASSWORD}), 422,
                     "anonymous_provider_disabled")
        assert_error(h.post("/signup", json={"email": unique_email()}), 400, "validation_failed")
        assert_error(h.post("/signup", json={"phone": "+5511999990000", "password": PASSWORD}),
                     400, "phone_provider_disabled")
        assert_error(h.post("/signup", content=b"{not json"), 400, "bad_json")
        assert_error(h.post("/signup", json={"email": 42, "password": PASSWORD}), 400, "bad_json")
        long_password = "p" * 73
        assert_error(h.post("/signup", json={"email": unique_email(), "password": long_password}),
                     400, "validation_failed")


def test_sign_in_with_password_and_last_sign_in(lb):
    email = unique_email()
    signed_up(lb, email)
    c = client(lb)
    response = c.auth.sign_in_with_password({"email": email.lower(), "password": PASSWORD})
    assert response.user.email == email.lower()
    assert response.user.last_sign_in_at is not None
    assert c.auth.get_user().user.id == response.user.id


def test_wrong_password_and_unknown_user_are_indistinguishable(lb):
    email = unique_email()
    signed_up(lb, email)
    errors = []
    for credentials in ({"email": email, "password": "wrong-password"},
                        {"email": unique_email(), "password": PASSWORD}):
        with pytest.raises(AuthApiError) as caught:
            client(lb).auth.sign_in_with_password(credentials)
        errors.append((caught.value.status, caught.value.code, caught.value.message))
    assert errors[0] == errors[1] == (400, "invalid_credentials", "Invalid login credentials")


def test_user_created_by_sql_with_crypt_can_sign_in(lb):
    email = unique_email("seeded").lower()
    sql(lb, """insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
                   email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at,
                   updated_at)
               values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
                   'authenticated', %s, extensions.crypt(%s, extensions.gen_salt('bf')), now(),
                   '{"provider":"email","providers":["email"]}', '{}', now(), now())""",
        (email, "seeded-secret"))
    response = client(lb).auth.sign_in_with_password({"email": email, "password": "seeded-secret"})
    assert response.user.email == email and response.user.identities == []


def test_get_user_and_update_user_metadata(lb):
    c, response = signed_up(lb, data={"keep": 1, "drop": 2})
    assert c.auth.get_user().user.id == response.user.id
    updated = c.auth.update_user({"data": {"drop": None, "added": "yes"}}).user
    assert updated.user_metadata == {"keep": 1, "added": "yes", "email_verified": True}
    [(stored,)] = sql(lb, "select raw_user_meta_data from auth.users where id = %s",
                      (response.user.id,))
    assert stored == updated.user_metadata


def test_password_change_signs_out_the_other_sessions(lb):
    email = unique_email()
    c, _ = signed_up(lb, email)
    other = client(lb)
    other.auth.sign_in_with_password({"email": email, "password": PASSWORD})
    c.auth.update_user({"password": "a-brand-new-secret"})
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert caught.value.code == "invalid_credentials"
    client(lb).auth.sign_in_with_password({"email": email, "password": "a-brand-new-secret"})
    assert c.auth.get_user().user.email == email.lower()
    with http(lb) as h:
        assert_error(h.get("/user", headers=bearer(other.auth.get_session().access_token)),
                     403, "session_not_found")


def test_update_user_refuses_weak_and_unchanged_passwords(lb):
    c, _ = signed_up(lb)
    with pytest.raises(AuthWeakPasswordError) as weak:
        c.auth.update_user({"password": "123"})
    assert weak.value.code == "weak_password" and weak.value.reasons == ["length"]
    with pytest.raises(AuthApiError) as same:
        c.auth.update_user({"password": PASSWORD})
    assert (same.value.status, same.value.code) == (422, "same_password")


def test_an_email_change_waits_for_confirmation_and_must_be_free(lb):
    """GoTrue's secure email change: the new address is pending (`new_email`) until confirmed
    from the mailboxes, which localbase has none of; `email` never changes by itself."""
    c, response = signed_up(lb)
    old_email = response.user.email
    taken = unique_email()
    signed_up(lb, taken)
    with pytest.raises(AuthApiError) as caught:
        c.auth.update_user({"email": taken})
    assert (caught.value.status, caught.value.code) == (422, "email_exists")
    new_email = unique_email("renamed")
    pending = c.auth.update_user({"email": new_email}).user
    assert pending.email == old_email and pending.new_email == new_email.lower()
    assert pending.email_change_sent_at is not None
    with pytest.raises(AuthApiError):
        client(lb).auth.sign_in_with_password({"email": new_email, "password": PASSWORD})
    signed_in = client(lb).auth.sign_in_with_password({"email": old_email, "password": PASSWORD})
    assert signed_in.user.id == response.user.id
    assert signed_in.user.identities[0].identity_data["email"] == old_email


def test_users_may_not_set_their_own_app_metadata(lb):
    _, response = signed_up(lb)
    with http(lb) as h:
        assert_error(h.put("/user", headers=bearer(response.session.access_token),
                           json={"app_metadata": {"role": "admin"}}), 403, "not_admin")


def test_unconfirmed_and_banned_users_cannot_sign_in(lb):
    service = admin(lb)
    email = unique_email()
    user = service.auth.admin.create_user({"email": email, "password": PASSWORD}).user
    with pytest.raises(AuthApiError) as unconfirmed:
        client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert (unconfirmed.value.status, unconfirmed.value.code) == (400, "email_not_confirmed")
    service.auth.admin.update_user_by_id(user.id, {"email_confirm": True, "ban_duration": "24h"})
    with pytest.raises(AuthApiError) as banned:
        client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert (banned.value.status, banned.value.code) == (400, "user_banned")
    service.auth.admin.update_user_by_id(user.id, {"ban_duration": "none"})
    client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})


def test_sign_in_with_a_password_below_the_minimum_reports_it(lb):
    email = unique_email()
    short = "x" * (lb.config.min_password_length - 1)
    admin(lb).auth.admin.create_user({"email": email, "password": short, "email_confirm": True})
    with http(lb) as h:
        body = password_grant(h, email, short).json()
    assert body["weak_password"]["reasons"] == ["length"]


async def test_async_client_sign_up_sign_in_update_and_sign_out(lb):
    email = unique_email("async")
    c = await async_client(lb)
    signed = await c.auth.sign_up({"email": email, "password": PASSWORD,
                                   "options": {"data": {"lang": "pt"}}})
    assert signed.session is not None
    with pytest.raises(AuthApiError) as caught:
        await c.auth.sign_up({"email": email, "password": PASSWORD})
    assert caught.value.code == "user_already_exists"
    other = await async_client(lb)
    await other.auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert (await other.auth.get_user()).user.user_metadata["lang"] == "pt"
    updated = await other.auth.update_user({"data": {"lang": "es"}})
    assert updated.user.user_metadata["lang"] == "es"
    with pytest.raises(AuthApiError) as wrong:
        await (await async_client(lb)).auth.sign_in_with_password(
            {"email": email, "password": "not-it-at-all"})
    assert wrong.value.code == "invalid_credentials"
    token = (await other.auth.get_session()).access_token
    await other.auth.sign_out()
    assert await other.auth.get_session() is None
    with http(lb) as h:
        assert_error(h.get("/user", headers=bearer(token)), 403, "session_not_found")
