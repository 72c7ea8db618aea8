"""The agenda's rules at the database: a professional is never booked twice at once (whatever
writes: two overlapping active appointments cannot both exist, a cancelled one frees the time),
and statuses move only scheduled -> confirmed -> completed, or to cancelled (with its reason) or
no-show, each step recorded with who and when; another clinic's appointment is not found."""
from __future__ import annotations

import pytest
from postgrest.exceptions import APIError


AT = "2026-12-10T13:00:00+00:00"


def book(service, company: str, client: str, professional: str, starts: str, ends: str,
         status: str = "scheduled") -> dict:
    return service.table("appointments").insert({
        "company_id": company, "client_id": client, "professional_id": professional,
        "starts_at": starts, "ends_at": ends, "status": status}).execute().data[0]


def test_no_professional_is_booked_twice_at_once(clinics, service, company):
    professional = clinics["staff"]["id"]
    first = book(service, company, clinics["client"], professional, AT,
                 "2026-12-10T14:00:00+00:00")
    with pytest.raises(APIError) as overlap:
        book(service, company, clinics["client"], professional, "2026-12-10T13:30:00+00:00",
             "2026-12-10T14:30:00+00:00")
    assert overlap.value.code == "23P01"
    book(service, company, clinics["client"], professional, "2026-12-10T14:00:00+00:00",
         "2026-12-10T15:00:00+00:00")                       # back to back is fine
    book(service, company, clinics["client"], None, AT, "2026-12-10T14:00:00+00:00")
    book(service, company, clinics["client"], professional, AT, "2026-12-10T14:00:00+00:00",
         status="cancelled")                                 # inactive ones never conflict
    staff = clinics["staff"]["client"]
    staff.rpc("set_appointment_status", {"p_appointment_id": first["id"],
                                         "p_status": "cancelled",
                                         "p_reason": "Paciente viajou"}).execute()
    book(service, company, clinics["client"], professional, "2026-12-10T13:30:00+00:00",
         "2026-12-10T14:00:00+00:00")                       # its time is free again


def test_status_transitions_and_their_history(clinics, service, company):
    staff, stranger = clinics["staff"], clinics["stranger"]
    made = book(service, company, clinics["client"], staff["id"], AT,
                "2026-12-10T14:00:00+00:00")

    def to(user, status, reason=None):
        return user.rpc("set_appointment_status", {"p_appointment_id": made["id"],
                                                   "p_status": status,
                                                   "p_reason": reason}).execute().data

    with pytest.raises(APIError) as foreign:
        to(stranger["client"], "confirmed")
    assert foreign.value.code == "PT404"
    assert to(staff["client"], "confirmed")["status"] == "confirmed"
    assert to(staff["client"], "confirmed")["status"] == "confirmed"   # again: no new step
    assert to(staff["client"], "no_show")["status"] == "no_show"
    with pytest.raises(APIError) as final:
        to(staff["client"], "scheduled")
    assert (final.value.code, final.value.hint) == ("22023", "transition")
    steps = service.table("appointment_status_changes").select(
        "from_status,to_status,changed_by").eq("appointment_id", made["id"]) \
        .order("changed_at").execute().data
    assert [(s["from_status"], s["to_status"]) for s in steps] == [
        (None, "scheduled"), ("scheduled", "confirmed"), ("confirmed", "no_show")]
    assert [s["changed_by"] for s in steps[1:]] == [staff["id"], staff["id"]]
    assert stranger["client"].table("appointment_status_changes").select("id") \
        .eq("appointment_id", made["id"]).execute().data == []
