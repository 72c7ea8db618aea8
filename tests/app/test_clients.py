"""The clients page through the real client and RLS: search (names without accents, phones in
any spelling, e-mails), filters, the three orders paged by keyset with the total, another clinic
never visible, and create/edit with every refusal storing nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain import clients
from omni_app.domain.clients import ClientFilter, ClientInput
from omni_app.domain.refusals import Refused
from omni_app.state.clients import ClientsState
from tests.app.clinics import new_clinic
from tests.app.conftest import service_client, tab

AT = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
STAGES = ["new", "contacted", "qualified", "scheduled", "won", "lost"]


async def seeded(company_id: str, count: int) -> list[dict]:
    """`count` clients with names, phones, stages, tags, sources and activity that vary."""
    rows = [{"company_id": company_id, "full_name": f"Paciente {i:03d}",
             "phone": f"+55219{i:08d}", "pipeline_stage": STAGES[i % 6],
             "is_lead": STAGES[i % 6] != "won", "tags": ["vip"] if i % 4 == 0 else [],
             "source_channel": "instagram" if i % 3 == 0 else "whatsapp",
             "last_interaction_at": (AT + timedelta(minutes=i % 7)).isoformat()
             if i % 5 else None,
             "created_at": (AT + timedelta(seconds=i % 11)).isoformat()}
            for i in range(count)]
    service = await service_client()
    return (await service.table("clients").insert(rows).execute()).data


async def walk(user, wanted: ClientFilter, limit: int) -> tuple[list[str], int]:
    seen, after, total = [], None, None
    while True:
        page = await clients.listed(user, wanted, limit=limit, after=after,
                                    count=after is None)
        total = page.total if after is None else total
        seen += [row["id"] for row in page.rows]
        if not page.has_more:
            return seen, total
        after = clients.list_cursor(page.rows[-1], wanted.sort)


@pytest.mark.parametrize("wanted", [
    ClientFilter(sort="name"), ClientFilter(sort="activity"), ClientFilter(sort="created"),
    ClientFilter(sort="activity", kind="lead"), ClientFilter(sort="created", stage="qualified"),
    ClientFilter(sort="name", tag="vip", source="instagram"),
    ClientFilter(sort="activity", search="Paciente 0"),
])
async def test_paging_reaches_every_matching_client_once_in_order(app_env, wanted):
    clinic = await new_clinic()
    created = await seeded(clinic.company_id, 83)
    other = await new_clinic()
    await seeded(other.company_id, 5)             # never visible to the first clinic
    seen, total = await walk(await clinic.user(), wanted, limit=10)

    def keep(row):
        return ((not wanted.kind or row["is_lead"] == (wanted.kind == "lead"))
                and (not wanted.stage or row["pipeline_stage"] == wanted.stage)
                and (not wanted.tag or wanted.tag in row["tags"])
                and (not wanted.source or row["source_channel"] == wanted.source)
                and (not wanted.search or wanted.search in row["full_name"]))
    expected = [row for row in created if keep(row)]
    key = {"name": lambda r: (r["search_name"], r["id"]),
           "created": lambda r: (-datetime.fromisoformat(r["created_at"]).timestamp(), r["id"]),
           "activity": lambda r: (r["last_interaction_at"] is None,
                                  -datetime.fromisoformat(r["last_interaction_at"]).timestamp()
                                  if r["last_interaction_at"] else 0, r["id"])}[wanted.sort]
    assert seen == [row["id"] for row in sorted(expected, key=key)]
    assert total == len(expected) and len(set(seen)) == len(seen)


async def test_search_finds_names_without_accents_phones_in_any_spelling_and_emails(app_env):
    clinic = await new_clinic()
    user = await clinic.user()
    joao = await clients.save(user, clinic.company_id, ClientInput(
        full_name="João Gonçalves", phone="(11) 98765-4321", email="joao.g@exemplo.com.br"))
    await clients.save(user, clinic.company_id, ClientInput(full_name="Maria 50% Silva",
                                                            phone="+55 21 99999-0000"))
    other = await new_clinic()
    await clients.save(await other.user(), other.company_id, ClientInput(
        full_name="João Gonçalves", phone="(11) 98765-4321"))

    async def found(term: str) -> list[str]:
        return [row["full_name"] for row in
                (await clients.listed(user, ClientFilter(search=term))).rows]

    for term in ["joao", "JOÃO", "goncalves", "ão gon", "11 98765-4321", "+55 11 9 8765 4321",
                 "4321", "98765", "(11) 8765-4321", "exemplo.com", "JOAO.G@"]:
        assert await found(term) == ["João Gonçalves"], term
    assert await found("50%") == ["Maria 50% Silva"]
    assert await found("0%") == ["Maria 50% Silva"]
    assert await found("%") == ["Maria 50% Silva"]      # a literal percent sign, not "anything"
    assert await found("_") == []
    assert await found("zzz") == []
    assert joao["phone"] == "+5511987654321"


async def test_create_edit_and_every_refusal_through_the_page(app_env):
    clinic = await new_clinic()
    page = tab(ClientsState, clinic.cookie, "/clients")
    await page.open_clients()
    assert page.rows == [] and page.total == 0

    page.start_new()
    await page.save({"full_name": " Ana  Souza ", "phone": "11 98765-4321",
                     "email": "ana@exemplo.com", "birth_date": "1991-02-03",
                     "cpf": "529.982.247-25", "tags": "implante, VIP", "source": "referral"})
    assert page.form_error == "" and not page.editing
    assert page.message == "Ana Souza foi cadastrado(a)."
    [ana] = page.rows
    assert (ana.name, ana.phone, ana.tags, ana.source_label, ana.stage_label) == (
        "Ana Souza", "(11) 98765-4321", ["implante", "VIP"], "Indicação", "Novo lead")
    assert page.tag_options == ["VIP", "implante"] or page.tag_options == ["implante", "VIP"]
    stored = (await (await service_client()).table("clients").select("cpf,birth_date")
              .eq("id", ana.id).execute()).data[0]
    assert stored == {"cpf": "52998224725", "birth_date": "1991-02-03"}

    await page.start_edit(ana.id)
    assert page.editing and page.form.cpf_masked == "***.***.***-25"
    assert page.cpf_hint.startswith("Guardado: ***.***.***-25")
    assert page.form.phone == "(11) 98765-4321" and page.form.tags == "implante, VIP"
    await page.save({"full_name": "Ana Souza Lima", "phone": "+55 11 9 8765 4321", "cpf": "",
                     "tags": "implante, retorno", "source": "none"})
    assert page.message == "Alterações de Ana Souza Lima salvas."
    stored = (await (await service_client()).table("clients")
              .select("full_name,cpf,tags,source_channel,email").eq("id", ana.id)
              .execute()).data[0]
    assert stored == {"full_name": "Ana Souza Lima", "cpf": "52998224725",
                      "tags": ["implante", "retorno"], "source_channel": None, "email": None}

    refusals = {
        "a" * 300: ("name", "O nome pode ter no máximo 200 caracteres."),
        "cpf": ("cpf", "CPF inválido: confira os 11 dígitos."),
        "phone": ("phone", "Este telefone não é um número válido."),
        "tag": ("tags", "Etiqueta inválida"),
        "taken": ("phone", "Este telefone já pertence a outro cliente: Ana Souza Lima."),
    }
    forms = {
        "a" * 300: {"full_name": "a" * 300},
        "cpf": {"full_name": "Bruno", "cpf": "123.456.789-00"},
        "phone": {"full_name": "Bruno", "phone": "ligar à tarde"},
        "tag": {"full_name": "Bruno", "tags": "😀🦷"},
        "taken": {"full_name": "Bruno", "phone": "(11) 8765-4321"},   # Ana's, old spelling
    }
    for case, form in forms.items():
        page.start_new()
        await page.save(form)
        assert page.form_error.startswith(refusals[case][1]), (case, page.form_error)
        assert page.editing                     # the dialog stays open with what was typed
    assert page.total == 1                      # nothing stored
    count = (await (await service_client()).table("clients").select("id", count="exact")
             .eq("company_id", clinic.company_id).execute()).count
    assert count == 1


async def test_another_clinic_cannot_read_or_change_a_client(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    mine = await clients.save(await clinic.user(), clinic.company_id,
                              ClientInput(full_name="Só Nossa", phone="11 91234-5678"))
    theirs = await other.user()
    assert await clients.for_edit(theirs, mine["id"]) is None
    with pytest.raises(Refused) as refused:
        await clients.save(theirs, other.company_id, ClientInput(full_name="Roubada"),
                           mine["id"])
    assert refused.value.reason == "not_found"
    # Their own client with the same number is theirs to have: numbers are unique per clinic.
    await clients.save(theirs, other.company_id,
                       ClientInput(full_name="Outra", phone="11 91234-5678"))
    with pytest.raises(Refused):              # and nobody writes into another clinic
        await clients.save(theirs, clinic.company_id, ClientInput(full_name="Intrusa"))
    page = tab(ClientsState, other.cookie, "/clients")
    await page.open_clients()
    assert [row.name for row in page.rows] == ["Outra"]
    await page.start_edit(mine["id"])
    assert not page.editing and page.notice.startswith("Este cliente não existe mais")
