"""Master-key rotation: the keyring opens with every version it knows and seals with the
newest; `python -m omni_app.reseal` moves every sealed value onto the newest, after which the
old key can go. And the session store's per-session locks do not pile up."""
from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.clinics import clinic_with_integration
from omni_app import services
from omni_app.domain import integration_secrets as vault
from omni_app.domain.crypto import Keyring, SealError
from omni_app.domain import reseal as reseal_module
from omni_app.domain import sessions
from omni_app.domain.reseal import reseal
from omni_app.domain.sessions import SessionStore
from tests.app.conftest import SEED, cookie_for, service_client, sign_in, sync_service_client

ROOT = Path(__file__).resolve().parents[2]


async def test_reseal_moves_everything_to_the_new_key_and_the_old_one_can_go(app_env):
    old_key, new_key = os.urandom(32), os.urandom(32)
    old = Keyring({1: old_key}, current=1)
    clinic = clinic_with_integration(sync_service_client(), old, label="Rotation")
    company, row_id = clinic.company_id, clinic.integration_id
    both = Keyring({1: old_key, 2: new_key}, current=2)

    report = await reseal(await service_client(), both)

    assert report.integrations >= 1 and f"integrations {row_id}" not in report.skipped
    row = (await (await service_client()).table("integrations")
           .select("secrets_sealed,key_version,secrets_revision").eq("id", row_id)
           .execute()).data[0]
    assert row["key_version"] == 2 and row["secrets_revision"] == 1
    only_new = Keyring({2: new_key}, current=2)
    opened = vault.open_sealed(row["secrets_sealed"], only_new, company, "whatsapp")
    assert opened.signing_secret == clinic.secret
    with pytest.raises(SealError):
        vault.open_sealed(row["secrets_sealed"], old, company, "whatsapp")


async def test_the_command_reseals_sessions_under_the_configured_key(app_env):
    cookie = await cookie_for(*SEED["staff"])  # sealed under the app's current key (version 1)
    new_key = base64.b64encode(os.urandom(32)).decode()
    env = {**os.environ, "OMNI_MASTER_KEY": new_key, "OMNI_MASTER_KEY_VERSION": "7",
           "OMNI_PREVIOUS_MASTER_KEYS": f"1:{os.environ['OMNI_MASTER_KEY']}"}
    done = subprocess.run([sys.executable, "-m", "omni_app.reseal"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "re-sealed under key version 7" in done.stdout, done.stderr
    rotated = Keyring({7: base64.b64decode(new_key)}, current=7)
    store = SessionStore(await service_client(), lambda: None, rotated, 30)
    try:
        assert await store.resolve(cookie) is not None   # opens with the new key alone
    finally:  # the rest of the session keeps using the app's key: rotate back
        back = Keyring({**rotated.keys, **services.current().keyring.keys}, current=1)
        await reseal(await service_client(), back)


async def test_session_locks_exist_only_while_in_use(app_env):
    store = await services.current().session_store()
    cookies = [await cookie_for(*SEED["staff"]) for _ in range(3)]
    results = await asyncio.gather(*(store.resolve(c) for c in cookies * 10))
    assert all(results)
    assert store._turns == {}


async def test_a_token_refreshed_during_the_reseal_is_not_overwritten(app_env, monkeypatch):
    old = Keyring({1: os.urandom(32)}, current=1)
    both = Keyring({**old.keys, 2: os.urandom(32)}, current=2)
    service = await service_client()
    cookie = await SessionStore(service, lambda: None, old, 30).create(
        await sign_in(*SEED["staff"]), "pytest", "127.0.0.1")
    digest = sessions.token_hash(cookie)
    stale = reseal_module._stale

    async def refreshed_meanwhile(service_, table, columns, ring, **options):
        async for row in stale(service_, table, columns, ring, **options):
            if table == "app_sessions" and row["token_hash"] == digest:
                # what SessionStore._refresh writes, between the reseal's read and its write
                await service.table("app_sessions").update({
                    "refresh_token_sealed": both.seal("refreshed", sessions.PURPOSE, digest),
                    "key_version": both.current}).eq("token_hash", digest).execute()
            yield row

    monkeypatch.setattr(reseal_module, "_stale", refreshed_meanwhile)
    report = await reseal(service, both)

    row = (await service.table("app_sessions").select("id,refresh_token_sealed")
           .eq("token_hash", digest).execute()).data[0]
    assert both.open(row["refresh_token_sealed"], sessions.PURPOSE, digest) == "refreshed"
    assert f"app_sessions {row['id']}" in report.skipped
