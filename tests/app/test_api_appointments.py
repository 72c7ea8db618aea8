"""/api/v1/appointments over in-process HTTP against real RLS: a booking with the service's
default duration, listed by window, professional and client; an overlap is 409 naming the
appointment in the way; moves and status changes; bad input is 422 with details (end before
start, 30 February, unknown ids, a window the wrong way round); another clinic's appointment
is 404 and never listed; the document describes all of it."""
from __future__ import annotations

from tests.app.agenda_clinic import agenda_clinic
from tests.app.test_api_clients import key_of
from tests.app.test_api_v1 import bearer

AT = "2026-12-14T10:00:00-03:00"
WINDOW = {"from": "2026-12-14T00:00:00-03:00", "to": "2026-12-15T00:00:00-03:00"}


async def test_book_list_conflict_move_and_status(http):
    made = await agenda_clinic()
    key = bearer(await key_of(made.clinic))
    body = {"client_id": made.client, "professional_id": made.professional,
            "service_id": made.service, "starts_at": AT}
    booked = await http.post("/api/v1/appointments", headers=key, json=body)
    assert booked.status_code == 201, booked.text
    first = booked.json()
    assert first["ends_at"].startswith("2026-12-14T13:30:00")     # 30 minutes, stored in UTC
    assert first["client_name"] == "Ana Lima" and first["status"] == "scheduled"

    clash = await http.post("/api/v1/appointments", headers=key,
                            json={**body, "starts_at": "2026-12-14T10:15:00-03:00"})
    assert clash.status_code == 409
    assert clash.json()["appointment_id"] == first["id"]

    other = await http.post("/api/v1/appointments", headers=key, json={
        **body, "professional_id": made.second, "ends_at": "2026-12-14T11:00:00-03:00"})
    assert other.status_code == 201
    listed = await http.get("/api/v1/appointments", headers=key, params=WINDOW)
    assert sorted(a["id"] for a in listed.json()["appointments"]) == sorted(
        [first["id"], other.json()["id"]])
    mine = await http.get("/api/v1/appointments", headers=key,
                          params={**WINDOW, "professional_id": made.second})
    assert [a["id"] for a in mine.json()["appointments"]] == [other.json()["id"]]
    by_client = await http.get("/api/v1/appointments", headers=key,
                               params={**WINDOW, "client_id": made.client})
    assert len(by_client.json()["appointments"]) == 2
    tomorrow = await http.get("/api/v1/appointments", headers=key, params={
        "from": WINDOW["to"], "to": "2026-12-16T00:00:00-03:00"})
    assert tomorrow.json()["appointments"] == []

    moved = await http.patch(f"/api/v1/appointments/{other.json()['id']}", headers=key,
                             json={"professional_id": made.professional})
    assert moved.status_code == 409 and moved.json()["appointment_id"] == first["id"]
    moved = await http.patch(f"/api/v1/appointments/{other.json()['id']}", headers=key,
                             json={"professional_id": made.professional,
                                   "starts_at": "2026-12-14T10:30:00-03:00"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["ends_at"].startswith("2026-12-14T14:30:00")   # one hour kept
    confirmed = await http.patch(f"/api/v1/appointments/{first['id']}", headers=key,
                                 json={"status": "confirmed"})
    assert confirmed.json()["status"] == "confirmed"
    cancelled = await http.patch(f"/api/v1/appointments/{first['id']}", headers=key,
                                 json={"status": "cancelled", "reason": "Viajou"})
    assert (cancelled.json()["status"], cancelled.json()["cancel_reason"]) == (
        "cancelled", "Viajou")
    back = await http.patch(f"/api/v1/appointments/{first['id']}", headers=key,
                            json={"status": "scheduled"})
    assert back.status_code == 422 and back.json()["details"][0]["loc"] == ["body", "status"]
    # its time is free again
    again = await http.post("/api/v1/appointments", headers=key, json=body)
    assert again.status_code == 201

    # a move and a status in one request: a refused status leaves the time as it was
    both = await http.patch(f"/api/v1/appointments/{again.json()['id']}", headers=key,
                            json={"starts_at": "2026-12-14T15:00:00-03:00",
                                  "status": "completed"})
    assert both.status_code == 200 and both.json()["status"] == "completed"
    assert both.json()["starts_at"].startswith("2026-12-14T18:00:00")
    target = f"/api/v1/appointments/{moved.json()['id']}"
    assert (await http.patch(target, headers=key, json={"status": "confirmed"})).status_code == 200
    undone = await http.patch(target, headers=key,
                              json={"starts_at": "2026-12-14T16:00:00-03:00",
                                    "status": "scheduled"})
    assert undone.status_code == 422           # confirmed -> scheduled is refused ...
    kept = (await http.get(target, headers=key)).json()
    assert kept["starts_at"].startswith("2026-12-14T13:30:00")     # ... and the move with it
    assert kept["status"] == "confirmed"


async def test_bad_input_is_422_and_another_clinics_is_404(http):
    made, other = await agenda_clinic(), await agenda_clinic()
    key = bearer(await key_of(made.clinic))
    body = {"client_id": made.client, "professional_id": made.professional,
            "service_id": made.service, "starts_at": AT}
    for changes, field in (
            ({"ends_at": "2026-12-14T09:00:00-03:00"}, "ends_at"),
            ({"starts_at": "2027-02-30T10:00:00-03:00"}, "starts_at"),
            ({"starts_at": "2026-12-14T10:00:00"}, "starts_at"),          # no offset
            ({"client_id": other.client}, "client_id"),
            ({"client_id": "00000000-0000-0000-0000-000000000000"}, "client_id"),
            ({"professional_id": other.professional}, "professional_id"),
            ({"service_id": made.archived}, "service_id"),
            ({"service_id": "nope"}, "service_id"),
            ({"colour": "red"}, "colour")):
        answer = await http.post("/api/v1/appointments", headers=key, json={**body, **changes})
        assert answer.status_code == 422, (changes, answer.text)
        assert field in {str(part) for detail in answer.json()["details"]
                         for part in detail["loc"]}, (changes, answer.json())
    backwards = await http.get("/api/v1/appointments", headers=key, params={
        "from": WINDOW["to"], "to": WINDOW["from"]})
    assert backwards.status_code == 422
    february = await http.get("/api/v1/appointments", headers=key, params={
        "from": "2027-02-30T00:00:00Z", "to": "2027-03-02T00:00:00Z"})
    assert february.status_code == 422

    theirs = await http.post("/api/v1/appointments", headers=bearer(await key_of(other.clinic)),
                             json={"client_id": other.client,
                                   "professional_id": other.professional,
                                   "service_id": other.service, "starts_at": AT})
    assert theirs.status_code == 201
    path = f"/api/v1/appointments/{theirs.json()['id']}"
    assert (await http.get(path, headers=key)).status_code == 404
    assert (await http.patch(path, headers=key, json={"status": "confirmed"})).status_code == 404
    assert (await http.patch("/api/v1/appointments/not-an-id", headers=key,
                             json={"status": "confirmed"})).status_code == 404
    listed = await http.get("/api/v1/appointments", headers=key, params=WINDOW)
    assert listed.json()["appointments"] == []


async def test_the_document_describes_the_appointments_endpoints(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/appointments"])
    assert "patch" in paths["/api/v1/appointments/{appointment_id}"]
    post = paths["/api/v1/appointments"]["post"]
    assert "409" in post["responses"] and "client_id" in str(post["requestBody"])
    names = [p["name"] for p in paths["/api/v1/appointments"]["get"]["parameters"]]
    assert {"from", "to", "professional_id", "client_id"} <= set(names)
