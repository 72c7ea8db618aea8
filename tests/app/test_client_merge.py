"""Duplicates and merging through the app's paths: domain.merge as a staff member (suggestions
for both reasons, a merge that leaves one client with both identities and both conversations)
and POST /api/v1/clients/merge over in-process HTTP (the kept client as GET answers it, the
merged id gone, 404 for another clinic's client, 422 saying what is wrong)."""
from __future__ import annotations

import uuid

import pytest

from omni_app.domain import client_profile, merge
from omni_app.domain.refusals import Refused
from tests.app.clinics import Clinic, inbound, new_clinic
from omni_app.state.duplicates import DuplicatesState
from tests.app.conftest import as_user, joined_member, service_client, tab
from tests.app.test_api_v1 import access_token, bearer


async def staff_of(clinic: Clinic):
    """A staff member (not the admin) of the clinic: (client, access token)."""
    _, cookie = await joined_member(await clinic.user())
    token = await access_token(Clinic(clinic.company_id, "", cookie))
    return await as_user(token), token


async def twins(clinic: Clinic) -> tuple[str, str]:
    """Rita on WhatsApp and Rita on Instagram, each with a conversation; both have the same
    e-mail, so they are suggested as duplicates."""
    whatsapp = await inbound(clinic.company_id, "Oi, quero marcar", phone="+5511987651234",
                             name="Rita Campos")
    instagram = await inbound(clinic.company_id, "Vi o post de vocês",
                              instagram_id="rita.campos", name="Rita Campos")
    service = await service_client()
    await service.table("clients").update({"email": "rita@exemplo.com"}) \
        .in_("id", [whatsapp["client_id"], instagram["client_id"]]).execute()
    return whatsapp["client_id"], instagram["client_id"]


async def test_a_member_merges_suggested_twins_into_one_client_with_both_identities(app_env):
    clinic = await new_clinic()
    user, _ = await staff_of(clinic)
    first, second = await twins(clinic)
    old = await inbound(clinic.company_id, "Oi", phone="+554188887777", name="Caio")
    new = await inbound(clinic.company_id, "Oi", phone="+5541988887777", name="Caio Prado")

    pairs = await merge.duplicates(user)
    assert {(p.keep["id"], p.merge["id"], p.reason) for p in pairs} == {
        (old["client_id"], new["client_id"], "phone"), (first, second, "name")}
    assert pairs[0].reason == "phone"      # phone matches first

    kept = await merge.merge(user, first, second)
    assert (kept["id"], kept["phone"], kept["instagram_id"]) == (
        first, "+5511987651234", "rita.campos")
    shown = await client_profile.profile(user, first)
    assert {c["channel"] for c in shown.conversations} == {"whatsapp", "instagram"}
    assert await client_profile.profile(user, second) is None
    assert {(p.keep["id"], p.merge["id"]) for p in await merge.duplicates(user)} == {
        (old["client_id"], new["client_id"])}


async def test_merging_is_refused_across_clinics_and_for_one_client(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    first, second = await twins(clinic)
    theirs, _ = await twins(other)
    user, stranger = await clinic.user(), await other.user()
    for who, keep, gone in [(stranger, first, second), (user, first, theirs),
                            (user, theirs, first), (user, first, "not-an-id")]:
        with pytest.raises(Refused) as refused:
            await merge.merge(who, keep, gone)
        assert refused.value.reason == "not_found"
    with pytest.raises(Refused) as refused:
        await merge.merge(user, first, first)
    assert refused.value.reason == "same_client"
    assert await merge.duplicates(stranger) != [] and all(
        {p.keep["id"], p.merge["id"]} & {first, second} == set()
        for p in await merge.duplicates(stranger))
    assert await client_profile.profile(user, second) is not None


async def test_the_api_merges_and_answers_the_kept_client_as_get_does(http):
    clinic = await new_clinic()
    _, token = await staff_of(clinic)
    first, second = await twins(clinic)
    answer = await http.post("/api/v1/clients/merge", headers=bearer(token),
                             json={"keep_id": first, "merge_id": second})
    assert answer.status_code == 200, answer.text
    shown = (await http.get(f"/api/v1/clients/{first}", headers=bearer(token))).json()
    assert answer.json() == shown
    assert (shown["phone"], shown["instagram_id"], shown["email"]) == (
        "+5511987651234", "rita.campos", "rita@exemplo.com")
    assert "cpf" not in shown
    gone = await http.get(f"/api/v1/clients/{second}", headers=bearer(token))
    assert gone.status_code == 404
    again = await http.post("/api/v1/clients/merge", headers=bearer(token),
                            json={"keep_id": first, "merge_id": second})
    assert again.status_code == 404 and again.json()["error"] == "client not found"


async def test_the_api_refuses_another_clinics_client_and_bad_input(http):
    clinic, other = await new_clinic(), await new_clinic()
    token = await access_token(clinic)
    first, second = await twins(clinic)
    theirs, _ = await twins(other)
    for body in ({"keep_id": first, "merge_id": theirs}, {"keep_id": theirs, "merge_id": first},
                 {"keep_id": first, "merge_id": str(uuid.uuid4())}):
        refused = await http.post("/api/v1/clients/merge", headers=bearer(token), json=body)
        assert refused.status_code == 404, body
    same = await http.post("/api/v1/clients/merge", headers=bearer(token),
                           json={"keep_id": first, "merge_id": first})
    assert same.status_code == 422
    assert same.json()["details"][0]["type"] == "same_client"
    for body, field in [({"keep_id": first}, "merge_id"),
                        ({"keep_id": "x", "merge_id": second}, "keep_id"),
                        ({"keep_id": first, "merge_id": second, "extra": 1}, "extra")]:
        bad = await http.post("/api/v1/clients/merge", headers=bearer(token), json=body)
        assert bad.status_code == 422, body
        assert bad.json()["details"][0]["loc"][-1] == field, bad.json()
    unsigned = await http.post("/api/v1/clients/merge",
                               json={"keep_id": first, "merge_id": second})
    assert unsigned.status_code == 401
    for client_id in (first, second):     # nothing was merged
        assert (await http.get(f"/api/v1/clients/{client_id}",
                               headers=bearer(token))).status_code == 200
    document = (await http.get("/api/v1/openapi.json")).json()
    operation = document["paths"]["/api/v1/clients/merge"]["post"]
    assert operation["summary"] and {"200", "404", "422"} <= set(operation["responses"])
    assert set(operation["requestBody"]["content"]["application/json"]["schema"]
               ["properties"]) == {"keep_id", "merge_id"}


async def test_the_page_lists_pairs_lets_the_member_choose_who_stays_and_merges(app_env):
    clinic = await new_clinic()
    first, second = await twins(clinic)
    page = tab(DuplicatesState, clinic.cookie, "/clients/duplicates")
    await page.open_duplicates()
    [pair] = page.pairs
    assert (pair.first.id, pair.second.id, pair.keep_id) == (first, second, first)
    assert pair.reason_label == "Nome parecido e um dado em comum"
    assert (pair.first.phone, pair.second.instagram) == ("(11) 98765-1234", "@rita.campos")
    page.choose_keep(pair.key, second)
    page.choose_keep(pair.key, str(uuid.uuid4()))          # not one of the two: ignored
    assert page.pairs[0].keep_id == second
    await page.merge_pair(pair.key)
    assert page.message == "Rita Campos foi mesclado em Rita Campos."
    assert page.pairs == [] and page.error == ""
    user = await clinic.user()
    assert await client_profile.profile(user, first) is None
    kept = await client_profile.profile(user, second)
    assert (kept.client["phone"], kept.client["instagram_id"]) == ("+5511987651234",
                                                                   "rita.campos")

    stranger = await new_clinic()
    theirs = tab(DuplicatesState, stranger.cookie, "/clients/duplicates")
    await theirs.open_duplicates()
    assert theirs.pairs == []
    theirs.pairs = page.pairs = [pair]                      # a pair from another clinic
    await theirs.merge_pair(pair.key)
    assert theirs.error == "Um dos clientes não existe mais. A lista foi atualizada."
    assert theirs.pairs == []
