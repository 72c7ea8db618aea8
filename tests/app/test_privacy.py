"""LGPD privacy requests against a real localbase: the export (JSON and the printable page) holds
every row about the client and nothing about anyone else, for the clinic's admins only; erasing
leaves none of the client's personal data in any column of any table (read with the database's
admin connection), keeps the counts, records the request without the data, and is refused to
staff and across clinics."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from psycopg import sql

from omni_app.api.app import build_api
from omni_app.domain import client_profile, clients, outbound, privacy
from omni_app.domain.refusals import Refused
from omni_app.services import current
from omni_app.state.client_privacy import ClientPrivacyState
from omni_app.state.client_profile import ClientProfileState
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import as_user, asgi_client, joined_member, service_client, tab

pytestmark = pytest.mark.usefixtures("app_env")
COUNTED = ("interactions", "conversation_threads", "appointments", "payments",
           "pipeline_stage_changes")


def token() -> str:
    """A word no other row holds (letters and digits: the text search keeps it whole)."""
    return "qz" + uuid.uuid4().hex[:12]


async def seeded(clinic, label: str) -> dict:
    """A client with a row in every table that names one, each carrying markers; returns the
    client's id and every marker (its personal data and what was written about them)."""
    user, service = await clinic.user(), await service_client()
    digits = str(uuid.uuid4().int)[:8]
    m = {"name": f"Zuleica {label} {token()}", "phone": f"+55119{digits}",
         "digits": f"55119{digits}", "email": f"{token()}@mail.test", "cpf": str(uuid.uuid4().int)[:11],
         "instagram": token(), "inbound": f"<b>Oi</b> {token()}", "caption": token(),
         "reply": f"Resposta {token()}", "thread_note": token(), "client_note": token(),
         "appointment_note": token(), "summary": token(), "tag": token(), "remark": token()}
    now = datetime.now(timezone.utc)
    wrote = await inbound(clinic.company_id, m["inbound"], name=m["name"], phone=m["phone"],
                          media={"kind": "image", "caption": m["caption"],
                                 "items": [{"url": f"https://cdn.test/{m['caption']}.jpg"}]},
                          occurred_at=now - timedelta(minutes=5))
    client_id, thread = wrote["client_id"], wrote["conversation_id"]
    await service.table("clients").update({
        "email": m["email"], "cpf": m["cpf"], "instagram_id": m["instagram"],
        "birth_date": "1980-02-03", "tags": [m["tag"]], "notes": m["remark"]}) \
        .eq("id", client_id).execute()
    await outbound.send(user, thread, m["reply"])
    await user.rpc("add_conversation_note", {"p_conversation_id": thread,
                                             "p_body": m["thread_note"]}).execute()
    await client_profile.add_note(user, client_id, m["client_note"])
    await clients.move(user, client_id, "contacted")
    start = now + timedelta(days=2)
    await service.table("appointments").insert({
        "company_id": clinic.company_id, "client_id": client_id, "notes": m["appointment_note"],
        "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()}
    ).execute()
    await service.table("payments").insert({
        "company_id": clinic.company_id, "client_id": client_id, "amount": "180.00",
        "method": "pix", "status": "paid", "paid_at": now.isoformat()}).execute()
    await service.table("ai_context_snapshots").insert({
        "company_id": clinic.company_id, "client_id": client_id, "summary": m["summary"],
        "trigger": "manual", "model": "test"}).execute()
    # An entry of another feature's audit trail that quotes the client.
    await service.table("audit_log").insert({
        "company_id": clinic.company_id, "action": "conversation.assign",
        "entity": "conversation", "entity_id": thread, "details": {"client": m["name"]}}
    ).execute()
    return {"id": client_id, "thread": thread, "markers": m}


async def download(cookie: str | None, client_id: str, fmt: str = "json"):
    headers = {"cookie": f"{current().session_cookie()}={cookie}"} if cookie else {}
    async with asgi_client(build_api()) as http:
        return await http.get(f"/api/clients/{client_id}/export.{fmt}", headers=headers)


async def rows_of(client_id: str) -> dict[str, set[str]]:
    """The ids of the client's rows in each table, read with the service role."""
    service = await service_client()
    found = {}
    for table in ("interactions", "conversation_threads", "appointments", "payments",
                  "ai_context_snapshots", "pipeline_stage_changes", "client_notes"):
        found[table] = {row["id"] for row in (await service.table(table).select("id")
                                              .eq("client_id", client_id).execute()).data}
    return found


@pytest.fixture
async def two_clinics():
    clinic, other = await new_clinic(), await new_clinic("Outra Clínica")
    first, second = await seeded(clinic, "Um"), await seeded(clinic, "Dois")
    elsewhere = await seeded(other, "Fora")
    return {"clinic": clinic, "other": other, "first": first, "second": second,
            "elsewhere": elsewhere}


async def test_the_json_export_holds_every_row_of_the_client_and_nothing_of_anyone_else(
        two_clinics):
    first, clinic = two_clinics["first"], two_clinics["clinic"]
    answer = await download(clinic.cookie, first["id"])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"] == \
        f'attachment; filename="omni-client-{first["id"]}.json"'
    assert answer.headers["cache-control"] == "no-store"
    export = answer.json()
    assert (export["format"], export["client"]["id"]) == ("omni.client_export", first["id"])
    expected = await rows_of(first["id"])
    sections = {"interactions": "messages", "conversation_threads": "conversations",
                "appointments": "appointments", "payments": "payments",
                "ai_context_snapshots": "ai_snapshots", "pipeline_stage_changes": "stage_history",
                "client_notes": "client_notes"}
    for table, section in sections.items():
        assert {row["id"] for row in export[section]} == expected[table], section
    assert [n["conversation_id"] for n in export["conversation_notes"]] == [first["thread"]]
    assert "search_name" not in export["client"]
    assert all("search_vector" not in row for row in export["messages"])
    for marker in first["markers"].values():
        assert marker in answer.text or marker.replace("<", "\\u003c") in answer.text, marker
    for someone_else in (two_clinics["second"], two_clinics["elsewhere"]):
        assert someone_else["id"] not in answer.text
        for key in ("name", "digits", "email", "cpf", "instagram", "inbound", "reply",
                    "thread_note", "client_note", "summary"):
            assert someone_else["markers"][key] not in answer.text
    assert export["client"]["cpf"] == first["markers"]["cpf"]


async def test_the_printable_page_is_in_the_admins_language_with_every_value_escaped(
        two_clinics):
    first, clinic = two_clinics["first"], two_clinics["clinic"]
    answer = await download(clinic.cookie, first["id"], "html")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["content-disposition"].startswith("inline;")
    page = answer.text
    assert page.startswith("<!DOCTYPE html>") and '<html lang="pt-BR">' in page
    assert "Mensagens" in page and "Agendamentos" in page and "Cadastro" in page
    marker = first["markers"]["inbound"]
    assert marker.replace("<", "&lt;").replace(">", "&gt;") in page and marker not in page
    for key in ("name", "email", "cpf", "instagram", "reply", "thread_note", "client_note",
                "appointment_note", "summary", "tag", "remark"):
        assert first["markers"][key] in page, key
    assert "Em conversa" in page  # the stage, by the clinic's name for it
    for key in ("name", "email", "reply", "client_note"):
        assert two_clinics["second"]["markers"][key] not in page


async def test_exports_are_for_the_clinics_admins_only_and_each_is_audited(two_clinics):
    clinic, other, first = two_clinics["clinic"], two_clinics["other"], two_clinics["first"]
    _, staff_cookie = await joined_member(await clinic.user())
    answers = {"nobody": await download(None, first["id"]),
               "forged": await download("not-a-session", first["id"]),
               "staff": await download(staff_cookie, first["id"]),
               "staff_html": await download(staff_cookie, first["id"], "html"),
               "other_clinic": await download(other.cookie, first["id"]),
               "bad_id": await download(clinic.cookie, "not-a-uuid"),
               "unknown_id": await download(clinic.cookie, str(uuid.uuid4())),
               "bad_format": await download(clinic.cookie, first["id"], "xml")}
    assert {who: a.status_code for who, a in answers.items()} == {
        "nobody": 401, "forged": 401, "staff": 403, "staff_html": 403, "other_clinic": 404,
        "bad_id": 404, "unknown_id": 404, "bad_format": 404}
    assert answers["staff"].json() == {
        "error": "Só os administradores da clínica podem fazer isso."}
    assert answers["other_clinic"].json()["error"].startswith("Cliente não encontrado")
    for answer in answers.values():
        assert first["markers"]["name"] not in answer.text
    await download(clinic.cookie, first["id"], "html")
    service = await service_client()
    audit = (await service.table("audit_log").select("action,entity,details,actor_user_id")
             .eq("company_id", clinic.company_id).eq("entity_id", first["id"])
             .order("at").execute()).data
    assert [(a["action"], a["entity"], a["details"]) for a in audit] == [
        ("client.exported", "client", {"format": "html"})]
    assert audit[0]["actor_user_id"] == clinic.user_id


def holding(dsn: str, needles: list[str]) -> set[tuple[str, str, str]]:
    """(table, column, needle) for every column of every table in public and private that
    holds one of `needles` anywhere in its text."""
    found = set()
    with psycopg.connect(dsn) as conn:
        columns = conn.execute(
            "select c.table_schema, c.table_name, c.column_name "
            "from information_schema.columns c join information_schema.tables t "
            "  on t.table_schema = c.table_schema and t.table_name = c.table_name "
            "where t.table_type = 'BASE TABLE' and c.table_schema in ('public', 'private')"
        ).fetchall()
        for schema, table, column in columns:
            query = sql.SQL("select n from unnest(%s::text[]) as n where exists "
                            "(select from {}.{} where position(lower(n) in lower({}::text)) > 0)"
                            ).format(sql.Identifier(schema), sql.Identifier(table),
                                     sql.Identifier(column))
            for (needle,) in conn.execute(query, (needles,)).fetchall():
                found.add((table, column, needle))
    return found


async def counts(client_id: str) -> dict[str, int]:
    service = await service_client()
    return {table: len((await service.table(table).select("id").eq("client_id", client_id)
                        .execute()).data) for table in COUNTED}


async def test_erasing_leaves_no_personal_data_in_any_table_and_keeps_the_counts(
        two_clinics, app_lb):
    clinic, first = two_clinics["clinic"], two_clinics["first"]
    personal = [value for key, value in first["markers"].items() if key != "phone"]
    others = [two_clinics[who]["markers"][key] for who in ("second", "elsewhere")
              for key in ("name", "digits", "inbound", "client_note", "summary")]
    before = holding(app_lb.admin_dsn, personal)
    # the scan finds every marker before the erasure (so finding none after means something)
    assert {needle for _, _, needle in before} == set(personal)
    assert ("audit_log", "details", first["markers"]["name"]) in before
    kept = await counts(first["id"])
    assert kept == {"interactions": 2, "conversation_threads": 1, "appointments": 1,
                    "payments": 1, "pipeline_stage_changes": 2}

    done = await privacy.erase(await clinic.user(), first["id"])
    assert (done["id"], done["messages"], done["conversations"]) == (first["id"], 2, 1)

    assert holding(app_lb.admin_dsn, personal) == set()
    assert {needle for _, _, needle in holding(app_lb.admin_dsn, others)} == set(others)
    assert await counts(first["id"]) == kept
    service = await service_client()
    [row] = (await service.table("clients").select("*").eq("id", first["id"]).execute()).data
    assert row["full_name"] == "Cliente apagado" and row["erased_at"]
    assert row["search_name"] == "cliente apagado"
    assert [row[k] for k in ("phone", "email", "cpf", "instagram_id", "whatsapp_id",
                             "birth_date", "notes")] == [None] * 7 and row["tags"] == []
    messages = (await service.table("interactions")
                .select("content,media,metadata,search_vector,direction,status,channel")
                .eq("client_id", first["id"]).order("seq").execute()).data
    assert [(m["direction"], m["status"], m["channel"]) for m in messages] == [
        ("inbound", "received", "whatsapp"), ("outbound", "failed", "whatsapp")]
    assert {(m["content"], m["media"], str(m["metadata"]), m["search_vector"])
            for m in messages} == {("Mensagem apagada (LGPD)", None, "{}", None)}
    # a status report arriving afterwards moves the status but brings back no provider data
    late = (await service.table("interactions")
            .update({"status": "sent", "external_message_id": "wamid.LATE", "error": "late",
                     "metadata": {"to": first["markers"]["phone"]}})
            .eq("client_id", first["id"]).eq("direction", "outbound").execute()).data
    assert [(m["status"], m["external_message_id"], m["error"], m["metadata"])
            for m in late] == [("sent", None, None, {})]
    [erased] = (await service.table("audit_log").select("actor_user_id,entity,details")
                .eq("entity_id", first["id"]).eq("action", "client.erased").execute()).data
    assert erased == {"actor_user_id": clinic.user_id, "entity": "client",
                      "details": {"messages": 2, "conversations": 1}}
    [quoted] = (await service.table("audit_log").select("details")
                .eq("entity_id", first["thread"]).eq("action", "conversation.assign")
                .execute()).data
    assert quoted["details"] == {"redacted": True}


async def test_erasure_is_refused_to_staff_other_clinics_and_twice_and_an_erased_client_stays_erased(
        two_clinics):
    clinic, other, first = two_clinics["clinic"], two_clinics["other"], two_clinics["first"]
    _, staff_cookie = await joined_member(await clinic.user())
    active = await (await current().session_store()).resolve(staff_cookie)
    staff_user = await as_user(active.access_token)
    refusals = {}
    for who, user, client_id in (("staff", staff_user, first["id"]),
                                 ("other_clinic", await other.user(), first["id"]),
                                 ("bad_id", await clinic.user(), "nope")):
        with pytest.raises(Refused) as refused:
            await privacy.erase(user, client_id)
        refusals[who] = refused.value.reason
    assert refusals == {"staff": "forbidden", "other_clinic": "not_found",
                        "bad_id": "not_found"}
    assert (await counts(first["id"]))["interactions"] == 2
    admin = await clinic.user()
    await privacy.erase(admin, first["id"])
    with pytest.raises(Refused) as twice:
        await privacy.erase(admin, first["id"])
    assert twice.value.reason == "already_erased"
    assert await privacy.erased_at(staff_user, first["id"])
    with pytest.raises(Refused) as edit:
        await client_profile.set_tags(staff_user, first["id"], "volta")
    assert edit.value.reason == "client_erased"
    with pytest.raises(Refused) as note:
        await client_profile.add_note(staff_user, first["id"], "de novo")
    assert note.value.reason == "client_erased"
    await clients.move(staff_user, first["id"], "lost")  # the funnel still moves
    export = (await download(clinic.cookie, first["id"])).json()
    assert export["client"]["full_name"] == "Cliente apagado"
    assert export["client_notes"] == [] and export["ai_snapshots"] == []
    assert first["markers"]["name"] not in str(export)


async def test_the_profiles_privacy_state_erases_only_once_the_word_is_typed(two_clinics):
    clinic, first = two_clinics["clinic"], two_clinics["first"]
    path = f"/clients/{first['id']}"
    page = tab(ClientPrivacyState, clinic.cookie, path)
    await page.require_clinic_member()  # the page's on_load, before the section mounts
    await page.load_privacy()
    assert (page.privacy_client, page.erased, page.privacy_error) == (first["id"], False, "")
    assert page.json_href == f"/api/clients/{first['id']}/export.json"
    page.type_word("apagar já")
    assert not page.word_typed
    await page.erase()
    assert page.privacy_error == "Digite a palavra pedida para confirmar."
    assert (await counts(first["id"]))["interactions"] == 2 and not page.erased
    page.type_word(" apagar ")
    assert page.word_typed
    reload = await page.erase()
    assert page.erased and page.erased_text.startswith("Dados pessoais apagados (LGPD) em ")
    assert reload.fn.__qualname__.endswith("open_profile")
    _, staff_cookie = await joined_member(await clinic.user())
    staff_tab = tab(ClientPrivacyState, staff_cookie, path)
    await staff_tab.require_clinic_member()
    await staff_tab.load_privacy()
    assert staff_tab.erased and not staff_tab.is_admin
    profile = tab(ClientProfileState, staff_cookie, path)
    await profile.open_profile()
    assert profile.found and profile.erased      # the header hides tags, notes and sending
