"""/api/v1/professionals over in-process HTTP against real RLS: an admin's key makes a member a
professional with hours; free slots follow the hours, bookings (active ones only), time off,
the clinic's closures and national holidays, in the clinic's time zone (a daylight-saving day
included); a staff member's own token reads but cannot change (403); another clinic's ids are
404; bad input is 422 with details and changes nothing; every change is audited."""
from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from omni_app.domain import auth, holidays_calendar, professionals
from tests.app.clinics import new_clinic
from tests.app.conftest import as_user, joined_member, service_client, services
from tests.app.test_api_clients import key_of
from tests.app.test_api_v1 import access_token, bearer

MONDAY = date(2027, 3, 1)
HOURS = {"mon": [{"start": "08:00", "end": "12:00"}], "wed": [{"start": "08:00",
                                                                 "end": "12:00"}]}


async def staff_member(clinic) -> tuple[str, str]:
    """A staff member of the clinic: (their users.id, their access token)."""
    _, cookie = await joined_member(await clinic.user(), full_name="Dra. Paula Reis")
    active = await (await services.current().session_store()).resolve(cookie)
    me = await auth.profile(await as_user(active.access_token))
    return me["user_id"], active.access_token


async def service_of(company_id: str, minutes: int = 60, name: str = "Limpeza") -> str:
    return (await (await service_client()).table("services").insert({
        "company_id": company_id, "name": name, "price": 100, "duration_minutes": minutes})
        .execute()).data[0]["id"]


async def booking(company_id: str, professional: str, start: datetime, minutes: int,
                  status: str = "scheduled", name: str = "Maria Silva",
                  service_id: str | None = None) -> str:
    service = await service_client()
    client = (await service.table("clients").insert({
        "company_id": company_id, "full_name": name,
        "phone": f"+55119{uuid.uuid4().int % 10**8:08d}"})
        .execute()).data[0]["id"]
    return (await service.table("appointments").insert({
        "company_id": company_id, "client_id": client, "professional_id": professional,
        "service_id": service_id, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=minutes)).isoformat(), "status": status})
        .execute()).data[0]["id"]


def local(day: date, hour: int, minute: int = 0, zone: str = "America/Sao_Paulo") -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


async def test_a_key_makes_a_professional_and_slots_follow_hours_bookings_and_closures(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    member, _ = await staff_member(clinic)
    patched = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(key), json={
        "is_professional": True, "specialties": [" Ortodontia", "implantes", "ortodontia"],
        "working_hours": HOURS})
    assert patched.status_code == 200, patched.text
    assert patched.json()["specialties"] == ["Ortodontia", "implantes"]
    assert patched.json()["working_hours"]["mon"] == HOURS["mon"]
    listed = (await http.get("/api/v1/professionals", headers=bearer(key))).json()
    assert [p["id"] for p in listed["professionals"]] == [member]

    service_id = await service_of(clinic.company_id)
    await booking(clinic.company_id, member, local(MONDAY, 9), 60)
    await booking(clinic.company_id, member, local(MONDAY, 10), 30, status="cancelled")

    async def slots(day: date) -> dict:
        answer = await http.get(f"/api/v1/professionals/{member}/free-slots", headers=bearer(key),
                                params={"date": day.isoformat(), "service_id": service_id})
        assert answer.status_code == 200, answer.text
        return answer.json()

    monday = await slots(MONDAY)
    assert monday["slots"] == ["2027-03-01T08:00:00-03:00", "2027-03-01T10:00:00-03:00",
                               "2027-03-01T10:15:00-03:00", "2027-03-01T10:30:00-03:00",
                               "2027-03-01T10:45:00-03:00", "2027-03-01T11:00:00-03:00"]
    assert (monday["timezone"], monday["duration_minutes"], monday["step_minutes"],
            monday["closed"]) == ("America/Sao_Paulo", 60, 15, None)

    admin = await clinic.user()
    await professionals.add_exception(admin, member, "time_off", MONDAY, MONDAY, "10:30", "12:00")
    assert (await slots(MONDAY))["slots"] == ["2027-03-01T08:00:00-03:00"]
    await holidays_calendar.save_closure(admin, MONDAY, "Dedetização")
    assert (await slots(MONDAY)) | {"slots": None} == monday | {
        "closed": {"reason": "closure", "name": "Dedetização"}, "slots": None}
    assert (await slots(MONDAY))["slots"] == []
    tiradentes = await slots(date(2027, 4, 21))       # a Wednesday
    assert tiradentes["closed"] == {"reason": "holiday", "name": "Tiradentes"}
    assert tiradentes["slots"] == []
    assert len((await slots(date(2027, 4, 28)))["slots"]) == 13
    assert (await slots(MONDAY - timedelta(days=7 * 52 * 3)))["slots"] == []   # the past

    audit = (await (await service_client()).table("audit_log").select("action,entity_id")
             .eq("company_id", clinic.company_id).in_("action", [
                 "professional.saved", "professional.exception_added", "clinic.closure_saved"])
             .order("at").execute()).data
    assert [a["action"] for a in audit] == ["professional.saved", "professional.exception_added",
                                            "clinic.closure_saved"]


async def test_staff_read_but_cannot_change_and_other_clinics_are_not_found(http):
    clinic, other = await new_clinic(), await new_clinic()
    member, staff_token = await staff_member(clinic)
    await professionals.save(await clinic.user(), member, is_professional=True,
                             working_hours=HOURS)
    refused = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(staff_token),
                               json={"is_professional": False})
    assert refused.status_code == 403, refused.text
    listed = await http.get("/api/v1/professionals", headers=bearer(staff_token))
    assert [p["id"] for p in listed.json()["professionals"]] == [member]

    their_key = await key_of(other)
    their_service = await service_of(other.company_id)
    mine_service = await service_of(clinic.company_id)
    for path, params in ((f"/api/v1/professionals/{member}/free-slots",
                          {"date": "2027-03-01", "service_id": their_service}),):
        assert (await http.get(path, headers=bearer(their_key), params=params)).status_code == 404
    patch = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(their_key),
                             json={"is_professional": False})
    assert patch.status_code == 404
    assert (await http.get("/api/v1/professionals", headers=bearer(their_key))).json() == {
        "professionals": []}
    # my clinic's professional with their clinic's service, or a non-professional: 404
    mine = bearer(await access_token(clinic))
    for who, service_id in ((member, their_service), (clinic.user_id, mine_service),
                            ("not-an-id", mine_service)):
        answer = await http.get(f"/api/v1/professionals/{who}/free-slots", headers=mine,
                                params={"date": "2027-03-01", "service_id": service_id})
        assert answer.status_code == 404, (who, answer.text)
    member_row = await professionals.member(await clinic.user(), member)
    assert member_row.is_professional and member_row.working_hours["mon"] == HOURS["mon"]


async def test_bad_input_is_422_with_details_and_stores_nothing(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    member, _ = await staff_member(clinic)
    service_id = await service_of(clinic.company_id)
    for body, kind in (
            ({"working_hours": {"mon": [{"start": "08:00", "end": "12:00"},
                                        {"start": "11:00", "end": "13:00"}]}}, "hours_overlap"),
            ({"working_hours": {"mon": [{"start": "12:00", "end": "08:00"}]}}, "hours_order"),
            ({"working_hours": {"someday": []}}, "hours_invalid"),
            ({"specialties": ["x" * 61]}, "specialty_too_long")):
        answer = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(key),
                                  json={"is_professional": True, **body})
        assert answer.status_code == 422, answer.text
        assert answer.json()["details"][0]["type"] == kind
    wrong_type = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(key),
                                  json={"is_professional": "maybe"})
    assert wrong_type.status_code == 422 and wrong_type.json()["details"]
    unknown = await http.patch(f"/api/v1/professionals/{member}", headers=bearer(key),
                               json={"colour": "blue"})
    assert unknown.status_code == 422
    assert not (await professionals.member(await clinic.user(), member)).is_professional
    await professionals.save(await clinic.user(), member, is_professional=True)
    for params in ({"date": "2027-02-30", "service_id": service_id},
                   {"date": "01/03/2027", "service_id": service_id},
                   {"service_id": service_id}):
        answer = await http.get(f"/api/v1/professionals/{member}/free-slots",
                                headers=bearer(key), params=params)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.json()["details"]
    ghost = await http.patch("/api/v1/professionals/00000000-0000-4000-8000-000000000000",
                             headers=bearer(key), json={"is_professional": True})
    assert ghost.status_code == 404


async def test_free_slots_on_a_spring_forward_day_in_new_york(http):
    clinic = await new_clinic("Clinic NYC", "America/New_York")
    key = await key_of(clinic)
    sunday = date(2027, 3, 14)         # 02:00 EST becomes 03:00 EDT
    await professionals.save(await clinic.user(), clinic.user_id, is_professional=True,
                             working_hours={"sun": [{"start": "01:00", "end": "04:00"}]})
    service_id = await service_of(clinic.company_id, minutes=30)
    await booking(clinic.company_id, clinic.user_id, local(sunday, 3, 0, "America/New_York"), 30)
    answer = await http.get(f"/api/v1/professionals/{clinic.user_id}/free-slots",
                            headers=bearer(key),
                            params={"date": sunday.isoformat(), "service_id": service_id})
    assert answer.status_code == 200, answer.text
    # 01:45 EST + 30 minutes is 03:15 EDT: it would overlap the booking at 03:00 EDT
    assert answer.json()["slots"] == [
        "2027-03-14T01:00:00-05:00", "2027-03-14T01:15:00-05:00", "2027-03-14T01:30:00-05:00",
        "2027-03-14T03:30:00-04:00"]


async def test_the_document_lists_the_professionals_endpoints(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    assert {"/api/v1/professionals", "/api/v1/professionals/{professional_id}/free-slots",
            "/api/v1/professionals/{user_id}"} <= set(document["paths"])
    patch = document["paths"]["/api/v1/professionals/{user_id}"]["patch"]
    assert "working_hours" in patch["requestBody"]["content"]["application/json"]["schema"][
        "properties"]
