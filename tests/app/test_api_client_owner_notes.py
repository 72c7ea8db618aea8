"""/api/v1 over in-process HTTP against localbase: a client's owner written and filtered
(`owner_id`, `owner_id=none`), refused with 422 when not a member of the clinic; the Instagram id
written and a taken one refused with 409 naming its client; `upcoming=true`; and a client's notes
listed (pinned first, then newest) and added (201; 422 empty or too long; 404 for another
clinic's client), all in the OpenAPI document."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from tests.app.clinics import new_clinic
from tests.app.conftest import service_client
from tests.app.test_api_clients import key_of
from tests.app.test_api_v1 import access_token, bearer


async def test_owner_is_written_filtered_and_must_be_a_member(http):
    clinic, other = await new_clinic(), await new_clinic()
    key = await key_of(clinic)
    owned = await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Com Dono", "owner_id": clinic.user_id})
    assert owned.status_code == 201, owned.text
    assert owned.json()["owner_id"] == clinic.user_id
    loose = (await http.post("/api/v1/clients", headers=bearer(key),
                             json={"full_name": "Sem Dono"})).json()
    assert loose["owner_id"] is None

    async def names(**params) -> list[str]:
        answer = await http.get("/api/v1/clients", headers=bearer(key), params=params)
        assert answer.status_code == 200, answer.text
        return [c["full_name"] for c in answer.json()["clients"]]
    assert await names(owner_id=clinic.user_id) == ["Com Dono"]
    assert await names(owner_id=clinic.user_id.upper()) == ["Com Dono"]
    assert await names(owner_id="none") == ["Sem Dono"]
    assert await names(owner_id=other.user_id) == []
    assert await names() == ["Com Dono", "Sem Dono"]
    for bad in ("me", "123", "none;drop"):
        answer = await http.get("/api/v1/clients", headers=bearer(key),
                                params={"owner_id": bad})
        assert answer.status_code == 422, bad

    path = f"/api/v1/clients/{loose['id']}"
    for owner in (other.user_id, str(uuid.uuid4())):
        for answer in (await http.patch(path, headers=bearer(key), json={"owner_id": owner}),
                       await http.post("/api/v1/clients", headers=bearer(key),
                                       json={"full_name": "X", "owner_id": owner})):
            assert answer.status_code == 422, answer.text
            assert any("owner_id" in p["loc"] for p in answer.json()["details"])
    assert await names() == ["Com Dono", "Sem Dono"]           # nothing stored
    changed = await http.patch(path, headers=bearer(key), json={"owner_id": clinic.user_id})
    assert changed.status_code == 200 and changed.json()["owner_id"] == clinic.user_id
    kept = await http.patch(path, headers=bearer(key), json={"email": "a@b.com"})
    assert kept.json()["owner_id"] == clinic.user_id           # untouched when not sent
    cleared = await http.patch(path, headers=bearer(key), json={"owner_id": None})
    assert cleared.status_code == 200 and cleared.json()["owner_id"] is None


async def test_instagram_id_is_written_and_a_taken_one_is_409_naming_its_client(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    rita = await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Rita", "instagram_id": "@rita.sorriso"})
    assert rita.status_code == 201 and rita.json()["instagram_id"] == "rita.sorriso"
    bia = (await http.post("/api/v1/clients", headers=bearer(key),
                           json={"full_name": "Bia"})).json()
    for answer in (await http.post("/api/v1/clients", headers=bearer(key), json={
                       "full_name": "Outra", "instagram_id": "rita.sorriso"}),
                   await http.patch(f"/api/v1/clients/{bia['id']}", headers=bearer(key),
                                    json={"instagram_id": "@rita.sorriso"})):
        assert answer.status_code == 409, answer.text
        assert answer.json()["client_id"] == rita.json()["id"] and "Rita" in answer.text
    bad = await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Outra", "instagram_id": "rita sorriso"})
    assert bad.status_code == 422
    assert any("instagram_id" in p["loc"] for p in bad.json()["details"])
    renamed = await http.patch(f"/api/v1/clients/{rita.json()['id']}", headers=bearer(key),
                               json={"full_name": "Rita Lima"})
    assert renamed.json()["instagram_id"] == "rita.sorriso"    # kept by a partial edit


async def test_upcoming_lists_clients_with_an_appointment_to_come(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    soon, past = [(await http.post("/api/v1/clients", headers=bearer(key),
                                   json={"full_name": name})).json() for name in ("Logo", "Foi")]
    now = datetime.now(timezone.utc)
    await (await service_client()).table("appointments").insert([
        {"company_id": clinic.company_id, "client_id": client["id"],
         "starts_at": (now + hours).isoformat(),
         "ends_at": (now + hours + timedelta(minutes=30)).isoformat(), "status": "scheduled"}
        for client, hours in ((soon, timedelta(hours=5)), (past, -timedelta(hours=5)))
    ]).execute()
    page = (await http.get("/api/v1/clients", headers=bearer(key),
                           params={"upcoming": "true"})).json()
    assert [c["full_name"] for c in page["clients"]] == ["Logo"] and page["total"] == 1


async def test_notes_are_listed_and_added(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    client = (await http.post("/api/v1/clients", headers=bearer(key),
                              json={"full_name": "Com Notas"})).json()
    path = f"/api/v1/clients/{client['id']}/notes"
    assert (await http.get(path, headers=bearer(key))).json() == {"notes": []}
    added = []
    for text in ("  primeira  ", "segunda", "terceira"):
        answer = await http.post(path, headers=bearer(key), json={"text": text})
        assert answer.status_code == 201, answer.text
        added.append(answer.json())
    assert added[0]["text"] == "primeira" and added[0]["pinned"] is False
    assert added[0]["author_id"] == clinic.user_id and added[0]["author_name"]
    user = await clinic.user()
    await user.rpc("pin_client_note", {"p_note_id": added[0]["id"], "p_pinned": True}).execute()
    listed = (await http.get(path, headers=bearer(await access_token(clinic)))).json()["notes"]
    assert [n["text"] for n in listed] == ["primeira", "terceira", "segunda"]
    assert set(listed[0]) == {"id", "text", "pinned", "author_id", "author_name", "created_at"}

    for body in ({"text": "   "}, {"text": "x" * 4001}, {}, {"text": "ok", "pinned": True}):
        refused = await http.post(path, headers=bearer(key), json=body)
        assert refused.status_code == 422 and refused.json()["details"], body
    assert len((await http.get(path, headers=bearer(key))).json()["notes"]) == 3


async def test_another_clinics_client_notes_are_404(http):
    clinic, other = await new_clinic(), await new_clinic()
    their_key = await key_of(other)
    theirs = (await http.post("/api/v1/clients", headers=bearer(their_key),
                              json={"full_name": "Alheia"})).json()
    key = await key_of(clinic)
    for client_id in (theirs["id"], str(uuid.uuid4()), "not-an-id"):
        path = f"/api/v1/clients/{client_id}/notes"
        for answer in (await http.get(path, headers=bearer(key)),
                       await http.post(path, headers=bearer(key), json={"text": "intrusa"})):
            assert answer.status_code == 404, answer.text
            assert answer.json()["error"] == "client not found"
    their_notes = (await http.get(f"/api/v1/clients/{theirs['id']}/notes",
                                  headers=bearer(their_key))).json()
    assert their_notes == {"notes": []}


async def test_the_document_describes_notes_owner_and_upcoming(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    notes = document["paths"]["/api/v1/clients/{client_id}/notes"]
    assert {"get", "post"} <= set(notes)
    assert notes["post"]["responses"].keys() >= {"201", "404", "422"}
    body = notes["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["text"]
    listing = document["paths"]["/api/v1/clients"]["get"]
    parameters = {p["name"]: p for p in listing["parameters"]}
    assert {"owner_id", "upcoming"} <= set(parameters)
    assert "none" in parameters["owner_id"]["description"]
    create = document["components"]["schemas"]["ClientCreate"]["properties"]
    assert {"owner_id", "instagram_id"} <= set(create)
