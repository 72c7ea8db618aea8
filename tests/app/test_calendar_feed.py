"""A professional's private calendar feed over real HTTP: an admin makes it (the token is
returned once; only its SHA-256 is stored), calendar apps read it without a cookie, and it
parses as iCalendar with one event per active appointment in ±90 days, named by service and the
client's first name only (no phone, no CPF, no surname, no notes). Rotating stops the old URL,
revoking stops it all; staff and other clinics cannot make one; a member who stops being a
professional loses it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from omni_app.domain import clock, ical_feed, professionals
from omni_app.domain.refusals import Refused
from tests.app.clinics import new_clinic
from tests.app.conftest import as_user, service_client
from tests.app.test_professionals_api import HOURS, booking, service_of, staff_member


async def test_the_feed_lists_active_appointments_without_personal_data(http):
    clinic = await new_clinic("Clínica Sorriso")
    member, staff_token = await staff_member(clinic)
    admin = await clinic.user()
    await professionals.save(admin, member, is_professional=True, working_hours=HOURS)
    limpeza = await service_of(clinic.company_id, 60, "Limpeza dental")
    now = clock.now().replace(microsecond=0)
    kept = await booking(clinic.company_id, member, now + timedelta(days=2), 60,
                         name="Maria Aparecida Silva", service_id=limpeza)
    await (await service_client()).table("clients").update(
        {"cpf": "52998224725", "notes": "alergia"}).eq("full_name", "Maria Aparecida Silva") \
        .eq("company_id", clinic.company_id).execute()
    await booking(clinic.company_id, member, now - timedelta(days=10), 30, status="confirmed",
                  name="João Souza")
    await booking(clinic.company_id, member, now + timedelta(days=3), 30, status="cancelled",
                  name="Cancelada Pereira")
    await booking(clinic.company_id, member, now + timedelta(days=120), 30, name="Longe Dali")
    await booking(clinic.company_id, clinic.user_id, now + timedelta(days=1), 30,
                  name="Outro Profissional")

    token = await ical_feed.rotate(admin, member)
    stored = (await (await service_client()).table("professional_calendar_feeds")
              .select("token_sha256").eq("user_id", member).execute()).data
    assert stored == [{"token_sha256": ical_feed.digest(token)}]
    assert token not in str(stored)
    # members other than admins do not even see the hash
    assert (await (await as_user(staff_token)).table("professional_calendar_feeds")
            .select("user_id").execute()).data == []

    answer = await http.get(f"/api/calendar/{token}.ics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    text = answer.text
    for secret in ("52998224725", "alergia", "Aparecida", "Silva", "+55", "Souza"):
        assert secret not in text, secret
    feed = Calendar.from_ical(answer.content)
    events = sorted(feed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == ["João", "Limpeza dental · Maria"]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "TENTATIVE"]
    assert events[1].decoded("dtstart") == now + timedelta(days=2)
    assert events[1].decoded("dtend") == now + timedelta(days=2, hours=1)
    assert str(events[1]["uid"]).startswith(kept)
    assert "Clínica Sorriso" in str(feed["x-wr-calname"])

    rotated = await ical_feed.rotate(admin, member)
    assert (await http.get(f"/api/calendar/{token}.ics")).status_code == 404
    assert (await http.get(f"/api/calendar/{rotated}.ics")).status_code == 200
    await ical_feed.revoke(admin, member)
    assert (await http.get(f"/api/calendar/{rotated}.ics")).status_code == 404
    assert (await http.get("/api/calendar/cal_guess.ics")).status_code == 404

    again = await ical_feed.rotate(admin, member)
    await professionals.save(admin, member, is_professional=False)
    assert (await http.get(f"/api/calendar/{again}.ics")).status_code == 404
    actions = (await (await service_client()).table("audit_log").select("action")
               .eq("company_id", clinic.company_id).like("action", "professional.feed_%")
               .order("at").execute()).data
    assert [a["action"] for a in actions] == ["professional.feed_rotated"] * 2 + [
        "professional.feed_revoked", "professional.feed_rotated"]


async def test_only_the_clinics_admins_make_feeds_of_its_professionals(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    member, staff_token = await staff_member(clinic)
    await professionals.save(await clinic.user(), member, is_professional=True)
    for user, reason in ((await as_user(staff_token), "forbidden"),
                         (await other.user(), "not_found")):
        with pytest.raises(Refused) as refused:
            await ical_feed.rotate(user, member)
        assert refused.value.reason == reason
    with pytest.raises(Refused) as refused:
        await ical_feed.rotate(await clinic.user(), clinic.user_id)   # not a professional
    assert refused.value.reason == "not_professional"
