"""A receptionist's day in the inbox, through the real client and RLS: every conversation reachable
by paging with the count per filter, names found as people type them, message text found and
opened where it was said, and messages that share a second in one order everywhere."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import psycopg

from omni_app.domain import conversations, outbound, search
from omni_app.domain.conversations import InboxFilter
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import service_client
from tests.app.inbox_tabs import select, tab_token

AT = datetime(2026, 11, 30, 13, 0, tzinfo=timezone.utc)


def phone(index: int) -> str:
    return f"+55119{index:08d}"


async def many_conversations(company_id: str, count: int) -> list[str]:
    """`count` clients who each wrote once, a minute apart (the last is the newest)."""
    ids = []
    for index in range(count):
        row = await inbound(company_id, f"Oi {index}", name=f"Paciente {index:03d}",
                            phone=phone(index), occurred_at=AT + timedelta(minutes=index))
        ids.append(row["conversation_id"])
    return ids


async def test_paging_reaches_every_conversation_once_with_the_total(app_env):
    clinic = await new_clinic()
    ids = await many_conversations(clinic.company_id, 57)
    user = await clinic.user()
    seen, after, page = [], None, None
    while page is None or page.has_more:
        page = await conversations.inbox(user, InboxFilter(), limit=20, after=after,
                                         count=after is None)
        if after is None:
            assert page.total == 57
        seen += [row["id"] for row in page.rows]
        after = conversations.list_cursor(page.rows[-1])
    assert seen == list(reversed(ids))


async def test_the_inbox_scrolls_past_fifty_and_counts_each_filter(server, app_env):
    clinic = await new_clinic()
    ids = await many_conversations(clinic.company_id, 73)
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        assert (len(inbox.threads), inbox.total, inbox.has_more_threads) == (50, 73, True)
        assert inbox.total_label == "73 conversas"
        await inbox.load_more_threads()
        assert [row.id for row in inbox.threads] == list(reversed(ids))
        assert not inbox.has_more_threads
        await inbox.set_unread_only(True)
        assert (inbox.total, len(inbox.threads)) == (73, 50)
        await select(inbox, ids[-1])              # read: one fewer unread
        await inbox.set_unread_only(False)
        await inbox.set_unread_only(True)
        assert inbox.total == 72


async def test_a_new_message_keeps_the_scrolled_list_and_its_rows(server, app_env):
    clinic = await new_clinic()
    ids = await many_conversations(clinic.company_id, 60)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await inbox.load_more_threads()
        version = inbox._seen_version
    await inbound(clinic.company_id, "De novo", phone=phone(0),
                  occurred_at=AT + timedelta(hours=5))
    await server.publish(clinic.company_id)
    await server.sync(token, version + 1)
    async with server.event(token) as inbox:
        shown = [row.id for row in inbox.threads]
        assert shown[0] == ids[0] and len(shown) == 60 and len(set(shown)) == 60
        assert inbox.total == 60


async def test_names_are_found_without_accents_or_case_and_wildcards_are_text(app_env):
    clinic = await new_clinic()
    for index, name in enumerate(["João Conceição", "Zé Ramalho", "Ana 100% Feliz",
                                  "Bea_Trix", "Carla\\Dias"]):
        await inbound(clinic.company_id, "Oi", name=name, phone=phone(index),
                      occurred_at=AT + timedelta(minutes=index))
    user = await clinic.user()

    async def names(term: str) -> list[str]:
        page = await conversations.inbox(user, InboxFilter(search=term))
        return sorted(row["client_name"] for row in page.rows)

    assert await names("joao") == ["João Conceição"]
    assert await names("CONCEICAO") == ["João Conceição"]
    assert await names("ze") == ["Zé Ramalho"]
    assert await names("%") == ["Ana 100% Feliz"]
    assert await names("_") == ["Bea_Trix"]
    assert await names("\\") == ["Carla\\Dias"]
    assert await names("*") == sorted(["João Conceição", "Zé Ramalho", "Ana 100% Feliz",
                                       "Bea_Trix", "Carla\\Dias"])  # `*` alone: no filter
    assert await names("(11) 90000-0001") == ["Zé Ramalho"]


async def test_python_folds_names_as_the_database_does(app_lb):
    """The typed term is folded in Python, names in SQL: they must agree letter by letter for
    every letter of Latin-1 and Latin Extended-A."""
    letters = "".join(chr(c) for c in range(0xC0, 0x180) if chr(c).isalpha())
    with psycopg.connect(app_lb.admin_dsn) as conn:
        folded = conn.execute("select private.fold(%s)", (letters,)).fetchone()[0]
    assert search.fold(letters) == folded


async def test_message_text_is_found_by_its_words_and_marked(app_env):
    clinic = await new_clinic()
    first = await inbound(clinic.company_id, "Queria marcar uma avaliação de clareamento",
                          name="Lúcia", phone=phone(1), occurred_at=AT)
    await inbound(clinic.company_id, "Obrigada!", phone=phone(1),
                  occurred_at=AT + timedelta(minutes=1))
    await inbound(clinic.company_id, "Qual o preço do CLAREAMENTO?", name="Rui",
                  phone=phone(2), occurred_at=AT + timedelta(minutes=2))
    other = await new_clinic()
    await inbound(other.company_id, "clareamento também", phone=phone(3), occurred_at=AT)
    user = await clinic.user()

    hits = await search.messages(user, "clareamentos avaliacao")   # stems, accents ignored
    assert [hit["interaction_id"] for hit in hits] == [first["interaction_id"]]
    parts = search.headline_segments(hits[0]["headline"])
    assert [part.text for part in parts if part.match] == ["avaliação", "clareamento"]

    hits = await search.messages(user, "clareamento")
    assert [hit["client_name"] for hit in hits] == ["Rui", "Lúcia"]   # newest first, own clinic
    older = await search.messages(user, "clareamento", limit=1)
    rest = await search.messages(user, "clareamento",
                                 before=(older[0]["occurred_at"], older[0]["interaction_id"]))
    assert [hit["client_name"] for hit in rest] == ["Lúcia"]
    assert await search.messages(user, '"preço do" -clareamento') == []
    assert await search.messages(user, "   ") == []
    assert await search.messages(user, "%_\\ ' \" :* & | !") == []    # syntax is only text


async def test_a_hit_opens_its_conversation_at_the_message(server, app_env):
    clinic = await new_clinic()
    hit = await inbound(clinic.company_id, "Tenho alergia a anestesia", name="Marta",
                        phone=phone(1), occurred_at=AT)
    for minute in range(1, 41):
        await inbound(clinic.company_id, f"mensagem {minute}", phone=phone(1),
                      occurred_at=AT + timedelta(minutes=minute))
    async with server.event(tab_token(), clinic.cookie) as inbox:
        await inbox.open_inbox()
        await inbox.set_search_mode("messages")
        await inbox.set_search("alergia")
        assert [h.id for h in inbox.hits] == [hit["interaction_id"]]
        assert [p.text for p in inbox.hits[0].parts if p.match] == ["alergia"]
        href = inbox.hits[0].href
        assert href == f"/inbox/{hit['conversation_id']}?m={hit['interaction_id']}"
        await select(inbox, hit["conversation_id"], f"?m={hit['interaction_id']}")
        assert inbox.focus_message_id == hit["interaction_id"]
        assert inbox.messages[0].id == hit["interaction_id"]   # 41 shown, not the last 30
        assert len(inbox.messages) == 41 and not inbox.has_older
        await select(inbox, hit["conversation_id"], f"?m={uuid.uuid4()}")
        assert inbox.focus_message_id == "" and len(inbox.messages) == 30


async def test_same_second_messages_keep_one_order_everywhere(app_env):
    """Six messages stamped with the same second: the pane's pages, the list's preview and the
    numbering agree on the order they arrived in."""
    clinic = await new_clinic()
    texts = [f"parte {n}" for n in range(1, 7)]
    rows = [await inbound(clinic.company_id, text, phone=phone(1), occurred_at=AT)
            for text in texts]
    conversation_id = rows[0]["conversation_id"]
    user = await clinic.user()
    page = await conversations.messages(user, conversation_id, limit=4)
    older = await conversations.messages(user, conversation_id, limit=10,
                                         before=conversations.message_cursor(page.rows[-1]))
    assert [row["content"] for row in page.rows + older.rows] == list(reversed(texts))
    assert [row["seq"] for row in page.rows + older.rows] == [6, 5, 4, 3, 2, 1]
    thread = await conversations.conversation(user, conversation_id)
    assert thread["last_message_preview"] == "parte 6"
    since = await conversations.messages_since(user, conversation_id,
                                               conversations.message_cursor(older.rows[0]))
    assert [row["content"] for row in since] == ["parte 6", "parte 5", "parte 4", "parte 3", "parte 2"]
    await outbound.send(user, conversation_id, "resposta")
    service = await service_client()
    threads = (await service.table("conversation_threads").select("message_seq")
               .eq("id", conversation_id).execute()).data
    assert threads[0]["message_seq"] == 7


async def test_a_message_s_place_cannot_change(app_env, app_lb):
    clinic = await new_clinic()
    row = await inbound(clinic.company_id, "Oi", phone=phone(1), occurred_at=AT)
    with psycopg.connect(app_lb.admin_dsn) as conn:
        try:
            conn.execute("update public.interactions set seq = 99 where id = %s",
                         (row["interaction_id"],))
        except psycopg.Error as refused:
            assert "cannot change" in str(refused)
        else:
            raise AssertionError("seq was rewritten")
