"""An integration's sealed secrets document, its rotation rules and the n8n recipe (pure)."""
from __future__ import annotations

import base64
import os
from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring, SealError
from omni_app.domain.integration_secrets import IntegrationSecrets
from omni_app.domain.refusals import Refused
from omni_app.domain.n8n_recipe import http_node_settings

KEY_1, KEY_2 = os.urandom(32), os.urandom(32)
RING = Keyring({1: KEY_1}, current=1)
COMPANY, OTHER_COMPANY = "6f1c0d7e-0000-4000-8000-000000000001", "6f1c0d7e-0000-4000-8000-2"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def full() -> IntegrationSecrets:
    secrets, _ = IntegrationSecrets().rotated(NOW)
    secrets, _ = secrets.rotated(NOW)
    return (secrets.with_meta("meta_app_secret", "meta-app-secret-ä")
            .with_meta("meta_verify_token", "verify-token-123")
            .with_credential("api_key", "provider-key-ü"))


def test_the_document_round_trips_sealed_and_shows_nothing_in_clear():
    secrets = full()
    sealed = vault.seal(secrets, RING, COMPANY, "whatsapp")
    for value in (secrets.signing_secret, secrets.previous_signing_secret, "meta-app-secret",
                  "verify-token", "provider-key", "api_key"):
        assert value not in sealed
    opened = vault.open_sealed(sealed, RING, COMPANY, "whatsapp")
    assert opened == secrets
    assert opened.previous_valid_until == NOW + vault.ROTATION_GRACE


def test_a_sealed_document_opens_only_on_its_own_company_and_channel():
    sealed = vault.seal(full(), RING, COMPANY, "whatsapp")
    for company, channel in ((COMPANY, "instagram"), (OTHER_COMPANY, "whatsapp")):
        with pytest.raises(SealError):
            vault.open_sealed(sealed, RING, company, channel)


def test_tampering_is_detected():
    sealed = vault.seal(full(), RING, COMPANY, "whatsapp")
    raw = bytearray(base64.urlsafe_b64decode(sealed.split(".", 1)[1]))
    raw[20] ^= 1
    with pytest.raises(SealError):
        vault.open_sealed("v1." + base64.urlsafe_b64encode(bytes(raw)).decode(), RING, COMPANY,
                          "whatsapp")


def test_master_key_rotation_opens_old_documents_and_reseals_with_the_new_version():
    old = vault.seal(full(), RING, COMPANY, "whatsapp")
    rotated_ring = Keyring({1: KEY_1, 2: KEY_2}, current=2)
    opened = vault.open_sealed(old, rotated_ring, COMPANY, "whatsapp")
    assert Keyring.version_of(vault.seal(opened, rotated_ring, COMPANY, "whatsapp")) == 2
    with pytest.raises(SealError):
        vault.open_sealed(old, Keyring({2: KEY_2}, current=2), COMPANY, "whatsapp")


def test_a_row_without_secrets_opens_as_an_empty_document():
    empty = vault.open_sealed(None, RING, COMPANY, "whatsapp")
    assert empty == IntegrationSecrets() and empty.signing_secrets(NOW) == ()


def test_rotation_keeps_the_previous_secret_for_the_grace_period_only():
    first, first_secret = IntegrationSecrets().rotated(NOW)
    assert first.signing_secrets(NOW) == (first_secret,) and first.previous_signing_secret is None
    second, second_secret = first.rotated(NOW)
    assert len(second_secret) >= 43 and second_secret != first_secret
    assert second.signing_secrets(NOW + timedelta(hours=23)) == (second_secret, first_secret)
    assert second.signing_secrets(NOW + timedelta(hours=24)) == (second_secret,)
    third, third_secret = second.rotated(NOW + timedelta(hours=1))
    assert third.signing_secrets(NOW + timedelta(hours=2)) == (third_secret, second_secret)


def test_meta_fields_and_credentials_are_set_and_cleared():
    secrets = full()
    assert secrets.with_meta("meta_app_secret", "  ").meta_app_secret is None
    assert "api_key" not in secrets.with_credential("api_key", "").credentials
    with pytest.raises(Refused):
        secrets.with_meta("signing_secret", "mine")
    for name in ("", "has space", "x" * 65, "ção"):
        with pytest.raises(Refused):
            secrets.with_credential(name, "v")
    with pytest.raises(Refused):
        secrets.with_credential("big", "x" * 5000)


def test_repr_never_prints_a_secret():
    secrets = full()
    assert secrets.signing_secret not in repr(secrets) and "meta" not in repr(secrets)


@pytest.mark.parametrize("value, shown", [
    (None, ""), ("", ""), ("short", "••••"), ("elevenchars", "••••"),
    ("a-long-secret-1234", "••••1234"),
])
def test_masks_show_at_most_the_last_four_characters(value, shown):
    assert vault.mask(value) == shown


@pytest.mark.parametrize("url, expected", [
    ("https://n8n.example.com/webhook/abc", "https://n8n.example.com/webhook/abc"),
    ("  http://10.0.0.5:5678/webhook/x  ", "http://10.0.0.5:5678/webhook/x"),
    ("", None), ("   ", None), (None, None),
])
def test_outbound_urls_that_are_accepted(url, expected):
    assert vault.outbound_url(url) == expected


@pytest.mark.parametrize("url", [
    "ftp://n8n.example.com/x", "javascript:alert(1)", "n8n.example.com/webhook", "https://",
    "https://user:pass@n8n.example.com/x", "https://n8n.example.com/a b",
    "https://n8n.example.com:99999/x", "https://" + "a" * 2050 + ".com",
])
def test_outbound_urls_that_are_refused(url):
    with pytest.raises(Refused):
        vault.outbound_url(url)


def test_channels_and_webhook_urls():
    assert vault.checked_channel("instagram") == "instagram"
    with pytest.raises(Refused):
        vault.checked_channel("telegram")
    assert vault.webhook_url("https://omni.example/", "whatsapp", "ab12") == \
        "https://omni.example/webhooks/whatsapp?integration=ab12"


def test_http_node_settings_name_the_url_key_and_headers():
    text = http_node_settings("https://omni.example/webhooks/whatsapp?integration=k1", "k1")
    for part in ("POST", "integration=k1", "X-Omni-Integration: k1", "X-Omni-Timestamp",
                 "X-Omni-Signature", "Raw", "{{ $json.body }}"):
        assert part in text
