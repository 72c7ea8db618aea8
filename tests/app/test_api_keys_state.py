"""Settings → Integrations → API keys as a browser tab would drive it (real localbase)."""
from __future__ import annotations

from omni_app.domain import api_keys
from omni_app.state.api_keys import ApiKeysState
from tests.app.conftest import SEED, cookie_for, service_client, tab
from tests.app.clinics import new_clinic
from tests.app.test_states import ADMINS_ONLY, redirect_target

PATH = "/settings/integrations"


async def test_admin_creates_sees_once_and_revokes_a_key(app_env):
    clinic = await new_clinic()
    admin = tab(ApiKeysState, clinic.cookie, PATH)
    assert await admin.load_keys() is None and admin.keys == []

    assert await admin.create_key({"name": "  "}) is None
    assert admin.key_error and admin.created_secret == ""

    assert await admin.create_key({"name": "n8n agent"}) is None
    secret = admin.created_secret
    assert secret.startswith("omni_") and admin.key_error == ""
    assert [(k.name, k.prefix, k.revoked) for k in admin.keys] == [
        ("n8n agent", secret[:12], False)]
    assert all(secret not in str(value) for key in admin.keys for value in vars(key).values())

    admin.hide_key()
    await admin.load_keys()
    assert admin.created_secret == ""

    assert await admin.revoke_key(admin.keys[0].id) is None
    assert admin.keys[0].revoked is True and admin.key_message
    assert await api_keys.resolve(await service_client(), secret) is None


async def test_a_new_key_stays_on_show_while_other_keys_change_until_dismissed(app_env):
    """Issue 10 item 7: revoking another key (or a refused name) hid the new key for good."""
    clinic = await new_clinic()
    admin = tab(ApiKeysState, clinic.cookie, PATH)
    await admin.load_keys()
    await admin.create_key({"name": "old"})
    await admin.create_key({"name": "new"})
    secret = admin.created_secret
    old = next(key for key in admin.keys if key.name == "old")
    await admin.revoke_key(old.id)
    await admin.create_key({"name": "x" * 101})
    assert admin.key_error and admin.created_secret == secret
    admin.hide_key()
    assert admin.created_secret == ""


async def test_staff_are_sent_home(app_env):
    staff = tab(ApiKeysState, await cookie_for(*SEED["staff"]), PATH)
    assert redirect_target(await staff.load_keys()) == ADMINS_ONLY
    assert redirect_target(await staff.create_key({"name": "mine"})) == ADMINS_ONLY
    assert staff.keys == [] and staff.created_secret == ""
