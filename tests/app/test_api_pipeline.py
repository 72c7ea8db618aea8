"""/api/v1/pipeline/stages and stage moves over in-process HTTP against real RLS: the clinic's
own stages in board order with names in the clinic's language (an admin's label as given),
archived ones flagged; a move to an archived or unknown stage refused with 422; another
clinic's stages never listed."""
from __future__ import annotations

from omni_app.domain import pipeline
from tests.app.clinics import new_clinic
from tests.app.test_api_clients import key_of, seeded
from tests.app.test_api_v1 import bearer


async def test_stages_are_the_clinics_own_in_order(http):
    clinic, other = await new_clinic(), await new_clinic()
    admin = await clinic.user()
    added = await pipeline.save(admin, None, "Avaliação", "teal")
    await pipeline.save(await other.user(), None, "Só da outra", "red")
    await pipeline.save(admin, "won", "Fechado", "green")
    await pipeline.archive(admin, "lost", None)
    key = await key_of(clinic)

    answer = await http.get("/api/v1/pipeline/stages", headers=bearer(key))
    assert answer.status_code == 200
    stages = answer.json()["stages"]
    assert [(s["key"], s["name"], s["label"], s["archived"]) for s in stages] == [
        ("new", "Novo lead", None, False), ("contacted", "Em conversa", None, False),
        ("qualified", "Qualificado", None, False), ("scheduled", "Agendado", None, False),
        ("won", "Fechado", "Fechado", False), ("lost", "Perdido", None, True),
        (added.key, "Avaliação", "Avaliação", False)]
    assert [s["position"] for s in stages] == list(range(7))

    [client] = await seeded(clinic.company_id, 1)
    moved = await http.post(f"/api/v1/clients/{client['id']}/stage", headers=bearer(key),
                            json={"stage": added.key})
    assert moved.status_code == 200 and moved.json()["stage"] == added.key
    for stage, why in (("lost", "archived"), ("nowhere", "pipeline stage")):
        refused = await http.post(f"/api/v1/clients/{client['id']}/stage", headers=bearer(key),
                                  json={"stage": stage})
        assert refused.status_code == 422 and why in refused.json()["error"], stage
    listed = await http.get("/api/v1/clients", headers=bearer(key),
                            params={"stage": added.key})
    assert [c["id"] for c in listed.json()["clients"]] == [client["id"]]


async def test_the_document_lists_the_stages_endpoint(http):
    document = (await http.get("/api/v1/openapi.json")).json()
    assert "/api/v1/pipeline/stages" in document["paths"]
