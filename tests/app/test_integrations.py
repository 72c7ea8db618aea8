"""Settings → Integrations against a real localbase: admins only, secrets sealed, webhooks
resolve the clinic's integration by its public key."""
from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import psycopg
import pytest
from postgrest.exceptions import APIError

from omni_app import services
from omni_app.domain import integrations, team
from omni_app.domain.signing import sign_headers, verify_omni
from omni_app.state.integrations import IntegrationsState
from omni_app.domain.refusals import Refused
from tests.app.conftest import SEED, cookie_for, joined_member, new_email, service_client, tab
from tests.app.test_states import ADMINS_ONLY, redirect_target

PATH = "/settings/integrations"


async def resolve(service, public_key: str, **options):
    """What the webhooks see: the active integration behind a key, secrets opened."""
    return await integrations.resolve(service, public_key, services.current().keyring, **options)


@dataclass
class Clinic:
    company_id: str
    admin_cookie: str
    staff_cookie: str


async def new_clinic(timezone_name: str = "America/Manaus") -> Clinic:
    """A fresh clinic with an admin and a staff member, so tests do not share rows."""
    email, password = new_email(), "integration-admin-password"
    service = await service_client()
    await service.auth.admin.create_user({"email": email, "password": password,
                                          "email_confirm": True})
    admin_cookie = await cookie_for(email, password)
    admin = tab(IntegrationsState, admin_cookie, PATH)
    user = await admin._user_client()
    await user.rpc("create_company", {"p_name": "Clínica Integrações",
                                      "p_timezone": timezone_name, "p_locale": "en"}).execute()
    assert await admin.require_admin() is None
    _, staff_cookie = await joined_member(user)
    return Clinic(admin.company_id, admin_cookie, staff_cookie)


async def loaded_admin(clinic: Clinic) -> IntegrationsState:
    admin = tab(IntegrationsState, clinic.admin_cookie, PATH)
    assert await admin.require_admin() is None
    assert await admin.load() is None
    return admin


@pytest.fixture
async def clinic(app_env) -> Clinic:
    return await new_clinic()


async def test_admin_enables_whatsapp_and_rotates_then_webhooks_resolve_it(clinic):
    admin = await loaded_admin(clinic)
    assert set(admin.integrations) == {"whatsapp", "instagram"}
    assert admin.integrations["whatsapp"].webhook_url == ""

    await admin.rotate_secret("whatsapp")
    first = admin.revealed["whatsapp"]
    assert not admin.notice_failed and set(admin.revealed) == {"whatsapp"} and len(first) >= 43
    view = admin.integrations["whatsapp"]
    assert view.signing_secret == "••••" + first[-4:]
    key = view.public_key
    assert view.webhook_url == f"http://testserver/webhooks/whatsapp?integration={key}"
    assert key in view.recipe_http
    await admin.set_active("whatsapp", True)
    assert admin.integrations["whatsapp"].status == "active"

    service = await service_client()
    resolved = await resolve(service, key)
    assert (resolved.company_id, resolved.channel, resolved.signing_secrets) == \
        (clinic.company_id, "whatsapp", (first,))
    assert first not in repr(resolved)

    await admin.rotate_secret("whatsapp")
    second = admin.revealed["whatsapp"]
    assert second != first and admin.integrations["whatsapp"].grace != ""
    resolved = await resolve(service, key)
    assert resolved.signing_secrets == (second, first)
    body = b'{"channel":"whatsapp","text":"ol\xc3\xa1"}'
    old_headers = sign_headers(first, body)
    assert verify_omni(resolved.signing_secrets, body, old_headers["X-Omni-Timestamp"],
                       old_headers["X-Omni-Signature"])
    later = datetime.now(timezone.utc) + timedelta(hours=25)
    assert (await resolve(service, key, now=later)).signing_secrets == (second,)
    assert (await resolve(service, admin.integrations["instagram"].public_key
                                       or "f" * 36)) is None


async def test_a_new_secret_stays_on_show_whatever_else_is_saved_until_dismissed(clinic):
    """Issue 10 item 7: saving anything else on the page used to hide it for good."""
    admin = await loaded_admin(clinic)
    await admin.rotate_secret("whatsapp")
    secret = admin.revealed["whatsapp"]
    await admin.set_active("whatsapp", True)
    await admin.save_outbound_url({"channel": "whatsapp",
                                   "outbound_url": "http://localhost:5678/webhook/abc"})
    await admin.save_outbound_url({"channel": "instagram", "outbound_url": "ftp://nope"})
    await admin.save_meta({"channel": "whatsapp", "meta_verify_token": "verify-me-please"})
    await admin.save_credential({"channel": "whatsapp", "name": "token", "value": "t-0001"})
    await admin.rotate_secret("instagram")
    assert admin.revealed["whatsapp"] == secret and admin.revealed["instagram"] != secret

    admin.hide_secret("whatsapp")
    assert set(admin.revealed) == {"instagram"}
    await admin.load()  # the page opened again: nothing from the last visit is on show
    assert admin.revealed == {}


async def test_each_result_is_shown_where_the_change_was_made(clinic):
    admin = await loaded_admin(clinic)
    saved, tr = [], admin.tr
    for change in (admin.set_active("instagram", True),
                   admin.save_outbound_url({"channel": "whatsapp",
                                            "outbound_url": "http://10.0.0.8/hook"}),
                   admin.save_outbound_url({"channel": "whatsapp",
                                            "outbound_url": "http://localhost:5678/w"}),
                   admin.save_meta({"channel": "instagram", "meta_app_secret": "app-secret-42"}),
                   admin.save_credential({"channel": "instagram", "name": "token", "value": " "}),
                   admin.remove_credential("instagram", "missing")):
        await change
        saved.append((admin.notice_at, admin.notice, admin.notice_failed))
    assert saved == [
        ("instagram.status", tr["integrations.saved"], False),
        ("whatsapp.outbound", tr["integrations.error.url_private"], True),
        ("whatsapp.outbound", tr["integrations.saved"], False),
        ("instagram.meta", tr["integrations.saved"], False),
        ("instagram.credentials", tr["integrations.error.value"], True),
        ("instagram.credentials", tr["integrations.saved"], False)]


async def test_the_recipe_speaks_the_admins_language_and_links_the_workflows(clinic):
    admin = await loaded_admin(clinic)  # this clinic's admin reads English
    await admin.rotate_secret("instagram")
    view = admin.integrations["instagram"]
    assert view.recipe_sign.startswith("// Signs the message for Omni")
    assert "OMNI_INSTAGRAM_SIGNING_SECRET" in view.recipe_verify
    assert f"webhooks/status?integration={view.public_key}" in view.recipe_reply
    assert (view.inbound_workflow_url, view.outbound_workflow_url) == (
        "/api/integrations/instagram/n8n/inbound.json",
        "/api/integrations/instagram/n8n/outbound.json")
    assert admin.revealed["instagram"] not in str(view)
    assert admin.integrations["whatsapp"].inbound_workflow_url == ""  # not set up yet


async def test_admin_sets_urls_meta_secrets_and_credentials(clinic):
    admin = await loaded_admin(clinic)
    await admin.save_outbound_url({"channel": "whatsapp",
                                   "outbound_url": "http://localhost:5678/webhook/abc"})
    await admin.save_outbound_url({"channel": "whatsapp", "outbound_url": "ftp://nope"})
    assert (admin.notice_at, admin.notice, admin.notice_failed) == \
        ("whatsapp.outbound", admin.tr["integrations.error.url"], True)
    await admin.save_meta({"channel": "whatsapp", "meta_app_secret": "meta-app-secret-0001",
                           "meta_verify_token": "verify-me-please"})
    await admin.save_credential({"channel": "whatsapp", "name": "api_key",
                                 "value": "provider-api-key-9876"})
    await admin.save_credential({"channel": "whatsapp", "name": "bad name", "value": "x"})
    assert (admin.notice_at, admin.notice) == ("whatsapp.credentials",
                                               admin.tr["integrations.error.name"])
    await admin.set_active("whatsapp", True)

    view = admin.integrations["whatsapp"]
    assert view.outbound_url == "http://localhost:5678/webhook/abc"
    assert (view.meta_app_secret, view.meta_verify_token) == ("••••0001", "••••ease")
    assert [(c.name, c.mask) for c in admin.credentials["whatsapp"]] == \
        [("api_key", "••••9876")]
    service = await service_client()
    resolved = await resolve(service, view.public_key)
    assert (resolved.outbound_url, resolved.meta_app_secret, resolved.meta_verify_token,
            resolved.signing_secrets) == ("http://localhost:5678/webhook/abc",
                                          "meta-app-secret-0001", "verify-me-please", ())

    await admin.clear_meta("whatsapp", "meta_verify_token")
    await admin.remove_credential("whatsapp", "api_key")
    assert admin.integrations["whatsapp"].meta_verify_token == ""
    assert admin.credentials["whatsapp"] == []
    assert (await resolve(service, view.public_key)).meta_verify_token is None


async def test_last_received_shows_in_the_clinics_time_zone(clinic):
    admin = await loaded_admin(clinic)
    await admin.set_active("instagram", True)
    assert admin.integrations["instagram"].last_used_at == ""
    service = await service_client()
    resolved = await resolve(service, admin.integrations["instagram"].public_key)
    await integrations.touch(service, resolved.id)
    stored = (await service.table("integrations").select("last_used_at")
              .eq("id", resolved.id).execute()).data[0]["last_used_at"]
    await admin.load()
    expected = datetime.fromisoformat(stored).astimezone(ZoneInfo("America/Manaus"))
    # this clinic reads English: month first, 12-hour clock
    assert admin.integrations["instagram"].last_used_at == \
        expected.strftime("%-m/%-d/%y, %-I:%M\u202f%p")


async def test_inactive_and_unknown_integrations_resolve_to_none(clinic):
    admin = await loaded_admin(clinic)
    await admin.rotate_secret("whatsapp")
    key = admin.integrations["whatsapp"].public_key
    service = await service_client()
    assert await resolve(service, key) is None  # created inactive
    await admin.set_active("whatsapp", True)
    assert await resolve(service, key) is not None
    await admin.set_active("whatsapp", False)
    assert await resolve(service, key) is None
    for unknown in (secrets.token_hex(18), "", "not-a-key", key + "' or '1'='1", None):
        assert await resolve(service, unknown) is None


async def test_staff_cannot_open_the_page_or_change_anything(clinic):
    admin = await loaded_admin(clinic)
    await admin.rotate_secret("whatsapp")
    key = admin.integrations["whatsapp"].public_key
    service = await service_client()
    before = (await service.table("integrations").select("*").eq("public_key", key)
              .execute()).data

    staff = tab(IntegrationsState, clinic.staff_cookie, PATH)
    assert redirect_target(await staff.require_admin()) == ADMINS_ONLY
    assert redirect_target(await staff.load()) == ADMINS_ONLY
    assert redirect_target(await staff.rotate_secret("whatsapp")) == ADMINS_ONLY
    assert redirect_target(await staff.set_active("whatsapp", True)) == ADMINS_ONLY
    assert redirect_target(await staff.save_outbound_url(
        {"channel": "whatsapp", "outbound_url": "https://evil.example/"})) == ADMINS_ONLY
    assert redirect_target(await staff.save_meta(
        {"channel": "whatsapp", "meta_app_secret": "staff-secret"})) == ADMINS_ONLY
    assert staff.integrations == {} and staff.revealed == {}

    # Past the state's check, the database refuses them too.
    user, actor = await staff._user_client(), team.Actor(staff.user_id, clinic.company_id)
    for change in (integrations.set_active(user, actor, "whatsapp", True),
                   integrations.set_outbound_url(user, actor, "whatsapp", "http://127.0.0.1:9/",
                                                 services.current().outbound_policy),
                   integrations.rotate_signing_secret(user, service, services.current().keyring,
                                                      actor, "whatsapp"),
                   integrations.set_active(user, actor, "instagram", True)):
        with pytest.raises(Refused) as refused:
            await change
        assert refused.value.reason == "forbidden"
    with pytest.raises(APIError) as denied:
        await user.table("integrations").select("secrets_sealed").execute()
    assert denied.value.code == "42501"
    assert (await service.table("integrations").select("*").eq("public_key", key)
            .execute()).data == before


async def test_another_clinics_admin_cannot_see_or_change_it(clinic):
    admin = await loaded_admin(clinic)
    await admin.rotate_secret("whatsapp")
    await admin.set_active("whatsapp", True)
    key, row_id = admin.integrations["whatsapp"].public_key, admin.integrations["whatsapp"].id

    other = tab(IntegrationsState, await cookie_for(*SEED["other"]), PATH)
    assert await other.require_admin() is None and other.company_id != clinic.company_id
    await other.load()
    assert key not in str(other.integrations) and row_id not in str(other.integrations)
    user = await other._user_client()
    assert (await user.table("integrations").select("id").eq("id", row_id).execute()).data == []
    changed = await user.table("integrations").update(
        {"status": "inactive"}, count="exact", returning="minimal").eq("id", row_id).execute()
    assert changed.count == 0
    forged = team.Actor(other.user_id, clinic.company_id)  # a company id from the browser
    with pytest.raises(Refused):
        await integrations.set_active(user, forged, "whatsapp", False)
    assert (await resolve(await service_client(), key)) is not None


async def test_concurrent_rotations_keep_both_secrets(clinic):
    admin = await loaded_admin(clinic)
    user, actor = await admin._user_client(), team.Actor(admin.user_id, clinic.company_id)
    service = await service_client()
    await integrations.set_active(user, actor, "whatsapp", True)
    ring = services.current().keyring
    made = await asyncio.gather(*(integrations.rotate_signing_secret(user, service, ring, actor,
                                                                      "whatsapp")
                                  for _ in range(2)))
    await admin.load()
    resolved = await resolve(service, admin.integrations["whatsapp"].public_key)
    assert set(resolved.signing_secrets) == set(made)


async def test_nothing_secret_is_stored_in_plaintext(clinic, app_lb):
    admin = await loaded_admin(clinic)
    await admin.rotate_secret("whatsapp")
    first = admin.revealed["whatsapp"]
    await admin.rotate_secret("whatsapp")
    second = admin.revealed["whatsapp"]
    plain = [first, second, "meta-app-secret-plain", "verify-token-plain",
             "provider-credential-plain"]
    await admin.save_meta({"channel": "whatsapp", "meta_app_secret": plain[2],
                           "meta_verify_token": plain[3]})
    await admin.save_credential({"channel": "whatsapp", "name": "token", "value": plain[4]})
    assert not admin.notice_failed

    with psycopg.connect(app_lb.admin_dsn) as conn:
        rows = conn.execute("select to_jsonb(i)::text from public.integrations i "
                            "where company_id = %s", (clinic.company_id,)).fetchall()
        audit = conn.execute("select action, details::text from public.audit_log "
                             "where company_id = %s", (clinic.company_id,)).fetchall()
    stored = " ".join(row[0] for row in rows)
    assert '"secrets_sealed": "v' in stored
    assert {action for action, _ in audit} >= {"integration.rotate_signing_secret",
                                                "integration.set_secret",
                                                "integration.set_credential"}
    for value in plain:
        assert value not in stored
        assert all(value not in details for _, details in audit)
