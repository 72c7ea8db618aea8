"""Auth API user administration (/admin/users): service role only, GoTrue's shapes and errors."""
from __future__ import annotations

import uuid

import pytest
from supabase_auth.errors import AuthApiError, AuthWeakPasswordError

from tests.localbase.auth_support import (PASSWORD, admin, assert_error, async_client, bearer,
                                          client, http, signed_up, sql, unique_email)


def test_create_user_merges_app_metadata_and_can_sign_in(lb):
    email = unique_email()
    user = admin(lb).auth.admin.create_user({
        "email": email, "password": PASSWORD, "email_confirm": True,
        "user_metadata": {"full_name": "Bia"}, "app_metadata": {"role": "staff", "provider": "x"},
    }).user
    assert user.email == email.lower() and user.email_confirmed_at is not None
    assert user.app_metadata == {"provider": "x", "providers": ["email"], "role": "staff"}
    assert user.user_metadata == {"full_name": "Bia", "email_verified": True}
    assert [identity.provider for identity in user.identities] == ["email"]
    signed_in = client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert signed_in.user.id == user.id
    assert signed_in.user.app_metadata["role"] == "staff"


def test_create_user_errors(lb):
    service = admin(lb).auth.admin
    email = unique_email()
    service.create_user({"email": email})
    with pytest.raises(AuthApiError) as duplicate:
        service.create_user({"email": email.upper(), "password": PASSWORD})
    assert (duplicate.value.status, duplicate.value.code) == (422, "email_exists")
    with pytest.raises(AuthApiError) as no_email:
        service.create_user({"password": PASSWORD})
    assert (no_email.value.status, no_email.value.code) == (400, "validation_failed")
    with pytest.raises(AuthApiError) as bad_ban:
        service.create_user({"email": unique_email(), "ban_duration": "forever"})
    assert bad_ban.value.code == "validation_failed"
    assert 'time: invalid duration "forever"' in bad_ban.value.message


def test_user_created_without_password_cannot_sign_in_with_any(lb):
    email = unique_email()
    admin(lb).auth.admin.create_user({"email": email, "email_confirm": True})
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert caught.value.code == "invalid_credentials"


def test_create_user_with_custom_id_and_bcrypt_hash(lb):
    user_id, email = str(uuid.uuid4()), unique_email()
    [(hashed,)] = sql(lb, "select extensions.crypt(%s, extensions.gen_salt('bf'))", ("hashed-pw",))
    # $2b$ (what Python's and Node's bcrypt write) must verify like pgcrypto's own $2a$.
    user = admin(lb).auth.admin.create_user({"id": user_id, "email": email, "email_confirm": True,
                                             "password_hash": "$2b$" + hashed[4:]}).user
    assert user.id == user_id
    client(lb).auth.sign_in_with_password({"email": email, "password": "hashed-pw"})


def test_get_user_by_id_and_not_found(lb):
    _, response = signed_up(lb)
    service = admin(lb).auth.admin
    fetched = service.get_user_by_id(response.user.id).user
    assert fetched.id == response.user.id and fetched.email == response.user.email
    with pytest.raises(AuthApiError) as caught:
        service.get_user_by_id(str(uuid.uuid4()))
    assert (caught.value.status, caught.value.code) == (404, "user_not_found")
    with http(lb) as h:
        assert_error(h.get("/admin/users/not-a-uuid", headers=bearer(lb.service_role_key)),
                     404, "validation_failed")


def test_list_users_pages_with_total_and_link(lb):
    for _ in range(3):
        signed_up(lb)
    [(total,)] = sql(lb, "select count(*) from auth.users where aud = 'authenticated' "
                         "and instance_id = '00000000-0000-0000-0000-000000000000'")
    service = admin(lb).auth.admin
    assert len(service.list_users(page=1, per_page=2)) == 2
    everyone = service.list_users()
    assert len(everyone) == min(total, 50)
    created = [user.created_at for user in everyone]
    assert created == sorted(created, reverse=True)
    with http(lb) as h:
        response = h.get("/admin/users", params={"page": 2, "per_page": 1},
                         headers=bearer(lb.service_role_key))
    assert response.status_code == 200
    body = response.json()
    assert body["aud"] == "authenticated" and len(body["users"]) == 1
    assert body["users"][0]["id"] == everyone[1].id
    assert response.headers["x-total-count"] == str(total)
    assert response.headers["link"] == (f'</admin/users?page=3&per_page=1>; rel="next", '
                                        f'</admin/users?page={total}&per_page=1>; rel="last"')


def test_list_users_rejects_bad_paging(lb):
    with http(lb) as h:
        for params in ({"page": "x"}, {"per_page": "0"}, {"sort": "email asc"}):
            assert_error(h.get("/admin/users", params=params,
                               headers=bearer(lb.service_role_key)), 400, "validation_failed")


def test_update_user_by_id(lb):
    email = unique_email()
    _, response = signed_up(lb, email, data={"a": 1})
    service = admin(lb).auth.admin
    updated = service.update_user_by_id(response.user.id, {
        "password": "set-by-the-admin", "user_metadata": {"b": 2},
        "app_metadata": {"role": "admin"}}).user
    assert updated.user_metadata == {"a": 1, "b": 2, "email_verified": True}
    assert updated.app_metadata["role"] == "admin"
    # A password set by the admin ends every session of the user.
    with http(lb) as h:
        assert_error(h.get("/user", headers=bearer(response.session.access_token)),
                     403, "session_not_found")
    client(lb).auth.sign_in_with_password({"email": email, "password": "set-by-the-admin"})
    with pytest.raises(AuthWeakPasswordError) as weak:
        service.update_user_by_id(response.user.id, {"password": "1"})
    assert (weak.value.status, weak.value.code, weak.value.reasons) == \
        (422, "weak_password", ["length"])
    with pytest.raises(AuthApiError) as missing:
        service.update_user_by_id(str(uuid.uuid4()), {"user_metadata": {}})
    assert (missing.value.status, missing.value.code) == (404, "user_not_found")


def test_ban_is_stored_until_lifted(lb):
    _, response = signed_up(lb)
    service = admin(lb).auth.admin
    banned = service.update_user_by_id(response.user.id, {"ban_duration": "1h30m"}).user
    assert banned.banned_until is not None
    assert service.update_user_by_id(response.user.id, {"ban_duration": "none"}).user \
        .banned_until is None


def test_delete_user_cascades(lb):
    _, response = signed_up(lb)
    admin(lb).auth.admin.delete_user(response.user.id)
    for table, column in (("users", "id"), ("identities", "user_id"), ("sessions", "user_id")):
        assert sql(lb, f"select count(*) from auth.{table} where {column} = %s",
                   (response.user.id,)) == [(0,)]
    with pytest.raises(AuthApiError) as caught:
        admin(lb).auth.admin.delete_user(response.user.id)
    assert (caught.value.status, caught.value.code) == (404, "user_not_found")


def test_soft_delete_keeps_an_anonymised_row(lb):
    email = unique_email()
    _, response = signed_up(lb, email)
    admin(lb).auth.admin.delete_user(response.user.id, should_soft_delete=True)
    user = admin(lb).auth.admin.get_user_by_id(response.user.id).user
    assert user.deleted_at is not None and user.email != email.lower()
    assert user.user_metadata == {} and user.app_metadata == {}
    with pytest.raises(AuthApiError) as caught:
        client(lb).auth.sign_in_with_password({"email": email, "password": PASSWORD})
    assert caught.value.code == "invalid_credentials"


def test_admin_endpoints_refuse_everyone_but_the_service_role(lb):
    _, response = signed_up(lb)
    with pytest.raises(AuthApiError) as anon:
        client(lb).auth.admin.list_users()
    assert (anon.value.status, anon.value.code) == (403, "not_admin")
    user_token = bearer(response.session.access_token)
    target = f"/admin/users/{response.user.id}"
    with http(lb) as h:
        for method, path in [("GET", "/admin/users"), ("POST", "/admin/users"),
                             ("GET", target), ("PUT", target), ("DELETE", target)]:
            body = {} if method in ("POST", "PUT") else None
            assert_error(h.request(method, path, headers=user_token, json=body), 403, "not_admin")
            assert_error(h.request(method, path, json=body), 401, "no_authorization")
        forged = bearer(lb.service_role_key[:-4] + "AAAA")
        assert_error(h.get("/admin/users", headers=forged), 403, "bad_jwt")
    assert admin(lb).auth.admin.get_user_by_id(response.user.id).user.id == response.user.id


async def test_async_admin_create_get_update_delete(lb):
    service = (await async_client(lb, lb.service_role_key)).auth.admin
    email = unique_email("async-admin")
    user = (await service.create_user({"email": email, "password": PASSWORD,
                                       "email_confirm": True})).user
    assert (await service.get_user_by_id(user.id)).user.email == email.lower()
    updated = await service.update_user_by_id(user.id, {"user_metadata": {"x": 1}})
    assert updated.user.user_metadata["x"] == 1
    assert any(u.id == user.id for u in await service.list_users(page=1, per_page=1000))
    await service.delete_user(user.id)
    with pytest.raises(AuthApiError) as caught:
        await service.get_user_by_id(user.id)
    assert caught.value.code == "user_not_found"
