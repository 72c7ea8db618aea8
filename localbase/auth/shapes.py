"""The JSON GoTrue renders for users and identities: the field order and omissions of its Go
structs."""
from __future__ import annotations

from datetime import datetime, timezone

_GO_ZERO_TIME = "0001-01-01T00:00:00Z"
# (json name, column) of the user's optional timestamps, in GoTrue's field order; each is
# omitted when NULL (`omitempty`).
_OPTIONAL_TIMES_BEFORE_PHONE = (("email_confirmed_at", "email_confirmed_at"),
                                ("invited_at", "invited_at"))
_OPTIONAL_TIMES_AFTER_PHONE = (("phone_confirmed_at", "phone_confirmed_at"),
                               ("confirmation_sent_at", "confirmation_sent_at"),
                               ("confirmed_at", "confirmed_at"),
                               ("recovery_sent_at", "recovery_sent_at"))


def go_time(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with trailing zeros of the fraction trimmed, as Go's time.Time marshals."""
    if value is None:
        return None
    text = value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    fraction = f"{value.microsecond:06d}".rstrip("0")
    return f"{text}.{fraction}Z" if fraction else f"{text}Z"


def identity_json(row: dict) -> dict:
    body = {
        "identity_id": str(row["id"]),
        "id": row["provider_id"],
        "user_id": str(row["user_id"]),
        "identity_data": row["identity_data"],
        "provider": row["provider"],
    }
    if row["last_sign_in_at"] is not None:
        body["last_sign_in_at"] = go_time(row["last_sign_in_at"])
    body["created_at"] = go_time(row["created_at"]) or _GO_ZERO_TIME
    body["updated_at"] = go_time(row["updated_at"]) or _GO_ZERO_TIME
    if row["email"]:
        body["email"] = row["email"]
    return body


def user_json(row: dict, identities: list[dict]) -> dict:
    body: dict = {
        "id": str(row["id"]),
        "aud": row["aud"] or "",
        "role": row["role"] or "",
        "email": row["email"] or "",
    }
    _put_times(body, row, _OPTIONAL_TIMES_BEFORE_PHONE)
    body["phone"] = row["phone"] or ""
    _put_times(body, row, _OPTIONAL_TIMES_AFTER_PHONE)
    if row["email_change"]:
        body["new_email"] = row["email_change"]
    _put_times(body, row, (("email_change_sent_at", "email_change_sent_at"),))
    if row["phone_change"]:
        body["new_phone"] = row["phone_change"]
    _put_times(body, row, (("phone_change_sent_at", "phone_change_sent_at"),
                           ("reauthentication_sent_at", "reauthentication_sent_at"),
                           ("last_sign_in_at", "last_sign_in_at")))
    body["app_metadata"] = row["raw_app_meta_data"] or {}
    body["user_metadata"] = row["raw_user_meta_data"] or {}
    body["identities"] = [identity_json(identity) for identity in identities]
    body["created_at"] = go_time(row["created_at"]) or _GO_ZERO_TIME
    body["updated_at"] = go_time(row["updated_at"]) or _GO_ZERO_TIME
    _put_times(body, row, (("banned_until", "banned_until"), ("deleted_at", "deleted_at")))
    body["is_anonymous"] = bool(row["is_anonymous"])
    return body


def _put_times(body: dict, row: dict, fields: tuple[tuple[str, str], ...]) -> None:
    for name, column in fields:
        if row[column] is not None:
            body[name] = go_time(row[column])
