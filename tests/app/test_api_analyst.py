"""/api/v1/clients/{id}/snapshot over in-process HTTP against localbase: POST runs the analyst
(or answers a snapshot under 12 hours old unchanged), `force` is for admins and API keys, GET
answers the latest; another clinic's client is 404; both are in the OpenAPI document with the
snapshot's fields."""
from __future__ import annotations

from omni_app import services
from omni_app.domain.analyst.analysis import Analysis
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import joined_member
from tests.app.test_api_clients import key_of
from tests.app.test_api_v1 import bearer

FIELDS = {"summary", "intent", "sentiment", "no_show_risk", "preferences", "objections",
          "next_best_action", "language", "analyzer"}


async def test_post_runs_or_reuses_and_get_answers_the_latest(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    client_id = (await inbound(clinic.company_id, "Quanto custa o clareamento?"))["client_id"]
    path = f"/api/v1/clients/{client_id}/snapshot"

    assert (await http.get(path, headers=bearer(key))).status_code == 404
    made = await http.post(path, headers=bearer(key), json={"force": False})
    assert made.status_code == 200, made.text
    snapshot = made.json()
    assert FIELDS <= set(snapshot) and snapshot["trigger"] == "api"
    Analysis.model_validate({k: snapshot[k] for k in FIELDS - {"analyzer"}})
    assert (await http.get(path, headers=bearer(key))).json()["id"] == snapshot["id"]
    again = await http.post(path, headers=bearer(key), json={"force": False})
    assert again.json()["id"] == snapshot["id"]
    forced = await http.post(path, headers=bearer(key), json={"force": True})
    assert forced.status_code == 200 and forced.json()["id"] != snapshot["id"]
    assert (await http.get(path, headers=bearer(key))).json()["id"] == forced.json()["id"]


async def test_staff_may_not_force_and_bad_bodies_are_refused(http):
    clinic = await new_clinic()
    client_id = (await inbound(clinic.company_id, "Oi"))["client_id"]
    _, staff_cookie = await joined_member(await clinic.user(), "staff")
    token = (await (await services.current().session_store()).resolve(staff_cookie)).access_token
    path = f"/api/v1/clients/{client_id}/snapshot"
    refused = await http.post(path, headers=bearer(token), json={"force": True})
    assert refused.status_code == 403, refused.text
    assert (await http.post(path, headers=bearer(token), json={"force": False})).status_code \
        == 200
    assert (await http.post(path, headers=bearer(token), json={"force": "yes"})).status_code \
        == 422
    assert (await http.post(path, headers=bearer(token), json={"forse": True})).status_code \
        == 422
    assert (await http.post(path, headers=bearer(token), content=b"{")).status_code == 400


async def test_another_clinics_client_is_404(http):
    clinic, other = await new_clinic(), await new_clinic()
    key = await key_of(clinic)
    theirs = (await inbound(other.company_id, "Oi"))["client_id"]
    await http.post(f"/api/v1/clients/{theirs}/snapshot", headers=bearer(await key_of(other)),
                    json={})
    for answer in (await http.get(f"/api/v1/clients/{theirs}/snapshot", headers=bearer(key)),
                   await http.post(f"/api/v1/clients/{theirs}/snapshot", headers=bearer(key),
                                   json={"force": True}),
                   await http.get("/api/v1/clients/not-a-uuid/snapshot", headers=bearer(key))):
        assert answer.status_code == 404, answer.text


async def test_the_document_describes_the_snapshot(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    operations = document["paths"]["/api/v1/clients/{client_id}/snapshot"]
    assert {"get", "post"} <= set(operations)
    assert operations["post"]["responses"].keys() >= {"200", "403", "404", "422"}
    body = operations["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "force" in body["properties"]
    schema = document["components"]["schemas"]["Snapshot"]["properties"]
    assert FIELDS <= set(schema)
