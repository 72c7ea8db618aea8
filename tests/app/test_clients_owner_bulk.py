"""Owners, the upcoming-appointment filter, Instagram ids and bulk actions on /clients through the
real client and RLS: an owner set in the dialog, listed, filtered (anyone / me / nobody / a
member) and refused when they are not an active member of the clinic; the filter matching
exactly the clients with an appointment still to come; a phone or Instagram id another client
has refused naming that client; bulk tag, stage and owner changes in one call each, stage
changes in the history per client, and ids of another clinic changing nothing there."""
from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import auth, client_bulk, clients, team
from omni_app.domain.clients import ClientFilter, ClientInput
from omni_app.domain.refusals import Refused
from omni_app.state.client_bulk import ClientBulkState
from omni_app.state.client_profile import ClientProfileState
from tests.app.clinics import new_clinic
from tests.app.conftest import as_user, joined_member, service_client, tab
from omni_app import services


async def member_id(cookie: str) -> str:
    active = await (await services.current().session_store()).resolve(cookie)
    return (await auth.profile(await as_user(active.access_token)))["user_id"]


async def made(company_id: str, names: list[str], **fields) -> list[dict]:
    rows = [{"company_id": company_id, "full_name": name, **fields} for name in names]
    return (await (await service_client()).table("clients").insert(rows).execute()).data


async def stored(client_ids: list[str], columns: str) -> dict[str, dict]:
    rows = (await (await service_client()).table("clients").select("id," + columns)
            .in_("id", client_ids).execute()).data
    return {row["id"]: row for row in rows}


async def test_owner_in_the_dialog_the_list_and_its_filter(app_env):
    clinic = await new_clinic()
    _, staff_cookie = await joined_member(await clinic.user(), "staff", "Bruna Carvalho Souza")
    staff = await member_id(staff_cookie)
    other = await new_clinic()
    await made(clinic.company_id, ["Sem Dono"])
    page = tab(ClientBulkState, clinic.cookie, "/clients")
    await page.open_clients()
    assert {o.name for o in page.owners} >= {"Bruna Carvalho Souza"}

    page.start_new()
    assert staff in {o.id for o in page.form_owners}
    await page.save({"full_name": "Da Bruna", "owner": staff})
    assert page.form_error == "" and not page.editing
    by_name = {row.name: row for row in page.rows}
    assert (by_name["Da Bruna"].owner, by_name["Da Bruna"].owner_name) == (
        "Bruna S.", "Bruna Carvalho Souza")
    assert by_name["Sem Dono"].owner == ""
    page.start_new()
    await page.save({"full_name": "Do Admin", "owner": clinic.user_id})

    async def shown(owner: str) -> list[str]:
        await page.set_owner(owner)
        return sorted(row.name for row in page.rows)
    assert await shown(staff) == ["Da Bruna"]
    assert await shown("me") == ["Do Admin"]
    assert await shown("none") == ["Sem Dono"]
    assert await shown("all") == ["Da Bruna", "Do Admin", "Sem Dono"]
    assert await shown(other.user_id) == ["Da Bruna", "Do Admin", "Sem Dono"]   # not a choice

    # The dialog keeps the owner on edit; another clinic's member (or no id) is refused.
    [bruna] = [row for row in page.rows if row.name == "Da Bruna"]
    await page.start_edit(bruna.id)
    assert page.form.owner_id == staff
    for owner in (other.user_id, "someone"):
        await page.save({"full_name": "Da Bruna", "owner": owner})
        assert page.form_error.startswith("Escolha como responsável"), page.form_error
    assert (await stored([bruna.id], "owner_id"))[bruna.id]["owner_id"] == staff
    await page.save({"full_name": "Da Bruna", "owner": "none"})
    assert (await stored([bruna.id], "owner_id"))[bruna.id]["owner_id"] is None


async def test_a_disabled_member_cannot_be_made_owner_but_owners_who_leave_are_kept(app_env):
    clinic = await new_clinic()
    admin = await clinic.user()
    _, cookie = await joined_member(admin, "staff", "Carla")
    carla = await member_id(cookie)
    [kept, other] = await made(clinic.company_id, ["Dela", "Outro"])
    await clients.set_owner(admin, kept["id"], carla)
    await team.change(admin, carla, status="disabled")
    with pytest.raises(Refused) as refused:
        await clients.set_owner(admin, other["id"], carla)
    assert refused.value.reason == "owner"
    # Editing the client she still owns keeps her (and the profile's select still shows her).
    await clients.save(admin, clinic.company_id,
                       ClientInput(full_name="Dela Renomeada", owner_id=carla), kept["id"])
    profile = tab(ClientProfileState, clinic.cookie, f"/clients/{kept['id']}")
    await profile.open_profile()
    assert profile.owner == carla and carla in {o.id for o in profile.owners}
    await profile.set_owner(clinic.user_id)
    assert profile.message.startswith("Responsável alterado para")
    assert profile.owner == clinic.user_id


async def test_the_profile_header_sets_and_clears_the_owner(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    [client] = await made(clinic.company_id, ["Perfil"])
    profile = tab(ClientProfileState, clinic.cookie, f"/clients/{client['id']}")
    await profile.open_profile()
    assert profile.owner == "none"
    await profile.set_owner(clinic.user_id)
    assert profile.owner == clinic.user_id and profile.notice == ""
    await profile.set_owner(other.user_id)
    assert profile.notice == "Escolha como responsável um membro ativo da equipe."
    assert profile.owner == clinic.user_id
    await profile.set_owner("none")
    assert profile.message == "Este cliente está sem responsável agora."
    assert (await stored([client["id"]], "owner_id"))[client["id"]]["owner_id"] is None


async def test_the_upcoming_filter_matches_exactly_the_clients_with_an_appointment_to_come(
        app_env):
    clinic, other = await new_clinic(), await new_clinic()
    created = await made(clinic.company_id, [f"Paciente {i:02d}" for i in range(40)])
    [theirs] = await made(other.company_id, ["Alheio"])
    now, rng = datetime.now(timezone.utc), random.Random(11)
    appointments, expected = [], set()
    for row in created:
        for _ in range(rng.randint(0, 3)):
            hours = rng.choice([-48, -1, 2, 72])
            status = rng.choice(["scheduled", "confirmed", "completed", "cancelled", "no_show"])
            start = now + timedelta(hours=hours)
            appointments.append({"company_id": clinic.company_id, "client_id": row["id"],
                                 "starts_at": start.isoformat(),
                                 "ends_at": (start + timedelta(minutes=30)).isoformat(),
                                 "status": status})
            if hours > 0 and status in ("scheduled", "confirmed"):
                expected.add(row["id"])
    start = now + timedelta(days=1)
    appointments.append({"company_id": other.company_id, "client_id": theirs["id"],
                         "starts_at": start.isoformat(),
                         "ends_at": (start + timedelta(minutes=30)).isoformat(),
                         "status": "scheduled"})
    await (await service_client()).table("appointments").insert(appointments).execute()
    assert 0 < len(expected) < len(created)

    user = await clinic.user()
    seen, after, total = [], None, None
    while True:        # paged by keyset like the list, with the total on the first page
        page = await clients.listed(user, ClientFilter(upcoming=True), limit=7, after=after,
                                    count=after is None)
        total = page.total if after is None else total
        seen += [row["id"] for row in page.rows]
        if not page.has_more:
            break
        after = clients.list_cursor(page.rows[-1], "name")
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen)) == total
    state = tab(ClientBulkState, clinic.cookie, "/clients")
    await state.open_clients()
    await state.set_upcoming(True)
    assert state.total == len(expected)
    await state.set_upcoming(False)
    assert state.total == len(created)


async def test_a_phone_or_instagram_another_client_has_names_and_links_that_client(app_env):
    clinic = await new_clinic()
    page = tab(ClientBulkState, clinic.cookie, "/clients")
    await page.open_clients()
    page.start_new()
    await page.save({"full_name": "Rita", "phone": "11 98765-4321",
                     "instagram": "@rita.sorriso"})
    assert page.form_error == ""
    [rita] = page.rows
    saved = await stored([rita.id], "instagram_id")
    assert saved[rita.id]["instagram_id"] == "rita.sorriso"
    for form, text in (({"phone": "(11) 8765-4321"}, "Este telefone já pertence"),
                       ({"instagram": "rita.sorriso"}, "Este Instagram já pertence")):
        page.start_new()
        await page.save({"full_name": "Outra", **form})
        assert page.form_error == f"{text} a outro cliente: Rita.", page.form_error
        assert (page.form_taken_id, page.form_taken_name) == (rita.id, "Rita")
        assert page.editing
    page.start_new()
    await page.save({"full_name": "Outra", "instagram": "ana b"})
    assert page.form_error.startswith("Instagram inválido") and page.form_taken_id == ""
    assert page.total == 1
    await page.start_edit(rita.id)                  # her own id is no conflict
    assert page.form.instagram == "rita.sorriso"
    await page.save({"full_name": "Rita Lima", "phone": "11 98765-4321",
                     "instagram": "rita.sorriso"})
    assert page.form_error == "" and page.rows[0].name == "Rita Lima"


async def history(client_ids: list[str]) -> list[tuple]:
    rows = (await (await service_client()).table("pipeline_stage_changes")
            .select("client_id,from_stage,to_stage,changed_by").in_("client_id", client_ids)
            .execute()).data
    return sorted(((r["client_id"], r["from_stage"], r["to_stage"], r["changed_by"])
                   for r in rows), key=str)


async def test_bulk_actions_from_the_page(app_env):
    clinic = await new_clinic()
    created = await made(clinic.company_id, ["Ana", "Bia", "Caio", "Duda"], tags=[])
    await (await service_client()).table("clients").update({"tags": ["VIP"]}) \
        .eq("id", created[1]["id"]).execute()
    page = tab(ClientBulkState, clinic.cookie, "/clients")
    await page.open_clients()
    ids = {row.name: row.id for row in page.rows}
    page.toggle(ids["Ana"], True)
    page.toggle(ids["Bia"], True)
    page.toggle(str(uuid.uuid4()), True)            # not shown: never selected
    assert page.selected == [ids["Ana"], ids["Bia"]] and page.selected_label == "2 selecionados"

    page.set_bulk_tag("  vip ")
    await page.add_tag()
    assert page.message == "Etiqueta vip adicionada a 1 cliente."   # Bia had it (any case)
    assert page.selected == [] and page.bulk_tag == ""
    tags = {row.name: row.tags for row in page.rows}
    assert (tags["Ana"], tags["Bia"], tags["Caio"]) == (["vip"], ["VIP"], [])

    page.toggle_all(True)
    assert page.all_selected and len(page.selected) == 4
    await page.move("qualified")
    assert page.message == "4 clientes movidos para Qualificado."
    assert {row.stage for row in page.rows} == {"qualified"} and page.selected == []
    before = [h for h in await history(list(ids.values())) if h[2] == "qualified"]
    assert sorted(h[0] for h in before) == sorted(ids.values())
    assert {(h[1], h[3]) for h in before} == {("new", clinic.user_id)}

    page.toggle(ids["Caio"], True)
    await page.change_owner(clinic.user_id)
    assert page.message.endswith("agora é " + page.owners[0].name + ".")
    page.toggle(ids["Caio"], True)
    page.set_bulk_tag("vip")
    await page.remove_tag()
    assert page.message == "Nenhum dos selecionados tinha a etiqueta vip."
    page.toggle(ids["Ana"], True)
    page.toggle(ids["Bia"], True)
    page.set_bulk_tag("vip")
    await page.remove_tag()
    assert page.message == "Etiqueta vip removida de 2 clientes."
    assert {row.name: row.tags for row in page.rows}["Bia"] == []

    page.toggle(ids["Duda"], True)
    await page.move("maybe")
    assert page.notice == "Escolha uma etapa da lista." and page.selected == [ids["Duda"]]
    page.set_bulk_tag("😀")
    await page.add_tag()
    assert page.notice.startswith("Etiqueta inválida")


async def test_bulk_actions_never_reach_another_clinic(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    mine = await made(clinic.company_id, ["Minha 1", "Minha 2"])
    theirs = await made(other.company_id, ["Deles 1", "Deles 2"], tags=["x"])
    their_ids = [row["id"] for row in theirs]
    all_ids = [row["id"] for row in mine] + their_ids
    user = await clinic.user()
    before = await stored(their_ids, "tags,pipeline_stage,owner_id,updated_at")

    assert await client_bulk.add_tag(user, all_ids, "vip") == 2
    assert await client_bulk.remove_tag(user, all_ids, "x") == 0
    assert await client_bulk.move(user, all_ids, "won") == 2
    assert await client_bulk.set_owner(user, all_ids, clinic.user_id) == 2
    assert await client_bulk.move(user, their_ids, "lost") == 0
    assert await stored(their_ids, "tags,pipeline_stage,owner_id,updated_at") == before
    assert [h[2] for h in await history(their_ids)] == ["new", "new"]     # creation only
    assert {row["pipeline_stage"] for row in (await stored(
        [row["id"] for row in mine], "pipeline_stage")).values()} == {"won"}

    with pytest.raises(Refused) as refused:      # their member cannot own my clients
        await client_bulk.set_owner(user, all_ids, other.user_id)
    assert refused.value.reason == "owner"
    with pytest.raises(Refused) as refused:      # nor theirs through a member of mine
        await client_bulk.set_owner(await other.user(), all_ids, clinic.user_id)
    assert refused.value.reason == "owner"
    theirs_now = await stored(their_ids, "owner_id")
    assert all(row["owner_id"] is None for row in theirs_now.values())


async def test_bulk_stage_refusals_store_nothing(app_env):
    clinic = await new_clinic()
    admin = await clinic.user()
    rows = await made(clinic.company_id, ["A", "B"])
    ids = [row["id"] for row in rows]
    await admin.rpc("archive_pipeline_stage", {"p_key": "lost"}).execute()
    for stage, reason in (("lost", "stage_archived"), ("nowhere", "stage"), ("X!", "stage")):
        with pytest.raises(Refused) as refused:
            await client_bulk.move(admin, ids, stage)
        assert refused.value.reason == reason
    with pytest.raises(Refused) as refused:
        await client_bulk.move(admin, [], "won")
    assert refused.value.reason == "empty"
    assert {row["pipeline_stage"] for row in (await stored(ids, "pipeline_stage")).values()} \
        == {"new"}
    assert len(await history(ids)) == 2
    crowded = [f"t{i}" for i in range(50)]
    await (await service_client()).table("clients").update({"tags": crowded}) \
        .eq("id", ids[0]).execute()
    with pytest.raises(Refused) as refused:      # a 51st tag on one of them: none gets it
        await client_bulk.add_tag(admin, ids, "nova")
    assert refused.value.reason == "tags"
    assert (await stored([ids[1]], "tags"))[ids[1]]["tags"] == []
