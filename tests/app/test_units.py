"""Pure rules: sealing secrets, redirect targets, origins, catalogs, settings."""
from __future__ import annotations

import base64
import os
import string
from pathlib import Path

import pytest
from starlette.requests import Request

from omni_app.api.http import safe_next, same_origin
from omni_app.domain.crypto import Keyring, SealError
from omni_app.i18n import CATALOGS
from omni_app.settings import Settings

KEY_1, KEY_2 = os.urandom(32), os.urandom(32)


def test_sealed_value_opens_only_for_its_purpose_and_scope():
    ring = Keyring({1: KEY_1}, current=1)
    sealed = ring.seal("refresh-token-é", "session", "abc")
    assert "refresh" not in sealed and sealed.startswith("v1.")
    assert ring.open(sealed, "session", "abc") == "refresh-token-é"
    for purpose, scope in (("session", "other-row"), ("integration", "abc")):
        with pytest.raises(SealError):
            ring.open(sealed, purpose, scope)


def test_tampered_or_garbled_values_do_not_open():
    ring = Keyring({1: KEY_1}, current=1)
    sealed = ring.seal("secret", "p", "s")
    raw = bytearray(base64.urlsafe_b64decode(sealed[3:]))
    raw[-1] ^= 1
    with pytest.raises(SealError):
        ring.open("v1." + base64.urlsafe_b64encode(bytes(raw)).decode(), "p", "s")
    with pytest.raises(SealError):
        ring.open("not sealed", "p", "s")


def test_rotation_opens_old_versions_and_seals_with_the_new_one():
    old = Keyring({1: KEY_1}, current=1).seal("secret", "p", "s")
    rotated = Keyring({1: KEY_1, 2: KEY_2}, current=2)
    assert rotated.open(old, "p", "s") == "secret"
    assert Keyring.version_of(rotated.seal("secret", "p", "s")) == 2
    with pytest.raises(SealError):
        Keyring({2: KEY_2}, current=2).open(old, "p", "s")


@pytest.mark.parametrize("target, expected", [
    ("/team?x=1", "/team?x=1"), (None, "/"), ("", "/"), ("https://evil.example/", "/"),
    ("//evil.example", "/"), ("/\\evil.example", "/"), ("team", "/"),
])
def test_redirects_stay_on_this_site(target, expected):
    assert safe_next(target) == expected


def request_with(headers: dict[str, str]) -> Request:
    raw = [(k.encode(), v.encode()) for k, v in {"host": "omni.test", **headers}.items()]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": raw})


def test_same_origin_accepts_our_pages_and_refuses_others():
    assert same_origin(request_with({"origin": "https://omni.test"}))
    assert same_origin(request_with({"referer": "https://omni.test/login"}))
    assert same_origin(request_with({}))
    assert not same_origin(request_with({"origin": "https://evil.example"}))
    assert not same_origin(request_with({"referer": "https://omni.test.evil.example/"}))


def test_every_catalog_has_the_same_keys_and_placeholders():
    reference = CATALOGS["pt-BR"]
    for locale, catalog in CATALOGS.items():
        assert catalog.keys() == reference.keys(), locale
        for key, text in catalog.items():
            assert sorted(_fields(text)) == sorted(_fields(reference[key])), (locale, key)


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_production_refuses_to_start_without_a_master_key(monkeypatch):
    monkeypatch.delenv("OMNI_MASTER_KEY", raising=False)
    with pytest.raises(RuntimeError, match="OMNI_MASTER_KEY is required"):
        Settings(omni_env="production", _env_file=None).master_key()
    with pytest.raises(ValueError, match="32 bytes"):
        Settings(omni_master_key=base64.b64encode(b"short").decode(), _env_file=None).master_key()
    key = base64.b64encode(KEY_1).decode()
    assert Settings(omni_env="production", omni_master_key=key, _env_file=None).master_key() == KEY_1


def test_env_example_documents_every_setting():
    documented = {line.split("=", 1)[0].lstrip("# ").strip()
                  for line in (Path(__file__).parents[2] / ".env.example").read_text().splitlines()
                  if "=" in line}
    assert {name.upper() for name in Settings.model_fields} <= documented
