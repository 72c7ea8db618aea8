"""An integration's secrets as one document, sealed as a whole (no Supabase, no Reflex).

The document holds the signing secret Omni generated, the previous one and until when it still
verifies (rotation grace), Meta's app secret and verify token, and provider credentials. It is
sealed with the keyring under purpose "integration" and scope "<company id>:<channel>", so a
sealed value copied onto another clinic's or channel's row does not open."""
from __future__ import annotations

import json
import re
import secrets as random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urlencode

from omni_app.channels import registry
from omni_app.domain import clock
from omni_app.domain.crypto import Keyring
from omni_app.domain.outbound_policy import split_url
from omni_app.domain.refusals import Refused

PURPOSE = "integration"
META_FIELDS = ("meta_app_secret", "meta_verify_token")
ROTATION_GRACE = timedelta(hours=24)
MASK = "••••"
CREDENTIAL_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_SECRET_CHARS = 4096
MAX_URL_CHARS = 2048


@dataclass(frozen=True, repr=False)
class IntegrationSecrets:
    signing_secret: str | None = None
    previous_signing_secret: str | None = None
    previous_valid_until: datetime | None = None
    meta_app_secret: str | None = None
    meta_verify_token: str | None = None
    credentials: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:  # never print a secret by accident
        return "IntegrationSecrets(<sealed>)"

    def signing_secrets(self, now: datetime | None = None) -> tuple[str, ...]:
        """Current first; the previous one only while its grace period lasts."""
        now = now or clock.now()
        found = [self.signing_secret] if self.signing_secret else []
        if (self.previous_signing_secret and self.previous_valid_until
                and now < self.previous_valid_until):
            found.append(self.previous_signing_secret)
        return tuple(found)

    def rotated(self, now: datetime | None = None,
                grace: timedelta = ROTATION_GRACE) -> tuple[IntegrationSecrets, str]:
        """A new signing secret; the current one keeps verifying for `grace`."""
        now = now or clock.now()
        new = random.token_urlsafe(32)
        if self.signing_secret:
            return replace(self, signing_secret=new, previous_signing_secret=self.signing_secret,
                           previous_valid_until=now + grace), new
        return replace(self, signing_secret=new), new

    def with_meta(self, name: str, value: str) -> IntegrationSecrets:
        if name not in META_FIELDS:
            raise Refused("name")
        return replace(self, **{name: _secret_value(value)})

    def with_credential(self, name: str, value: str) -> IntegrationSecrets:
        """Set one provider credential; an empty value removes it."""
        name = name.strip()
        if not CREDENTIAL_NAME.match(name):
            raise Refused("name")
        credentials = dict(self.credentials)
        value = _secret_value(value)
        if value is None:
            credentials.pop(name, None)
        else:
            credentials[name] = value
        return replace(self, credentials=credentials)

    def to_json(self) -> str:
        until = self.previous_valid_until
        return json.dumps({
            "v": 1, "signing_secret": self.signing_secret,
            "previous_signing_secret": self.previous_signing_secret,
            "previous_valid_until": until.isoformat() if until else None,
            "meta_app_secret": self.meta_app_secret,
            "meta_verify_token": self.meta_verify_token,
            "credentials": self.credentials,
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IntegrationSecrets:
        data = json.loads(text)
        until = data.get("previous_valid_until")
        return cls(signing_secret=data.get("signing_secret"),
                   previous_signing_secret=data.get("previous_signing_secret"),
                   previous_valid_until=datetime.fromisoformat(until) if until else None,
                   meta_app_secret=data.get("meta_app_secret"),
                   meta_verify_token=data.get("meta_verify_token"),
                   credentials=dict(data.get("credentials") or {}))


def scope(company_id: str, channel: str) -> str:
    return f"{company_id}:{channel}"


def seal(secrets: IntegrationSecrets, ring: Keyring, company_id: str, channel: str) -> str:
    return ring.seal(secrets.to_json(), PURPOSE, scope(company_id, channel))


def open_sealed(sealed: str | None, ring: Keyring, company_id: str,
                channel: str) -> IntegrationSecrets:
    """The document, or an empty one for a row that never had secrets. Raises SealError."""
    if not sealed:
        return IntegrationSecrets()
    return IntegrationSecrets.from_json(ring.open(sealed, PURPOSE, scope(company_id, channel)))


def mask(value: str | None) -> str:
    """Last 4 characters only when the value is long enough for them not to give it away."""
    if not value:
        return ""
    return MASK + value[-4:] if len(value) >= 12 else MASK


def checked_channel(channel: str) -> str:
    if channel not in registry.CHANNELS:
        raise Refused("channel")
    return channel


def outbound_url(url: str | None) -> str | None:
    """An http(s) URL with a host and no user:password part, or None to clear it."""
    url = (url or "").strip()
    if not url:
        return None
    if len(url) > MAX_URL_CHARS or any(ch.isspace() for ch in url):
        raise Refused("url")
    split_url(url)
    return url


def webhook_url(public_url: str, channel: str, public_key: str) -> str:
    return f"{public_url.rstrip('/')}/webhooks/{channel}?{urlencode({'integration': public_key})}"


def status_url(public_url: str, public_key: str) -> str:
    """Where n8n reports what happened to a reply (the `callback_url` Omni sends with it)."""
    return f"{public_url.rstrip('/')}/webhooks/status?{urlencode({'integration': public_key})}"



def _secret_value(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_SECRET_CHARS:
        raise Refused("value")
    return value or None
