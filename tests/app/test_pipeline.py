"""The pipeline board through the real client and RLS: columns in the clinic's stage order with
counts and "load more", moves that land between the named neighbours and write the stage
history, stage management by admins only (archive moves the stage's clients first), another
clinic never seen or moved, and a move in one tab shown in another after the live bump."""
from __future__ import annotations

import json

import pytest

from omni_app.domain import board, pipeline
from omni_app.domain.clients import ClientFilter
from omni_app.domain.refusals import Refused
from omni_app.state.inbox_live import InboxLive
from omni_app.state.pipeline import PipelineState, fetch_board
from omni_app.state.pipeline_stages import PipelineStagesState
from tests.app.clinics import new_clinic
from tests.app.conftest import joined_member, service_client, tab

STAGES = ["new", "contacted", "qualified", "scheduled", "won", "lost"]


async def seeded(company_id: str, per_stage: dict[str, int], tag_every: int = 0) -> list[dict]:
    rows = [{"company_id": company_id, "full_name": f"{stage} {i:02d}",
             "phone": f"+5521{abs(hash((company_id, stage))) % 1000:03d}{i:06d}",
             "pipeline_stage": stage, "tags": ["vip"] if tag_every and i % tag_every == 0 else [],
             "source_channel": "instagram" if i % 2 else "whatsapp"}
            for stage, count in per_stage.items() for i in range(count)]
    service = await service_client()
    return (await service.table("clients").insert(rows).execute()).data


def ids(column: board.Column) -> list[str]:
    return [card["id"] for card in column.cards]


def column(shown: board.Board, key: str) -> board.Column:
    return next(each for each in shown.columns if each.stage.key == key)


async def history(client_id: str) -> list[dict]:
    service = await service_client()
    return (await service.table("pipeline_stage_changes")
            .select("from_stage,to_stage,changed_by").eq("client_id", client_id)
            .order("changed_at").execute()).data


async def test_columns_follow_the_stages_with_counts_and_load_more(app_env):
    clinic = await new_clinic()
    await seeded(clinic.company_id, {"new": 45, "qualified": 3, "won": 1}, tag_every=5)
    other = await new_clinic()
    await seeded(other.company_id, {"new": 4})
    user = await clinic.user()

    shown = await board.board(user)
    assert [each.stage.key for each in shown.columns] == STAGES
    assert [each.total for each in shown.columns] == [45, 0, 3, 0, 1, 0]
    first = column(shown, "new")
    assert len(first.cards) == board.PER_COLUMN and first.has_more
    # walk the column to its end, as "load more" does
    cards, after = list(first.cards), board.cursor_of(first.cards[-1])
    while True:
        page = await board.more(user, first.stage, ClientFilter(), after)
        cards += page.rows
        if not page.has_more:
            break
        after = board.cursor_of(page.rows[-1])
    assert len(cards) == 45 and len({card["id"] for card in cards}) == 45
    ranks = [float(card["board_rank"]) for card in cards]
    assert ranks == sorted(ranks)
    assert {card["full_name"][:3] for card in cards} == {"new"}      # never the other clinic's

    tagged = await board.board(user, ClientFilter(tag="vip"))
    assert column(tagged, "new").total == 9 and column(tagged, "qualified").total == 1
    await user.table("clients").update({"owner_id": clinic.user_id}).eq(
        "full_name", "qualified 02").execute()
    mine = tab(PipelineState, clinic.cookie, "/pipeline")
    mine.user_id = clinic.user_id
    mine.owner = "me"
    assert [c.total for c in (await board.board(user, mine._filter())).columns] == [
        0, 0, 1, 0, 0, 0]
    mine.owner = "none"
    assert column(await board.board(user, mine._filter()), "qualified").total == 2
    searched = await board.board(user, ClientFilter(search="qualified 01"))
    assert [each.total for each in searched.columns] == [0, 0, 1, 0, 0, 0]
    again = await board.board(user, shown={"new": 30})
    assert len(column(again, "new").cards) == 30       # a live refresh keeps what was loaded


async def test_a_move_lands_between_its_neighbours_and_is_recorded(app_env):
    clinic = await new_clinic()
    await seeded(clinic.company_id, {"new": 3, "qualified": 30})
    user = await clinic.user()
    shown = await board.board(user)
    mover = column(shown, "new").cards[0]
    target = ids(column(shown, "qualified"))
    above, below = target[4], target[5]

    await board.place(user, mover["id"], "qualified", above, below)
    after = ids(column(await board.board(user), "qualified"))
    assert after[4:7] == [above, mover["id"], below]
    [created, moved] = await history(mover["id"])
    assert (moved["from_stage"], moved["to_stage"], moved["changed_by"]) == (
        "new", "qualified", clinic.user_id)

    # within the column: a new place, no history row
    await board.place(user, mover["id"], "qualified", None, target[0])
    assert ids(column(await board.board(user), "qualified"))[0] == mover["id"]
    assert len(await history(mover["id"])) == 2

    # dropped under the last card loaded (19 of 30): before the first card not loaded
    await board.place(user, mover["id"], "qualified", target[19], None)
    full = ids(column(await board.board(user, shown={"qualified": 40}), "qualified"))
    assert full.index(mover["id"]) == full.index(target[19]) + 1


async def test_other_clinics_cannot_move_or_see_and_unknown_stages_are_refused(app_env):
    clinic, other = await new_clinic(), await new_clinic()
    [ours] = await seeded(clinic.company_id, {"new": 1})
    stranger = await other.user()
    with pytest.raises(Refused) as refused:
        await board.place(stranger, ours["id"], "won")
    assert refused.value.reason == "not_found"
    assert all(each.total == 0 for each in (await board.board(stranger)).columns)
    with pytest.raises(Refused) as unknown:
        await board.place(await clinic.user(), ours["id"], "nowhere")
    assert unknown.value.reason == "stage"
    assert len(await history(ours["id"])) == 1


async def test_admins_manage_stages_and_staff_cannot(app_env):
    clinic = await new_clinic()
    clients = await seeded(clinic.company_id, {"contacted": 2, "new": 1})
    admin = await clinic.user()
    _, staff_cookie = await joined_member(admin, "staff")
    staff_page = tab(PipelineStagesState, staff_cookie, "/pipeline/stages")
    await staff_page.save_stage({"label": "Sneaky", "color": "red"})
    assert [s.key for s in await pipeline.stages(admin)] == STAGES

    page = tab(PipelineStagesState, clinic.cookie, "/pipeline/stages")
    await page.open_stages()
    assert [row.name for row in page.rows][:2] == ["Novo lead", "Em conversa"]
    assert [row.clients for row in page.rows][:2] == [1, 2]
    await page.save_stage({"label": "  Avaliação   inicial ", "color": "teal"})
    assert page.notice == "" and page.message.startswith("Etapa “Avaliação inicial”")
    added = page.rows[-1]
    assert added.name == "Avaliação inicial" and added.key.startswith("s_")
    await page.save_stage({"label": "", "color": "gray"})
    assert page.notice == "Dê um nome à etapa."
    await page.save_stage({"label": "x" * 61, "color": "gray"})
    assert page.notice == "O nome da etapa pode ter até 60 caracteres."
    await page.save_stage({"key": "won", "label": "Fechado", "color": "green"})
    await page.save_stage({"key": "new", "label": "Novo lead", "color": "indigo"})
    entry = next(s for s in await pipeline.stages(admin) if s.key == "new")
    assert (entry.label, entry.color) == (None, "indigo")    # still named in each language
    await page.shift(added.key, -1)
    assert [row.key for row in page.rows][-2:] == [added.key, "lost"]

    page.start_archive("contacted")
    page.set_archive_target("")
    await page.archive()
    assert page.archive_error == "Esta etapa tem clientes: escolha para onde eles vão."
    page.start_archive("contacted")
    page.set_archive_target(added.key)
    await page.archive()
    assert page.archive_error == "" and page.archiving == ""
    assert "contacted" in [row.key for row in page.archived_rows]
    for client in clients[:2]:
        assert (await history(client["id"]))[-1] == {
            "from_stage": "contacted", "to_stage": added.key, "changed_by": clinic.user_id}
    shown = await board.board(admin)
    assert "contacted" not in [each.stage.key for each in shown.columns]
    assert column(shown, "won").stage.label == "Fechado"
    with pytest.raises(Refused) as archived:
        await board.place(admin, clients[2]["id"], "contacted")
    assert archived.value.reason == "stage_archived"
    with pytest.raises(Refused) as entry:
        await pipeline.archive(admin, "new", "won")
    assert entry.value.reason == "stage_new"
    await page.restore("contacted")
    assert "contacted" in [row.key for row in page.rows]

    service = await service_client()
    audit = (await service.table("audit_log").select("action").eq("company_id", clinic.company_id)
             .like("action", "pipeline.%").execute()).data
    assert {row["action"] for row in audit} == {
        "pipeline.stage_saved", "pipeline.stages_reordered", "pipeline.stage_archived",
        "pipeline.stage_restored"}


async def test_a_move_in_one_tab_shows_in_the_other_after_the_live_bump(app_env, server):
    clinic = await new_clinic()
    [lead] = await seeded(clinic.company_id, {"new": 1})
    other = await new_clinic()
    await seeded(other.company_id, {"new": 2})
    for token in ("tab-a", "tab-b"):
        async with server.event_of(PipelineState, token, clinic.cookie, "/pipeline") as page:
            await page.open_pipeline()
    async with server.event_of(PipelineState, "tab-a") as page:
        seen = (await page.get_state(InboxLive)).version
        [_ async for _ in page.drop(json.dumps(
            {"card": lead["id"], "stage": "scheduled", "index": 0}))]
        assert page.notice == "" and page.message == "new 00 movido(a) para Agendado."
        assert [c.id for c in next(c for c in page.columns if c.key == "scheduled").cards] == [
            lead["id"]]
        version = (await page.get_state(InboxLive)).version
        assert version == seen + 1                     # the clinic's counter, bumped
    async with server.event_of(PipelineState, "tab-b") as page:
        assert (await page.get_state(InboxLive)).version == version   # linked to its clinic
        cookie, wanted, sizes = page._cookie(), page._filter(), page._sizes()
        before = [c.total for c in page.columns]
    fetched = await fetch_board(cookie, 99, wanted, sizes)
    async with server.event_of(PipelineState, "tab-b") as page:
        page._show(fetched)
        scheduled = next(c for c in page.columns if c.key == "scheduled")
        assert [c.id for c in scheduled.cards] == [lead["id"]] and before[3] == 0


async def test_a_refused_move_puts_the_board_back(app_env, server):
    clinic = await new_clinic()
    [lead] = await seeded(clinic.company_id, {"new": 1})
    async with server.event_of(PipelineState, "tab", clinic.cookie, "/pipeline") as page:
        await page.open_pipeline()
        service = await service_client()
        await service.table("clients").delete().eq("id", lead["id"]).execute()  # gone meanwhile
        steps = page.move_to(lead["id"], "won")
        await steps.__anext__()                    # the optimistic step: already in "won"
        won = next(c for c in page.columns if c.key == "won")
        assert [c.id for c in won.cards] == [lead["id"]]
        async for _ in steps:
            pass
        new = next(c for c in page.columns if c.key == "new")
        assert [c.id for c in new.cards] == [lead["id"]] and new.total == 1
        assert page.notice == "Este cliente não existe mais. O funil foi atualizado."
