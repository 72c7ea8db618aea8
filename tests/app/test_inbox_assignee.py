"""Assignees in the inbox, through the tab server and RLS: the Mine / Unassigned / All filter with
its counts, assigning from the pane (to oneself, to a colleague, to nobody) updates the list and
the header, another tab of the clinic refreshes, and another clinic's member is refused."""
from __future__ import annotations

import uuid

from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import service_client
from tests.app.inbox_tabs import select, tab_token


async def colleague(company_id: str, name: str = "Sérgio Recepção") -> str:
    """A staff member of the clinic (made as an accepted invitation leaves one); their id."""
    service = await service_client()
    email = f"colega-{uuid.uuid4().hex[:10]}@test.clinic"
    await service.auth.admin.create_user({
        "email": email, "password": f"pw-{uuid.uuid4().hex}", "email_confirm": True,
        "app_metadata": {"company_id": company_id, "role": "staff"}})
    rows = (await service.table("users").update({"full_name": name}).eq("email", email)
            .execute()).data
    return rows[0]["id"]


async def three_conversations(company_id: str) -> list[str]:
    return [(await inbound(company_id, f"Oi {index}", name=f"Paciente {index}",
                           phone=f"+55119777700{index:02d}"))["conversation_id"]
            for index in range(3)]


async def test_assign_from_the_pane_and_filter_mine_unassigned_all(server, app_env):
    clinic = await new_clinic()
    sergio = await colleague(clinic.company_id)
    first, second, third = await three_conversations(clinic.company_id)
    token = tab_token()
    async with server.event(token, clinic.cookie) as inbox:
        await inbox.open_inbox()
        assert inbox.assignee_filter == "all" and inbox.total == 3
        await select(inbox, first)
        assert inbox.header.assignee_id == "" and not inbox.assigned_to_me
        assert sergio in {member.id for member in inbox.members}
        await inbox.assign_to_me()
        assert inbox.notice == ""
        assert (inbox.header.assignee_id, inbox.assigned_to_me) == (clinic.user_id, True)
        mine = {row.id: row.assignee for row in inbox.threads}
        assert mine[first] != "" and mine[second] == mine[third] == ""

        await select(inbox, second)
        await inbox.assign(sergio)
        assert (inbox.header.assignee_id, inbox.header.assignee_name) == (sergio, "Sérgio Recepção")
        assert {row.id: row.assignee for row in inbox.threads}[second] == "Sérgio Recepção"

        await inbox.set_assignee_filter("mine")
        assert ([row.id for row in inbox.threads], inbox.total) == ([first], 1)
        await inbox.set_assignee_filter("unassigned")
        assert ([row.id for row in inbox.threads], inbox.total) == ([third], 1)
        await inbox.set_assignee_filter("all")
        assert inbox.total == 3

        await inbox.assign("none")                       # the select's "nobody"
        assert inbox.header.assignee_id == ""
        await inbox.set_assignee_filter("unassigned")
        assert {row.id for row in inbox.threads} == {second, third}
        await inbox.set_assignee_filter("anything")
        assert inbox.assignee_filter == "all"


async def test_another_tab_refreshes_and_a_stranger_is_refused(server, app_env):
    clinic, other = await new_clinic(), await new_clinic("Clínica Vizinha")
    stranger = await colleague(other.company_id, "Otávio Outra")
    thread = (await inbound(clinic.company_id, "Oi", phone="+5511977771111"))["conversation_id"]
    writer, reader = tab_token(), tab_token()
    async with server.event(reader, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, thread)
        version = inbox._seen_version
    async with server.event(writer, clinic.cookie) as inbox:
        await inbox.open_inbox()
        await select(inbox, thread)
        await inbox.assign(stranger)
        assert inbox.notice == inbox.tr["inbox.error.member"]
        assert inbox.header.assignee_id == ""
        await inbox.assign_to_me()
    await server.sync(reader, version + 1)
    async with server.event(reader, clinic.cookie) as inbox:
        assert inbox.header.assignee_id == clinic.user_id
        assert inbox.threads[0].assignee != ""
        await inbox.set_assignee_filter("mine")
        assert inbox.total == 1
