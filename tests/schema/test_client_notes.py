"""Client notes at the database: members read their clinic's notes only; notes are written
only through add_client_note (author stamped) and pinned through pin_client_note, each for the
caller's own clinic."""
from __future__ import annotations


import pytest
from postgrest.exceptions import APIError

def add(user, client_id: str, body: str) -> dict:
    return user.rpc("add_client_note", {"p_client_id": client_id, "p_body": body}).execute().data


def test_staff_add_and_pin_notes_their_clinic_reads_them_another_never(clinics, service):
    staff, stranger = clinics["staff"], clinics["stranger"]
    note = add(staff["client"], clinics["client"], "  Prefere horário de manhã  ")
    assert (note["body"], note["author_id"], note["pinned"]) == (
        "Prefere horário de manhã", staff["id"], False)
    pinned = staff["client"].rpc("pin_client_note", {"p_note_id": note["id"],
                                                     "p_pinned": True}).execute().data
    assert pinned["pinned"] is True
    shown = staff["client"].table("client_notes_shown").select("body,pinned,author_name") \
        .eq("client_id", clinics["client"]).execute().data
    assert shown == [{"body": "Prefere horário de manhã", "pinned": True,
                      "author_name": "Membro staff"}]
    assert stranger["client"].table("client_notes").select("id").execute().data == []
    assert stranger["client"].table("client_notes_shown").select("id").execute().data == []


def test_another_clinics_client_or_note_is_refused_and_direct_writes_are_denied(clinics):
    staff, stranger = clinics["staff"], clinics["stranger"]
    note = add(staff["client"], clinics["client"], "Alergia a dipirona")
    with pytest.raises(APIError) as gone:
        add(stranger["client"], clinics["client"], "intruso")
    assert gone.value.code == "PT404"
    with pytest.raises(APIError) as gone:
        add(staff["client"], clinics["their_client"], "intruso")
    assert gone.value.code == "PT404"
    with pytest.raises(APIError) as gone:
        stranger["client"].rpc("pin_client_note", {"p_note_id": note["id"],
                                                   "p_pinned": True}).execute()
    assert gone.value.code == "PT404"
    for body, code in [("   ", "22023"), ("x" * 4001, "22001")]:
        with pytest.raises(APIError) as bad:
            add(staff["client"], clinics["client"], body)
        assert bad.value.code == code
    with pytest.raises(APIError):
        staff["client"].table("client_notes").insert({
            "company_id": "00000000-0000-0000-0000-000000000000",
            "client_id": clinics["client"], "body": "direto"}).execute()
    with pytest.raises(APIError):
        staff["client"].table("client_notes").update({"body": "mudado"}) \
            .eq("id", note["id"]).execute()
