"""Booking and moving through the real client and RLS: 20 receptionists booking the same slot
at once leave exactly one appointment (the others told which one is in the way); the end
defaults to the service's duration; bad input (end before start, an archived or unknown
service, a member who is not a professional, another clinic's client) stores nothing; a move
checks the same and a closed appointment does not move."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import booking
from omni_app.domain.booking import Conflict
from omni_app.domain.refusals import Refused
from tests.app.agenda_clinic import agenda_clinic
from tests.app.conftest import service_client

AT = datetime(2026, 12, 14, 13, 0, tzinfo=timezone.utc)       # a Monday, 10:00 in São Paulo


async def count(company_id: str) -> int:
    service = await service_client()
    return len((await service.table("appointments").select("id")
                .eq("company_id", company_id).execute()).data)


async def test_twenty_concurrent_bookings_of_one_slot_leave_exactly_one(app_env):
    made = await agenda_clinic()
    user = await made.clinic.user()
    tries = [booking.book(user, made.client, made.professional, made.service,
                          AT + timedelta(minutes=i % 3)) for i in range(20)]
    outcomes = await asyncio.gather(*tries, return_exceptions=True)
    won = [each for each in outcomes if isinstance(each, dict)]
    lost = [each for each in outcomes if not isinstance(each, dict)]
    assert len(won) == 1, outcomes
    assert all(isinstance(each, Conflict) for each in lost), lost
    assert {each.appointment_id for each in lost} == {won[0]["id"]}
    assert await count(made.clinic.company_id) == 1
    # the other professional is free then
    other = await booking.book(user, made.client, made.second, made.service, AT)
    assert other["professional_id"] == made.second


async def test_end_defaults_to_the_service_and_bad_input_stores_nothing(app_env):
    made = await agenda_clinic()
    user = await made.clinic.user()
    first = await booking.book(user, made.client, made.professional, made.service, AT,
                               notes="  primeira vez ")
    assert (datetime.fromisoformat(first["ends_at"]) - datetime.fromisoformat(first["starts_at"])
            == timedelta(minutes=30))
    assert first["notes"] == "primeira vez" and first["status"] == "scheduled"
    other = await agenda_clinic()
    later = AT + timedelta(hours=3)
    cases = {
        "ends_before_start": dict(service_id=made.service, ends_at=later - timedelta(hours=1)),
        "service_archived": dict(service_id=made.archived),
        "service": dict(service_id=other.service),
        "client": dict(service_id=made.service, client_id=other.client),
        "professional": dict(service_id=made.service, professional_id=other.professional),
    }
    for reason, changes in cases.items():
        with pytest.raises(Refused) as refused:
            await booking.book(user, changes.get("client_id", made.client),
                               changes.get("professional_id", made.professional),
                               changes["service_id"], later, changes.get("ends_at"))
        assert refused.value.reason == reason
    service = await service_client()
    await service.table("users").update({"is_professional": False}).eq("id", made.second) \
        .execute()
    with pytest.raises(Refused) as refused:
        await booking.book(user, made.client, made.second, made.service, later)
    assert refused.value.reason == "professional"
    assert await count(made.clinic.company_id) == 1
    assert await count(other.clinic.company_id) == 0


async def test_moves_check_the_same_and_closed_ones_stay(app_env):
    made = await agenda_clinic()
    user = await made.clinic.user()
    first = await booking.book(user, made.client, made.professional, made.service, AT)
    second = await booking.book(user, made.client, made.professional, made.service,
                                AT + timedelta(hours=1))
    with pytest.raises(Conflict) as conflict:
        await booking.move(user, second["id"], AT + timedelta(minutes=15))
    assert conflict.value.appointment_id == first["id"]
    moved = await booking.move(user, second["id"], AT + timedelta(minutes=15),
                               professional_id=made.second)
    assert moved["professional_id"] == made.second
    assert (datetime.fromisoformat(moved["ends_at"]) - datetime.fromisoformat(moved["starts_at"])
            == timedelta(minutes=30))                      # the duration is kept
    resized = await booking.move(user, first["id"], AT, AT + timedelta(minutes=50))
    assert datetime.fromisoformat(resized["ends_at"]) == AT + timedelta(minutes=50)
    with pytest.raises(Refused) as refused:
        await booking.move(user, first["id"], AT, AT - timedelta(minutes=5))
    assert refused.value.reason == "ends_before_start"
    await booking.set_status(user, first["id"], "completed")
    with pytest.raises(Refused) as refused:
        await booking.move(user, first["id"], AT + timedelta(hours=5))
    assert refused.value.reason == "closed"
    stranger = await (await agenda_clinic()).clinic.user()
    with pytest.raises(Refused) as refused:
        await booking.move(stranger, second["id"], AT + timedelta(hours=5))
    assert refused.value.reason == "not_found"
