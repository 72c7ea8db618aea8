"""Bulk actions on a selection of /clients: add or remove a tag, change the stage, change the
owner. Each is one database call (a security-invoker function: one statement, one transaction,
row-level security decides, so ids of another clinic change nothing) answering how many clients
it changed; each stage change is recorded per client by the database."""
from __future__ import annotations

from postgrest.exceptions import APIError
from supabase import AsyncClient

from omni_app.domain import clients
from omni_app.domain.ids import is_uuid
from omni_app.domain.refusals import Refused, from_database

MAX_SELECTED = 1000
ACTIONS = ("tag", "untag", "stage", "owner")


def selection(client_ids: list[str]) -> list[str]:
    """The ids to act on: well-formed, each once, in the order given. Refused: empty,
    too_many."""
    ids = list(dict.fromkeys(str(i) for i in client_ids if is_uuid(str(i))))
    if not ids:
        raise Refused("empty")
    if len(ids) > MAX_SELECTED:
        raise Refused("too_many")
    return ids


def one_tag(text: str) -> str:
    """The one tag typed (validated as the client form's tags are). Refused: tag."""
    tags = clients.tag_list(text)
    if len(tags) != 1:
        raise Refused("tag")
    return tags[0]


async def _call(user: AsyncClient, function: str, params: dict,
                sharper: dict[str, str] | None = None) -> int:
    try:
        return int((await user.rpc(function, params).execute()).data or 0)
    except APIError as refused:
        raise from_database(refused, sharper) from None


async def add_tag(user: AsyncClient, client_ids: list[str], tag: str) -> int:
    """Refused: empty, too_many, tag, tags (a client would carry more than 50)."""
    return await _call(user, "tag_clients", {"p_client_ids": selection(client_ids),
                                             "p_tag": one_tag(tag)}, {"23514": "tags"})


async def remove_tag(user: AsyncClient, client_ids: list[str], tag: str) -> int:
    """Refused: empty, too_many, tag."""
    return await _call(user, "untag_clients", {"p_client_ids": selection(client_ids),
                                               "p_tag": one_tag(tag)})


async def move(user: AsyncClient, client_ids: list[str], stage: str) -> int:
    """Refused: empty, too_many, stage (not one of the clinic's), stage_archived."""
    if not clients.STAGE_KEY.match(stage or ""):
        raise Refused("stage")
    return await _call(user, "move_clients", {"p_client_ids": selection(client_ids),
                                              "p_stage": stage}, {"23503": "stage"})


async def set_owner(user: AsyncClient, client_ids: list[str], owner_id: str | None) -> int:
    """`owner_id` None: nobody. Refused: empty, too_many, owner (not an active member)."""
    if owner_id is not None and not is_uuid(owner_id):
        raise Refused("owner")
    return await _call(user, "set_clients_owner", {"p_client_ids": selection(client_ids),
                                                   "p_owner_id": owner_id})
