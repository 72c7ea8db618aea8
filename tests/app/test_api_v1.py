"""/api/v1 over in-process HTTP (ASGI) against a real Supabase (localbase): API keys and user
tokens, each scoped to its own clinic by row-level security."""
from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timezone

import psycopg
import pytest
from postgrest.exceptions import APIError

from omni_app import services
from omni_app.domain import api_keys
from omni_app.domain.refusals import Refused
from tests.app.conftest import SEED, as_user, cookie_for, new_email, service_client, sign_in
from tests.app.clinics import Clinic, inbound, new_clinic


async def access_token(clinic: Clinic) -> str:
    return (await (await services.current().session_store()).resolve(clinic.cookie)).access_token


async def key_for(clinic: Clinic, name: str = "n8n agent") -> tuple[dict, str]:
    return await api_keys.create(await clinic.user(), name)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def clinic_with_conversation(phone: str) -> tuple[Clinic, str]:
    clinic = await new_clinic()
    message = await inbound(clinic.company_id, "Oi, quero marcar", phone=phone, name="Rita")
    return clinic, message["conversation_id"]


def unique_phone() -> str:
    return "+5511" + "9" + str(uuid.uuid4().int)[:8]


async def test_api_key_and_user_token_each_see_only_their_clinic(http):
    mine, my_conversation = await clinic_with_conversation(unique_phone())
    theirs, their_conversation = await clinic_with_conversation(unique_phone())
    _, key = await key_for(mine)

    for token in (key, await access_token(mine)):
        listed = await http.get("/api/v1/conversations", headers=bearer(token))
        assert listed.status_code == 200, listed.text
        assert [c["id"] for c in listed.json()["conversations"]] == [my_conversation]

        page = await http.get(f"/api/v1/conversations/{my_conversation}", headers=bearer(token))
        assert page.status_code == 200
        assert page.json()["conversation"]["client_name"] == "Rita"
        assert [msg["content"] for msg in page.json()["messages"]] == ["Oi, quero marcar"]

        other = await http.get(f"/api/v1/conversations/{their_conversation}",
                               headers=bearer(token))
        assert other.status_code == 404 and other.json()["error"]
    theirs_listed = await http.get("/api/v1/conversations",
                                   headers=bearer(await access_token(theirs)))
    assert [c["id"] for c in theirs_listed.json()["conversations"]] == [their_conversation]


async def test_messages_are_paged_with_a_cursor(http):
    clinic, conversation_id = await clinic_with_conversation(phone := unique_phone())
    for text in ("segunda", "terceira"):
        await inbound(clinic.company_id, text, phone=phone, name="Rita")
    _, key = await key_for(clinic)

    first = (await http.get(f"/api/v1/conversations/{conversation_id}?limit=2",
                            headers=bearer(key))).json()
    assert [msg["content"] for msg in first["messages"]] == ["terceira", "segunda"]
    second = (await http.get(f"/api/v1/conversations/{conversation_id}",
                             params={"limit": 2, "before": first["next_cursor"]},
                             headers=bearer(key))).json()
    assert [msg["content"] for msg in second["messages"]] == ["Oi, quero marcar"]
    assert second["next_cursor"] is None
    bad = await http.get(f"/api/v1/conversations/{conversation_id}?before=garbage",
                         headers=bearer(key))
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]


async def test_same_second_messages_come_in_their_numbered_order(http):
    clinic = await new_clinic()
    at = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    phone = unique_phone()
    rows = [await inbound(clinic.company_id, f"parte {n}", phone=phone, occurred_at=at)
            for n in range(1, 5)]
    _, key = await key_for(clinic)
    path = f"/api/v1/conversations/{rows[0]['conversation_id']}"
    first = (await http.get(path, params={"limit": 2}, headers=bearer(key))).json()
    second = (await http.get(path, params={"limit": 2, "before": first["next_cursor"]},
                             headers=bearer(key))).json()
    shown = first["messages"] + second["messages"]
    assert [(m["content"], m["seq"]) for m in shown] == [
        ("parte 4", 4), ("parte 3", 3), ("parte 2", 2), ("parte 1", 1)]
    assert first["conversation"]["last_message_preview"] == "parte 4"


async def test_conversations_are_paged_with_a_cursor_and_counted(http):
    clinic = await new_clinic()
    ids = [(await inbound(clinic.company_id, "Oi", phone=unique_phone(), name="João Lima"))
           ["conversation_id"] for _ in range(5)]
    _, key = await key_for(clinic)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"after": cursor} if cursor else {})}
        page = (await http.get("/api/v1/conversations", params=params,
                               headers=bearer(key))).json()
        assert page["total"] == (None if cursor else 5)
        seen += [c["id"] for c in page["conversations"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    found = (await http.get("/api/v1/conversations", params={"q": "JOAO"},
                            headers=bearer(key))).json()
    assert found["total"] == 5
    for bad in ("garbage", "WyJ4IiwieSJd"):        # not base64 JSON; ["x","y"]
        refused = await http.get("/api/v1/conversations", params={"after": bad},
                                 headers=bearer(key))
        assert refused.status_code == 400 and "cursor" in refused.json()["error"]


async def test_a_reply_may_quote_a_message_of_its_conversation(http):
    clinic, conversation_id = await clinic_with_conversation(unique_phone())
    other = await inbound(clinic.company_id, "Outro", phone=unique_phone())
    _, key = await key_for(clinic)
    first = (await http.get(f"/api/v1/conversations/{conversation_id}",
                            headers=bearer(key))).json()["messages"][0]
    sent = await http.post("/api/v1/messages", headers=bearer(key), json={
        "conversation_id": conversation_id, "text": "Sim!", "reply_to": first["id"]})
    assert sent.status_code == 202, sent.text
    refused = await http.post("/api/v1/messages", headers=bearer(key), json={
        "conversation_id": conversation_id, "text": "Sim!",
        "reply_to": other["interaction_id"]})
    assert refused.status_code == 422 and "reply_to" in refused.json()["error"]


async def test_send_queues_the_reply_as_the_key_creator(http):
    clinic, conversation_id = await clinic_with_conversation(unique_phone())
    _, key = await key_for(clinic)

    response = await http.post("/api/v1/messages", headers=bearer(key),
                               json={"conversation_id": conversation_id, "text": "Olá, Rita!"})

    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "queued" and body["direction"] == "outbound"
    assert body["conversation_id"] == conversation_id
    stored = (await (await service_client()).table("interactions")
              .select("content,sent_by,company_id").eq("id", body["id"]).execute()).data
    assert stored == [{"content": "Olá, Rita!", "sent_by": clinic.user_id,
                       "company_id": clinic.company_id}]


async def test_send_to_another_clinics_conversation_is_not_found(http):
    mine, _ = await clinic_with_conversation(unique_phone())
    _, theirs = await clinic_with_conversation(unique_phone())
    _, key = await key_for(mine)
    response = await http.post("/api/v1/messages", headers=bearer(key),
                               json={"conversation_id": theirs, "text": "intruso"})
    assert response.status_code == 404 and response.json()["error"]


@pytest.mark.parametrize("body, status", [
    ({"conversation_id": "not-a-uuid", "text": "oi"}, 422),
    ({"text": "oi"}, 422),
    ({"conversation_id": str(uuid.uuid4()), "text": ""}, 422),
    ({"conversation_id": str(uuid.uuid4()), "text": "oi", "extra": 1}, 422),
    ("not json at all", 400),
])
async def test_bad_bodies_are_4xx_json(http, body, status):
    clinic = await new_clinic()
    _, key = await key_for(clinic)
    kwargs = {"content": body} if isinstance(body, str) else {"json": body}
    response = await http.post("/api/v1/messages", headers=bearer(key), **kwargs)
    assert response.status_code == status
    assert response.json()["error"]


async def test_bad_query_parameters_are_422_json(http):
    clinic = await new_clinic()
    _, key = await key_for(clinic)
    for query in ("status=maybe", "limit=0", "limit=many", "channel=fax"):
        response = await http.get(f"/api/v1/conversations?{query}", headers=bearer(key))
        assert response.status_code == 422 and response.json()["details"], query


async def test_find_client_by_phone_in_any_format(http):
    clinic, _ = await clinic_with_conversation("+5541988887777")
    other, _ = await clinic_with_conversation("+5541988887777")
    _, key = await key_for(clinic)
    for typed in ("+55 41 98888-7777", "(41) 98888-7777", "5541988887777",
                  "whatsapp:+5541988887777", "+55 41 8888-7777"):
        response = await http.get("/api/v1/clients", params={"phone": typed}, headers=bearer(key))
        assert response.status_code == 200, (typed, response.text)
        [found] = response.json()["clients"]
        assert found["phone"] == "+5541988887777" and found["full_name"] == "Rita"
    rows = (await (await service_client()).table("clients").select("id")
            .eq("company_id", other.company_id).execute()).data
    assert found["id"] not in {row["id"] for row in rows}

    missing = await http.get("/api/v1/clients", params={"phone": "+5541977776666"},
                             headers=bearer(key))
    assert missing.status_code == 200 and missing.json()["clients"] == []
    assert missing.json()["total"] == 0
    invalid = await http.get("/api/v1/clients", params={"phone": "abc"}, headers=bearer(key))
    assert invalid.status_code == 422 and "phone" in invalid.json()["error"]


async def test_revoked_unknown_and_missing_credentials_are_401(http):
    clinic = await new_clinic()
    row, key = await key_for(clinic)
    assert (await http.get("/api/v1/conversations", headers=bearer(key))).status_code == 200

    revoked = await api_keys.revoke(await clinic.user(), row["id"])

    assert revoked["revoked_at"]
    for headers in (bearer(key), bearer(api_keys.new_key()), bearer("not-a-jwt"), {}):
        response = await http.get("/api/v1/conversations", headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]


async def test_a_user_without_a_clinic_is_forbidden(http):
    email, password = new_email(), f"pw-{uuid.uuid4().hex}"
    await (await service_client()).auth.admin.create_user(
        {"email": email, "password": password, "email_confirm": True})
    session = await sign_in(email, password)
    response = await http.get("/api/v1/conversations", headers=bearer(session.access_token))
    assert response.status_code == 403 and response.json()["error"]


async def test_api_keys_need_the_jwt_secret(http, monkeypatch):
    clinic = await new_clinic()
    _, key = await key_for(clinic)
    monkeypatch.setattr(services.current().settings, "supabase_jwt_secret", None)
    response = await http.get("/api/v1/conversations", headers=bearer(key))
    assert response.status_code == 503 and "SUPABASE_JWT_SECRET" in response.json()["error"]


async def test_keys_are_stored_hashed_and_managed_by_admins_only(http, app_lb):
    clinic = await new_clinic()
    row, key = await key_for(clinic, "agente")
    assert row["prefix"] == key[:12] and "key_hash" not in row
    await http.get("/api/v1/conversations", headers=bearer(key))

    with psycopg.connect(app_lb.admin_dsn) as conn:
        stored = conn.execute("select to_jsonb(k)::text, key_hash, last_used_at "
                              "from public.api_keys k where id = %s", (row["id"],)).fetchone()
        audit = conn.execute("select coalesce(string_agg(details::text, ' '), '') "
                             "from public.audit_log where entity_id = %s", (row["id"],)).fetchone()
    assert key not in stored[0] and key not in audit[0]
    assert stored[1] == api_keys.key_hash(key) and stored[2] is not None

    listed = await api_keys.list_keys(await clinic.user())
    assert [k["id"] for k in listed] == [row["id"]]
    other = await new_clinic()
    assert await api_keys.list_keys(await other.user()) == []
    with pytest.raises(Refused):
        await api_keys.revoke(await other.user(), row["id"])


async def test_one_reference_documents_the_api_and_the_webhooks(http):
    spec = (await http.get("/api/v1/openapi.json")).json()
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/messages", "/api/v1/conversations", "/api/v1/conversations/{conversation_id}",
            "/api/v1/clients", "/api/v1/clients/{client_id}", "/api/v1/clients/{client_id}/stage",
            "/webhooks/whatsapp", "/webhooks/instagram", "/webhooks/status"} <= set(spec["paths"])
    assert not any(path.startswith("/api/auth") for path in spec["paths"])
    send = spec["paths"]["/api/v1/messages"]["post"]
    assert send["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/SendMessage")
    assert "conversation_id" in spec["components"]["schemas"]["SendMessage"]["properties"]
    assert set(send["responses"]) >= {"202", "401", "404", "409", "422", "429"}
    clients = spec["paths"]["/api/v1/clients"]
    assert set(clients) >= {"get", "post"}
    assert {"q", "stage", "tag", "limit", "cursor"} <= {
        p["name"] for p in clients["get"]["parameters"]}
    assert "total" in clients["get"]["description"]
    assert set(spec["paths"]["/api/v1/clients/{client_id}"]) >= {"get", "patch"}
    for path, method, body in (("/api/v1/clients", "post", "ClientCreate"),
                               ("/api/v1/clients/{client_id}", "patch", "ClientPatch"),
                               ("/api/v1/clients/{client_id}/stage", "post", "StageChange")):
        operation = spec["paths"][path][method]
        assert operation["requestBody"]["content"]["application/json"]["schema"][
            "$ref"].endswith(f"/{body}")
        assert set(operation["responses"]) >= {"401", "422", "429"}
    assert "409" in spec["paths"]["/api/v1/clients"]["post"]["responses"]
    client = spec["components"]["schemas"]["Client"]["properties"]
    assert "cpf" not in client and {"stage", "owner_id", "birth_date", "created_at"} <= set(client)
    assert "cpf" in spec["components"]["schemas"]["ClientCreate"]["properties"]
    whatsapp = spec["paths"]["/webhooks/whatsapp"]
    headers = {p["name"] for p in whatsapp["post"]["parameters"] if p["in"] == "header"}
    assert headers >= {"X-Omni-Signature", "X-Omni-Timestamp", "X-Hub-Signature-256"}
    examples = whatsapp["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert {"omni", "meta"} <= set(examples)
    assert "hub.challenge" in {p["name"] for p in whatsapp["get"]["parameters"]}
    assert "OmniMessage" in spec["components"]["schemas"]
    # every $ref points at a schema the document holds
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert refs and refs <= set(spec["components"]["schemas"])

    page = await http.get("/api/v1/docs")
    assert page.status_code == 200 and "/api/v1/openapi.json" in page.text
    assets = re.findall(r'(?:src|href)="(/api/v1/docs-assets/[^"]+)"', page.text)
    assert len(assets) >= 2 and not re.search(r'(?:src|href)="https?://', page.text)
    for asset in assets:
        assert (await http.get(asset)).status_code == 200, asset


async def test_staff_can_neither_create_nor_list_keys(app_env):
    cookie = await cookie_for(*SEED["staff"])
    active = await (await services.current().session_store()).resolve(cookie)
    staff = await as_user(active.access_token)
    with pytest.raises(APIError) as refused:
        await api_keys.create(staff, "staff key")
    assert refused.value.code == "PT403"
    assert await api_keys.list_keys(staff) == []
