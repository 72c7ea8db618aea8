"""auth.users and auth.identities as GoTrue reads and writes them.

Passwords are hashed and checked by pgcrypto's bcrypt inside PostgreSQL, so users created by SQL
seeds with `extensions.crypt(password, extensions.gen_salt('bf'))` sign in like any other.
"""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta, timezone

from psycopg import AsyncConnection
from psycopg.types.json import Jsonb

from localbase.auth.shapes import user_json
from localbase.auth.sql import execute, fetch_all, fetch_one, fetch_value

AUDIENCE = "authenticated"
DEFAULT_ROLE = "authenticated"
NIL_UUID = uuid.UUID(int=0)  # GoTrue's instance_id for every user
EMAIL_PROVIDER = {"provider": "email", "providers": ["email"]}
HASH = "extensions.crypt(%(password)s, extensions.gen_salt('bf', 10))"
# Metadata updates merge top-level keys; a JSON null removes the key (GoTrue's UpdateUserMetaData).
_MERGE = ("(select coalesce(jsonb_object_agg(key, value), '{{}}') "
          "from jsonb_each(coalesce({column}, '{{}}') || %(updates)s) where value <> 'null')")


async def find_by_id(conn: AsyncConnection, user_id: uuid.UUID) -> dict | None:
    return await fetch_one(conn, "select * from auth.users where id = %s", (user_id,))


async def find_by_email(conn: AsyncConnection, email: str, aud: str = AUDIENCE) -> dict | None:
    """The user a password sign-in addresses: GoTrue's FindUserByEmailAndAudience."""
    return await fetch_one(conn, "select * from auth.users where instance_id = %s "
                                 "and lower(email) = lower(%s) and aud = %s and not is_sso_user",
                           (NIL_UUID, email, aud))


async def email_taken(conn: AsyncConnection, email: str, aud: str = AUDIENCE,
                      except_id: uuid.UUID | None = None) -> bool:
    """Another user of the audience owns the address, as a user or as an email identity."""
    return await fetch_value(conn, """
        select exists (
          select from auth.users u
          where u.aud = %(aud)s and u.id is distinct from %(me)s and not u.is_sso_user
            and (lower(u.email) = %(email)s or exists (
              select from auth.identities i
              where i.user_id = u.id and i.email = %(email)s and i.provider not like 'sso:%%')))
        """, {"aud": aud, "email": email.lower(), "me": except_id})


async def password_matches(conn: AsyncConnection, user_id: uuid.UUID, password: str) -> bool:
    """bcrypt check of any $2a$/$2b$/$2x$/$2y$ hash, as Go's bcrypt accepts them all. pgcrypto
    only knows $2a$ (it reads $2b$ as a DES salt), so the hash is checked as its $2a$ twin."""
    return bool(await fetch_value(conn, r"""
        select encrypted_password ~ '^\$2[abxy]\$'
           and substr(encrypted_password, 4) = substr(extensions.crypt(
                 %(password)s, '$2a$' || substr(encrypted_password, 5)), 4)
        from auth.users where id = %(id)s
        """, {"id": user_id, "password": password}))


def has_password(user: dict) -> bool:
    return bool(user["encrypted_password"])


async def insert_user(conn: AsyncConnection, *, user_id: uuid.UUID, email: str, aud: str,
                      role: str, password: str | None, password_hash: str | None,
                      user_metadata: dict, app_metadata: dict) -> None:
    """Create an unconfirmed user; exactly one of `password` and `password_hash` is given."""
    encrypted = HASH if password is not None else "%(password_hash)s"
    await execute(conn, f"""
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
                                raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
        values (%(instance)s, %(id)s, %(aud)s, %(role)s, %(email)s, {encrypted},
                %(app)s, %(meta)s, now(), now())
        """, {"instance": NIL_UUID, "id": user_id, "aud": aud, "role": role, "email": email,
              "password": password, "password_hash": password_hash,
              "app": Jsonb(app_metadata), "meta": Jsonb(user_metadata)})


async def insert_email_identity(conn: AsyncConnection, user_id: uuid.UUID, email: str,
                                extra: dict | None = None) -> None:
    """The `email` identity GoTrue creates with a user: identity_data from provider.Claims."""
    data = {"sub": str(user_id), "email": email, "email_verified": False, "phone_verified": False}
    data.update({k: v for k, v in (extra or {}).items() if k not in data})
    await execute(conn, """
        insert into auth.identities (provider_id, user_id, identity_data, provider,
                                     last_sign_in_at, created_at, updated_at)
        values (%s, %s, %s, 'email', now(), now(), now())
        """, (str(user_id), user_id, Jsonb(data)))


async def confirm_email(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    """GoTrue's User.Confirm: stamp the confirmation and mark user_metadata.email_verified."""
    await execute(conn, f"""
        update auth.users set confirmation_token = '', email_confirmed_at = now(),
               raw_user_meta_data = {_MERGE.format(column="raw_user_meta_data")},
               updated_at = now()
        where id = %(id)s
        """, {"id": user_id, "updates": Jsonb({"email_verified": True})})


async def merge_metadata(conn: AsyncConnection, user_id: uuid.UUID, column: str,
                         updates: dict) -> None:
    assert column in ("raw_user_meta_data", "raw_app_meta_data")
    await execute(conn, f"""
        update auth.users set {column} = {_MERGE.format(column=column)}, updated_at = now()
        where id = %(id)s
        """, {"id": user_id, "updates": Jsonb(updates)})


async def set_password(conn: AsyncConnection, user_id: uuid.UUID, password: str) -> None:
    """GoTrue's UpdatePassword: new hash, pending one-time tokens dropped."""
    await execute(conn, f"""
        update auth.users set encrypted_password = {HASH}, confirmation_token = '',
               confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
               email_change_token_current = '', email_change_token_new = '',
               email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
               reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
        where id = %(id)s
        """, {"id": user_id, "password": password})


async def set_email(conn: AsyncConnection, user_id: uuid.UUID, email: str,
                    verified: bool) -> None:
    """Change the address and its email identity (created when the user had none)."""
    await execute(conn, "update auth.users set email = %s, updated_at = now() where id = %s",
                  (email, user_id))
    changed = await execute(conn, """
        update auth.identities
        set identity_data = identity_data || %s, updated_at = now()
        where provider_id = %s and provider = 'email'
        """, (Jsonb({"email": email, "email_verified": verified}), str(user_id)))
    if not changed:
        await insert_email_identity(conn, user_id, email, {"email_verified": verified})


async def request_email_change(conn: AsyncConnection, user_id: uuid.UUID, email: str) -> None:
    """GoTrue's secure email change: the new address waits in `email_change` (rendered as
    `new_email`) with a token for each address; `email` stays until both are confirmed. With no
    mail to carry the tokens, localbase never confirms it: only an admin update changes it."""
    await execute(conn, """
        update auth.users
        set email_change = %s, email_change_token_new = %s, email_change_token_current = %s,
            email_change_confirm_status = 0, email_change_sent_at = now(), updated_at = now()
        where id = %s
        """, (email, _one_time_token(), _one_time_token(), user_id))


def _one_time_token() -> str:
    return secrets.token_hex(28)  # GoTrue stores a SHA-224 hex digest


async def set_role(conn: AsyncConnection, user_id: uuid.UUID, role: str) -> None:
    await execute(conn, "update auth.users set role = %s, updated_at = now() where id = %s",
                  (role.strip(), user_id))


async def ban(conn: AsyncConnection, user_id: uuid.UUID, duration: timedelta) -> None:
    """A zero duration lifts the ban (GoTrue's User.Ban)."""
    await execute(conn, """
        update auth.users
        set banned_until = case when %(secs)s = 0 then null
                                else now() + make_interval(secs => %(secs)s) end,
            updated_at = now()
        where id = %(id)s
        """, {"id": user_id, "secs": duration.total_seconds()})


def is_banned(user: dict) -> bool:
    return user["banned_until"] is not None and user["banned_until"] > datetime.now(timezone.utc)


async def touch_last_sign_in(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    await execute(conn, "update auth.users set last_sign_in_at = now(), updated_at = now() "
                        "where id = %s", (user_id,))


async def identities_of(conn: AsyncConnection,
                        user_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[dict]]:
    rows = await fetch_all(conn, "select * from auth.identities where user_id = any(%s) "
                                 "order by created_at, id", (user_ids,))
    by_user: dict[uuid.UUID, list[dict]] = {user_id: [] for user_id in user_ids}
    for row in rows:
        by_user[row["user_id"]].append(row)
    return by_user


async def load_json(conn: AsyncConnection, user_id: uuid.UUID) -> dict | None:
    """The user as GoTrue renders it, identities included; None if there is no such user."""
    row = await find_by_id(conn, user_id)
    if row is None:
        return None
    identities = await identities_of(conn, [row["id"]])
    return user_json(row, identities[row["id"]])


async def page(conn: AsyncConnection, aud: str, limit: int, offset: int, ascending: bool,
               filter_text: str) -> tuple[list[dict], int]:
    """One page of the audience's users, newest first unless `ascending`, and their total.

    `filter_text` matches the email (case-sensitively, as GoTrue's LIKE does) or the full name."""
    where = "instance_id = %(instance)s and aud = %(aud)s"
    if filter_text:
        where += " and (email like %(filter)s or raw_user_meta_data->>'full_name' ilike %(filter)s)"
    params = {"instance": NIL_UUID, "aud": aud, "filter": f"%{filter_text}%",
              "limit": limit, "offset": offset}
    total = await fetch_value(conn, f"select count(*) from auth.users where {where}", params)
    order = "asc" if ascending else "desc"
    rows = await fetch_all(conn, f"select * from auth.users where {where} "
                                 f"order by created_at {order}, id {order} "
                                 "limit %(limit)s offset %(offset)s", params)
    return rows, total


async def delete(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    """Identities, sessions and refresh tokens go with the user (foreign keys cascade)."""
    await execute(conn, "delete from auth.users where id = %s", (user_id,))


# GoTrue's obfuscateValue: base64url(sha256(user id || value)), unpadded.
_OBFUSCATED = ("translate(rtrim(encode(extensions.digest(%(id)s::text || coalesce({value}, ''), "
               "'sha256'), 'base64'), '='), '+/', '-_')")


async def soft_delete(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    """GoTrue's soft delete: the row stays with its contact details hashed (even empty ones, as
    GoTrue does), no password, no metadata, no sessions; identities stay, emptied, under hashed
    provider ids."""
    await execute(conn, f"""
        update auth.users set
          email = {_OBFUSCATED.format(value="email")},
          phone = left({_OBFUSCATED.format(value="phone")}, 15),
          email_change = {_OBFUSCATED.format(value="email_change")},
          phone_change = left({_OBFUSCATED.format(value="phone_change")}, 15),
          encrypted_password = null, confirmation_token = '', recovery_token = '',
          email_change_token_current = '', email_change_token_new = '', phone_change_token = '',
          raw_user_meta_data = '{{}}', raw_app_meta_data = '{{}}',
          deleted_at = now(), updated_at = now()
        where id = %(id)s
        """, {"id": user_id})
    await execute(conn, f"""
        update auth.identities set identity_data = '{{}}', updated_at = now(),
          provider_id = {_OBFUSCATED.format(value="provider || ':' || provider_id")}
        where user_id = %(id)s
        """, {"id": user_id})
    await execute(conn, "delete from auth.sessions where user_id = %s", (user_id,))
