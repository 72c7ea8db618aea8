"""A clinic ready to book: its admin a professional working Monday to Friday 08:00-18:00, a
second professional, two services (one archived) and a client; built through the service role,
as an admin's settings pages would leave it."""
from __future__ import annotations

from dataclasses import dataclass, field

from tests.app.clinics import Clinic, new_clinic
from tests.app.conftest import joined_member, service_client

WEEKDAYS_8_TO_18 = {day: [{"start": "08:00", "end": "18:00"}]
                    for day in ("mon", "tue", "wed", "thu", "fri")}


@dataclass
class AgendaClinic:
    clinic: Clinic
    professional: str               # the admin, a professional
    second: str                     # another professional
    service: str                    # 30 minutes
    archived: str
    client: str
    staff_cookie: str = ""
    ids: dict = field(default_factory=dict)


async def agenda_clinic(timezone_name: str = "America/Sao_Paulo") -> AgendaClinic:
    clinic = await new_clinic(timezone_name=timezone_name)
    service = await service_client()
    await service.table("users").update({"is_professional": True,
                                         "working_hours": WEEKDAYS_8_TO_18}) \
        .eq("id", clinic.user_id).execute()
    _, staff_cookie = await joined_member(await clinic.user(), full_name="Dra. Beatriz")
    [second] = (await service.table("users").select("id").eq("company_id", clinic.company_id)
                .neq("id", clinic.user_id).execute()).data
    await service.table("users").update({"is_professional": True,
                                         "working_hours": WEEKDAYS_8_TO_18}) \
        .eq("id", second["id"]).execute()
    made = (await service.table("services").insert([
        {"company_id": clinic.company_id, "name": "Avaliação", "price": 150,
         "duration_minutes": 30, "color": "teal"},
        {"company_id": clinic.company_id, "name": "Antigo", "price": 10,
         "duration_minutes": 60, "color": "gray", "archived_at": "2026-01-01T00:00:00Z"}]).execute()).data
    [client] = (await service.table("clients").insert({
        "company_id": clinic.company_id, "full_name": "Ana Lima",
        "phone": "+5511987650000"}).execute()).data
    return AgendaClinic(clinic, clinic.user_id, second["id"], made[0]["id"], made[1]["id"],
                        client["id"], staff_cookie)
