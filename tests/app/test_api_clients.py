"""/api/v1/clients over in-process HTTP (ASGI) against a real Supabase (localbase): listing with
the /clients page's search, filters, keyset paging and the total; create and partial edit with
their refusals (422 saying what is wrong, 409 naming the client who has the number); stage moves
recorded in the history with the acting member; another clinic's clients never reachable; the
CPF written but never answered. With an API key and with a user's own token."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from omni_app import services
from omni_app.domain import api_keys, auth
from tests.app.clinics import Clinic, new_clinic
from tests.app.conftest import as_user, joined_member, service_client
from tests.app.test_api_v1 import access_token, bearer

AT = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
STAGES = ["new", "contacted", "qualified", "scheduled", "won", "lost"]
CPF = "529.982.247-25"
CPF_DIGITS = "52998224725"


async def seeded(company_id: str, count: int) -> list[dict]:
    """`count` clients whose names, stages, tags and times vary (some share a time)."""
    rows = [{"company_id": company_id, "full_name": f"Paciente {i:03d}",
             "phone": f"+55219{i:08d}", "pipeline_stage": STAGES[i % 6],
             "tags": ["vip"] if i % 4 == 0 else [], "cpf": CPF_DIGITS if i == 0 else None,
             "last_interaction_at": (AT + timedelta(minutes=i % 7)).isoformat()
             if i % 5 else None,
             "created_at": (AT + timedelta(seconds=i % 11)).isoformat()}
            for i in range(count)]
    return (await (await service_client()).table("clients").insert(rows).execute()).data


async def key_of(clinic: Clinic) -> str:
    return (await api_keys.create(await clinic.user(), "agente"))[1]


async def walk(http, token: str, limit: int, **params) -> tuple[list[dict], list]:
    """Every page of the list: the clients in order, and each page's total."""
    shown, totals, cursor = [], [], None
    while True:
        answer = await http.get("/api/v1/clients", headers=bearer(token), params={
            "limit": limit, **params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert len(page["clients"]) <= limit
        shown += page["clients"]
        totals.append(page["total"])
        cursor = page["next_cursor"]
        if cursor is None:
            return shown, totals


@pytest.mark.parametrize("params", [
    {}, {"sort": "activity"}, {"sort": "created"}, {"stage": "qualified", "sort": "created"},
    {"tag": "vip"}, {"q": "paciente 01", "sort": "activity"}, {"q": "0000001"},
])
async def test_paging_reaches_every_matching_client_once_with_the_total(http, params):
    clinic = await new_clinic()
    created = await seeded(clinic.company_id, 37)
    other = await new_clinic()
    await seeded(other.company_id, 4)                  # never listed for the first clinic
    shown, totals = await walk(http, await key_of(clinic), 5, **params)

    def keep(row):
        return ((not params.get("stage") or row["pipeline_stage"] == params["stage"])
                and (not params.get("tag") or params["tag"] in row["tags"])
                and (not params.get("q") or params["q"].lower() in row["full_name"].lower()
                     or params["q"] in row["phone"]))
    expected = [row for row in created if keep(row)]
    key = {"name": lambda r: (r["search_name"], r["id"]),
           "created": lambda r: (-datetime.fromisoformat(r["created_at"]).timestamp(), r["id"]),
           "activity": lambda r: (r["last_interaction_at"] is None,
                                  -datetime.fromisoformat(r["last_interaction_at"]).timestamp()
                                  if r["last_interaction_at"] else 0, r["id"])
           }[params.get("sort", "name")]
    assert expected
    assert [c["id"] for c in shown] == [row["id"] for row in sorted(expected, key=key)]
    assert totals[0] == len(expected) and all(total is None for total in totals[1:])
    assert all("cpf" not in c and c["owner_id"] is None for c in shown)
    assert {c["stage"] for c in shown} <= set(STAGES)


async def test_the_list_searches_like_the_page_and_checks_its_parameters(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    made = await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "João Gonçalves", "phone": "(11) 98765-4321",
        "email": "joao.g@exemplo.com.br"})
    assert made.status_code == 201, made.text
    await seeded(clinic.company_id, 30)
    for term in ("joao", "GONÇALVES", "11 98765-4321", "+55 11 9 8765 4321", "4321",
                 "exemplo.com"):
        page = (await http.get("/api/v1/clients", params={"q": term},
                               headers=bearer(key))).json()
        assert [c["full_name"] for c in page["clients"]] == ["João Gonçalves"], term
        assert page["total"] == 1 and page["next_cursor"] is None
    first = (await http.get("/api/v1/clients", headers=bearer(key))).json()
    assert len(first["clients"]) == 25 and first["total"] == 31 and first["next_cursor"]
    for query in ("limit=0", "limit=101", "stage=maybe", "sort=random", "surprise=1"):
        refused = await http.get(f"/api/v1/clients?{query}", headers=bearer(key))
        assert refused.status_code == 422 and refused.json()["details"], query
    for bad in ("garbage", "WyJ4IiwieSJd", "WzEsMl0"):   # not base64 JSON; ["x","y"]; [1,2]
        refused = await http.get("/api/v1/clients", params={"cursor": bad},
                                 headers=bearer(key))
        assert refused.status_code == 400 and "cursor" in refused.json()["error"], bad


async def test_create_answers_the_client_and_keeps_the_cpf_to_itself(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    made = await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "  Ana   Souza ", "phone": "+55 11 9 1234-5678", "email": "Ana@Exemplo.com",
        "birth_date": "1990-05-17", "cpf": CPF, "tags": ["vip", "botox"],
        "source_channel": "instagram"})
    assert made.status_code == 201, made.text
    client = made.json()
    assert {key: client[key] for key in ("full_name", "phone", "email", "birth_date", "tags",
                                         "source_channel", "owner_id", "stage", "is_lead")} == {
        "full_name": "Ana Souza", "phone": "+5511912345678", "email": "ana@exemplo.com",
        "birth_date": "1990-05-17", "tags": ["vip", "botox"], "source_channel": "instagram",
        "owner_id": None, "stage": "new", "is_lead": True}
    assert client["created_at"] and "cpf" not in client and CPF_DIGITS not in made.text
    stored = (await (await service_client()).table("clients").select("cpf,company_id")
              .eq("id", client["id"]).execute()).data
    assert stored == [{"cpf": CPF_DIGITS, "company_id": clinic.company_id}]

    for answer in (await http.get(f"/api/v1/clients/{client['id']}", headers=bearer(key)),
                   await http.get("/api/v1/clients", headers=bearer(key)),
                   await http.patch(f"/api/v1/clients/{client['id']}", headers=bearer(key),
                                    json={"email": "ana2@exemplo.com"})):
        assert answer.status_code == 200 and CPF_DIGITS not in answer.text
        assert "cpf" not in answer.text
    manual = await http.post("/api/v1/clients", headers=bearer(key), json={"full_name": "Bia"})
    assert manual.status_code == 201 and manual.json()["source_channel"] == "manual"
    assert manual.json()["phone"] is None


@pytest.mark.parametrize("body, field", [
    ({"full_name": "x" * 300}, "full_name"),
    ({"full_name": "   "}, "full_name"),
    ({}, "full_name"),
    ({"full_name": "Ana", "cpf": "123.456.789-00"}, "cpf"),
    ({"full_name": "Ana", "phone": "não tenho"}, "phone"),
    ({"full_name": "Ana", "email": "ana@"}, "email"),
    ({"full_name": "Ana", "birth_date": "2999-01-01"}, "birth_date"),
    ({"full_name": "Ana", "birth_date": "ontem"}, "birth_date"),
    ({"full_name": "Ana", "tags": ["😀😀"]}, "tags"),
    ({"full_name": "Ana", "tags": ["a,b"]}, "tags"),
    ({"full_name": "Ana", "source_channel": "fax"}, "source_channel"),
    ({"full_name": "Ana", "stage": "won"}, "stage"),
    ({"full_name": "Ana", "owner_id": str(uuid.uuid4())}, "owner_id"),
])
async def test_bad_input_is_422_naming_the_field_and_stores_nothing(http, body, field):
    clinic = await new_clinic()
    key = await key_of(clinic)
    refused = await http.post("/api/v1/clients", headers=bearer(key), json=body)
    assert refused.status_code == 422, refused.text
    answer = refused.json()
    assert answer["error"] and any(field in problem["loc"] for problem in answer["details"])
    stored = (await (await service_client()).table("clients").select("id")
              .eq("company_id", clinic.company_id).execute()).data
    assert stored == []


async def test_a_phone_another_client_has_is_409_naming_that_client(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    rita = (await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Rita Lima", "phone": "+5511987654321"})).json()
    bia = (await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Bia"})).json()

    for answer in (
            await http.post("/api/v1/clients", headers=bearer(key), json={
                "full_name": "Outra", "phone": "(11) 8765-4321"}),   # without the ninth digit
            await http.patch(f"/api/v1/clients/{bia['id']}", headers=bearer(key),
                             json={"phone": "11 98765-4321"})):
        assert answer.status_code == 409, answer.text
        assert answer.json()["client_id"] == rita["id"]
        assert "Rita Lima" in answer.json()["error"]
    bia_now = (await http.get(f"/api/v1/clients/{bia['id']}", headers=bearer(key))).json()
    assert bia_now["phone"] is None
    same = await http.patch(f"/api/v1/clients/{rita['id']}", headers=bearer(key),
                            json={"phone": "+55 (11) 98765-4321"})   # its own number: fine
    assert same.status_code == 200
    other = await new_clinic()                          # another clinic may have the number
    theirs = await http.post("/api/v1/clients", headers=bearer(await key_of(other)),
                             json={"full_name": "Rita", "phone": "+5511987654321"})
    assert theirs.status_code == 201


async def test_patch_changes_only_what_is_sent(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    made = (await http.post("/api/v1/clients", headers=bearer(key), json={
        "full_name": "Ana", "phone": "+5511912345678", "email": "ana@exemplo.com",
        "birth_date": "1990-05-17", "cpf": CPF, "tags": ["vip"],
        "source_channel": "whatsapp"})).json()
    path = f"/api/v1/clients/{made['id']}"

    changed = await http.patch(path, headers=bearer(key), json={"tags": ["vip", "retorno"],
                                                                "email": None})
    assert changed.status_code == 200, changed.text
    after = changed.json()
    assert after["tags"] == ["vip", "retorno"] and after["email"] is None
    assert {k: after[k] for k in ("full_name", "phone", "birth_date", "source_channel",
                                  "stage")} == {
        "full_name": "Ana", "phone": "+5511912345678", "birth_date": "1990-05-17",
        "source_channel": "whatsapp", "stage": "new"}
    assert (await http.get(path, headers=bearer(key))).json() == after
    stored = (await (await service_client()).table("clients").select("cpf")
              .eq("id", made["id"]).execute()).data
    assert stored == [{"cpf": CPF_DIGITS}]

    renamed = await http.patch(path, headers=bearer(key), json={"full_name": "Ana Maria",
                                                                "cpf": "111.444.777-35"})
    assert renamed.status_code == 200 and renamed.json()["full_name"] == "Ana Maria"
    stored = (await (await service_client()).table("clients").select("cpf")
              .eq("id", made["id"]).execute()).data
    assert stored == [{"cpf": "11144477735"}]
    for body, field in (({"full_name": None}, "full_name"), ({"cpf": "1"}, "cpf"),
                        ({"phone": "abc"}, "phone"), ({"stage": "won"}, "stage")):
        refused = await http.patch(path, headers=bearer(key), json=body)
        assert refused.status_code == 422, body
        assert any(field in problem["loc"] for problem in refused.json()["details"])
    assert (await http.get(path, headers=bearer(key))).json()["full_name"] == "Ana Maria"


async def stage_history(client_id: str) -> list[dict]:
    return (await (await service_client()).table("pipeline_stage_changes")
            .select("from_stage,to_stage,changed_by,changed_at").eq("client_id", client_id)
            .order("changed_at").execute()).data


async def test_each_stage_change_is_recorded_with_the_acting_member(http):
    clinic = await new_clinic()
    key = await key_of(clinic)
    _, staff_cookie = await joined_member(await clinic.user(), "staff")
    staff_token = (await (await services.current().session_store()).resolve(staff_cookie)
                   ).access_token
    staff_id = (await auth.profile(await as_user(staff_token)))["user_id"]
    made = (await http.post("/api/v1/clients", headers=bearer(key),
                            json={"full_name": "Lead"})).json()
    path = f"/api/v1/clients/{made['id']}/stage"
    started = datetime.now(timezone.utc) - timedelta(minutes=1)

    moved = await http.post(path, headers=bearer(key), json={"stage": "qualified"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["stage"] == "qualified" and moved.json()["id"] == made["id"]
    by_staff = await http.post(path, headers=bearer(staff_token), json={"stage": "won"})
    assert by_staff.status_code == 200 and by_staff.json()["stage"] == "won"
    unchanged = await http.post(path, headers=bearer(staff_token), json={"stage": "won"})
    assert unchanged.status_code == 200

    history = await stage_history(made["id"])
    assert [(h["from_stage"], h["to_stage"], h["changed_by"]) for h in history] == [
        (None, "new", clinic.user_id),                 # the creation, by the key's admin
        ("new", "qualified", clinic.user_id),
        ("qualified", "won", staff_id)]
    assert all(datetime.fromisoformat(h["changed_at"]) >= started for h in history)
    for body in ({"stage": "maybe"}, {}, {"stage": "won", "note": "x"}):
        refused = await http.post(path, headers=bearer(key), json=body)
        assert refused.status_code == 422 and refused.json()["details"], body
    assert len(await stage_history(made["id"])) == 3


async def test_another_clinics_client_and_malformed_ids_are_404(http):
    mine, theirs = await new_clinic(), await new_clinic()
    their_key = await key_of(theirs)
    their_client = (await http.post("/api/v1/clients", headers=bearer(their_key), json={
        "full_name": "Alheia", "phone": "+5511955554444"})).json()
    for token in (await key_of(mine), await access_token(mine)):
        for client_id in (their_client["id"], "not-an-id", str(uuid.uuid4()), "1' or 1=1"):
            path = f"/api/v1/clients/{client_id}"
            for answer in (await http.get(path, headers=bearer(token)),
                           await http.patch(path, headers=bearer(token),
                                            json={"full_name": "Minha"}),
                           await http.post(f"{path}/stage", headers=bearer(token),
                                           json={"stage": "lost"})):
                assert answer.status_code == 404, (client_id, answer.text)
                assert answer.json()["error"] == "client not found"
        listed = (await http.get("/api/v1/clients", headers=bearer(token))).json()
        assert listed["clients"] == [] and listed["total"] == 0
    kept = (await http.get(f"/api/v1/clients/{their_client['id']}",
                           headers=bearer(their_key))).json()
    assert kept["full_name"] == "Alheia" and kept["stage"] == "new"
    assert len(await stage_history(their_client["id"])) == 1


async def test_a_user_token_works_like_a_key(http):
    clinic = await new_clinic()
    token = await access_token(clinic)
    made = await http.post("/api/v1/clients", headers=bearer(token),
                           json={"full_name": "Pelo Token", "cpf": CPF})
    assert made.status_code == 201, made.text
    listed = (await http.get("/api/v1/clients", headers=bearer(token))).json()
    assert [c["full_name"] for c in listed["clients"]] == ["Pelo Token"]
    assert CPF_DIGITS not in str(listed)
    assert (await http.get("/api/v1/clients")).status_code == 401
