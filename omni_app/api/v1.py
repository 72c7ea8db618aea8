"""/api/v1: a clinic's inbox and clients for automations (n8n's AI agent, other tools), on
FastAPI. Clients are read and written through domain/clients.py, as the /clients page does; a
stage change is recorded by the database (pipeline_stage_changes, with the signed-in member).

`Authorization: Bearer <token>`: an API key (`omni_…`) is resolved to the admin who created it
and the request runs as that admin through a 60-second access token minted with
SUPABASE_JWT_SECRET; any other token is taken as the caller's own Supabase access token. Either
way every query runs as a signed-in user, so row-level security scopes it exactly like the UI.
Errors are JSON `{"error": "..."}` (see `api/app.py` for how exceptions become answers).

Limits (counted in the database, shared by every worker): per client address, per API key, and
for unknown keys per address; past one, 429 with Retry-After. Bodies are read by us, not by the
framework, so they are capped (413) and their JSON depth bounded (400) before any parsing."""
from __future__ import annotations

import base64
import binascii
import json
import time
import uuid
from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import APIRouter, Depends, Path, Query
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from postgrest import AsyncPostgrestClient
from postgrest.exceptions import APIError
from pydantic import ValidationError
from starlette.requests import Request

from omni_app import services as services_module
from omni_app.api import bodies
from omni_app.api import v1_models as m
from omni_app.api.errors import Error, HttpError, refusal
from omni_app.api.http import client_address
from omni_app.api.rate_limit import retry_after_header
from omni_app.channels import phones
from omni_app.domain import api_keys, auth, clients, clock, conversations, outbound, pipeline
from omni_app.domain.counters import Counters, Limit
from omni_app.domain.refusals import Refused

MINTED_TOKEN_SECONDS = 60
MAX_BODY_BYTES = 64 * 1024
PER_ADDRESS = Limit(hits=600, window_s=60)
PER_CALLER = Limit(hits=120, window_s=60)      # an API key, or a user's own token
BAD_KEYS = Limit(hits=20, window_s=600)        # unknown or revoked keys from one address
# cpf is never selected; `stage` is pipeline_stage; search_name is the name order's keyset
CLIENT_COLUMNS = ("id,full_name,phone,email,birth_date,tags,source_channel,pipeline_stage,"
                  "is_lead,instagram_id,owner_id,created_at,last_interaction_at,search_name")
_SEND_REFUSALS = {"empty": (422, "the text is empty"),
                  "too_long": (422, "the text is longer than the channel allows"),
                  "not_found": (404, "conversation not found"),
                  "closed": (409, "the conversation is closed; reopen it first"),
                  "bad_quote": (422, "reply_to is not a message of this conversation")}
_bearer = HTTPBearer(auto_error=False, description="An API key (`omni_…`, made by an admin on "
                     "the integrations page) or a Supabase access token")


def _too_many(wait: int, what: str) -> HttpError:
    return HttpError(429, f"too many requests ({what}); retry later",
                     {"Retry-After": retry_after_header(wait)})


@dataclass(frozen=True)
class ApiCaller:
    user: AsyncPostgrestClient
    company_id: str
    user_id: str
    role: str = "staff"       # an API key runs as the admin who made it


def _jwt_secret() -> str:
    secret = services_module.current().settings.supabase_jwt_secret
    if secret is None:
        raise HttpError(503, "API keys need SUPABASE_JWT_SECRET to be configured on the server; "
                           "use a Supabase access token meanwhile")
    return secret.get_secret_value()


def _mint(auth_user_id: str, secret: str) -> str:
    """A short-lived access token of the key's creator, as Supabase Auth would issue it."""
    now = int(time.time())
    return jwt.encode({"sub": auth_user_id, "role": "authenticated", "aud": "authenticated",
                       "iat": now, "exp": now + MINTED_TOKEN_SECONDS}, secret, algorithm="HS256")


async def _api_key_owner(token: str, address: str, counters: Counters) -> api_keys.ApiKeyOwner:
    """The key's clinic and creator; an address that keeps presenting bad keys must wait."""
    wait = await BAD_KEYS.exhausted(counters, f"api:badkey:{address}")
    if wait:
        raise _too_many(wait, "invalid API keys from this address")
    owner = await api_keys.resolve(await services_module.current().service(), token)
    if owner is None:
        await counters.add(f"api:badkey:{address}", BAD_KEYS.window_s)
        raise HttpError(401, "unknown or revoked API key")
    return owner


async def api_caller(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> ApiCaller:
    """The dependency every endpoint starts with: who is calling, within which limits."""
    if credentials is None:
        raise HttpError(401, "send Authorization: Bearer <API key or access token>")
    token = credentials.credentials.strip()
    services = services_module.current()
    counters = await services.counters()
    address = client_address(request, services.trusted_proxies)
    wait = await PER_ADDRESS.take(counters, f"api:addr:{address}")
    if wait:
        raise _too_many(wait, "per address")
    owner = None
    if token.startswith(api_keys.KEY_PREFIX):
        secret = _jwt_secret()
        owner = await _api_key_owner(token, address, counters)
        token = _mint(owner.auth_user_id, secret)
    user = await services.as_user(token)
    try:
        me = await auth.profile(user)
    except APIError:
        raise HttpError(401, "invalid or expired access token") from None
    if not me or me.get("status") != "active":
        raise HttpError(401, "this user cannot use the API")
    if not me.get("company_id"):
        raise HttpError(403, "this user belongs to no clinic")
    if owner is not None and owner.company_id != me["company_id"]:
        raise HttpError(401, "unknown or revoked API key")
    who = f"api:key:{owner.key_id}" if owner is not None else f"api:user:{me['user_id']}"
    wait = await PER_CALLER.take(counters, who)
    if wait:
        raise _too_many(wait, "per API key" if owner is not None else "per user")
    return ApiCaller(user, me["company_id"], me["user_id"], me.get("role") or "staff")


Caller = Annotated[ApiCaller, Depends(api_caller)]


def _body(model: type[m.BaseModel]):
    """A dependency reading `model` from the body within our limits (see the module's doc)."""
    async def read(request: Request):
        payload = bodies.decode_json(await bodies.read_limited(request, MAX_BODY_BYTES))
        try:
            return model.model_validate(payload)
        except ValidationError as invalid:  # answered like FastAPI's own (api/app.py)
            raise RequestValidationError(invalid.errors(include_url=False)) from None
    return read


# the bodies read by `_body`, published in the document by api/app.py
BODIES = (m.SendMessage, m.ClientCreate, m.ClientPatch, m.StageChange)


def _body_reference(model: type[m.BaseModel]) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}


def _uuid(value: str, what: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise HttpError(404, f"{what} not found") from None


def _cursor(position: tuple) -> str:
    raw = json.dumps(list(position)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decoded(cursor: str) -> list:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        value = None
    if not isinstance(value, list) or len(value) != 2:
        raise _bad_cursor()
    return value


def _bad_cursor() -> HttpError:
    return HttpError(400, "invalid cursor: pass next_cursor from the previous page")


def _message_cursor(cursor: str) -> tuple[str, int]:
    at, seq = _decoded(cursor)
    try:
        clock.parse_time(at)
    except (ValueError, TypeError):
        raise _bad_cursor() from None
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise _bad_cursor()
    return at, seq


def _list_cursor(cursor: str) -> tuple[str | None, str]:
    at, row_id = _decoded(cursor)
    try:
        if at is not None:
            clock.parse_time(at)
        return at, str(uuid.UUID(row_id))
    except (ValueError, TypeError, AttributeError):
        raise _bad_cursor() from None


def _errors(*statuses: int) -> dict:
    return {status: {"model": Error} for status in statuses}


router = APIRouter(prefix="/api/v1", tags=["API v1"],
                   responses=_errors(401, 403, 429, 503))


@router.post("/messages", status_code=202, response_model=m.QueuedMessage,
             summary="Send a reply in a conversation (queued, delivered by n8n)",
             responses=_errors(400, 404, 409, 413, 422),
             openapi_extra=_body_reference(m.SendMessage))
async def send_message(caller: Caller,
                       body: Annotated[m.SendMessage, Depends(_body(m.SendMessage))]):
    try:
        row = await outbound.send(caller.user, str(body.conversation_id), body.text,
                                  reply_to=str(body.reply_to) if body.reply_to else None)
    except Refused as refused:
        raise HttpError(*_SEND_REFUSALS.get(refused.reason, (422, refused.reason))) from None
    services_module.current().wake_worker()
    return row


@router.get("/conversations", response_model=m.ConversationList,
            summary="List the clinic's conversations, newest activity first",
            responses=_errors(422))
async def list_conversations(caller: Caller, query: Annotated[m.ConversationQuery, Query()]):
    after = _list_cursor(query.after) if query.after else None
    page = await conversations.inbox(caller.user, conversations.InboxFilter(
        channel=query.channel, status=query.status, unread_only=query.unread, search=query.q),
        limit=query.limit, after=after, count=after is None)
    next_cursor = (_cursor(conversations.list_cursor(page.rows[-1]))
                   if page.has_more and page.rows else None)
    return {"conversations": page.rows, "total": page.total, "next_cursor": next_cursor}


@router.get("/conversations/{conversation_id}", response_model=m.ConversationPage,
            summary="A conversation and one page of its messages, newest first",
            responses=_errors(400, 404, 422))
async def get_conversation(caller: Caller,
                           conversation_id: Annotated[str, Path(json_schema_extra={
                               "format": "uuid"})],
                           query: Annotated[m.MessagesQuery, Query()]):
    conversation_id = _uuid(conversation_id, "conversation")
    before = _message_cursor(query.before) if query.before else None
    found = await conversations.conversation(caller.user, conversation_id)
    if found is None:
        raise HttpError(404, "conversation not found")
    page = await conversations.messages(caller.user, conversation_id, before, query.limit)
    next_cursor = (_cursor(conversations.message_cursor(page.rows[-1]))
                   if page.has_more and page.rows else None)
    return {"conversation": found, "messages": page.rows, "next_cursor": next_cursor}


# Refusals of clients.save / clients.move -> (status, the field at fault, message)
_CLIENT_REFUSALS = {
    "name_required": (422, "full_name", "full_name is required"),
    "name_too_long": (422, "full_name",
                      f"full_name is longer than {clients.MAX_NAME} characters"),
    "phone": (422, "phone", "phone is not a valid phone number"),
    "email": (422, "email", "email is not a valid e-mail address"),
    "birth_date": (422, "birth_date", "birth_date must be between 1900-01-01 and today"),
    "cpf": (422, "cpf", "cpf is not a valid CPF (11 digits with valid check digits)"),
    "tag": (422, "tags", f"each tag needs a letter or digit and at most {clients.MAX_TAG} "
                         "characters"),
    "tags": (422, "tags", f"at most {clients.MAX_TAGS} tags"),
    "source": (422, "source_channel", "source_channel is not a known channel"),
    "instagram": (422, "instagram_id", f"instagram_id must have 1 to {clients.MAX_INSTAGRAM} "
                                       "characters and no spaces"),
    "owner": (422, "owner_id", "owner_id is not an active member of the clinic"),
    "stage": (422, "stage", "stage is not one of the clinic's pipeline stage keys"),
    "stage_archived": (422, "stage", "the stage is archived"),
    "not_found": (404, None, "client not found"),
    "duplicate": (409, "phone", "another client of the clinic already has this phone number "
                                "or Instagram id"),
}
CLIENT_PATH = Annotated[str, Path(json_schema_extra={"format": "uuid"})]


async def _announce(caller: ApiCaller) -> None:
    """Open boards, inboxes and home pages of the clinic re-read (a client was added or moved)."""
    await services_module.current().changed(caller.company_id)


def _client(row: dict) -> dict:
    """A clients row as the API answers it (the response model drops everything else)."""
    shown = {key: value for key, value in row.items() if key != "cpf"}
    return {**shown, "stage": row["pipeline_stage"], "owner_id": row.get("owner_id")}


_TAKEN = {"phone_taken": ("phone", "the phone number"),
          "instagram_taken": ("instagram_id", "the Instagram id")}


def _refused(refused: Refused) -> HttpError:
    if isinstance(refused, clients.Taken):
        field, what = _TAKEN[refused.reason]
        message = (f"{what} belongs to another client: {refused.detail} ({refused.client_id})")
        error = HttpError(409, message, details=[{"loc": ["body", field], "msg": message}])
        error.extra = {"client_id": refused.client_id}
        return error
    status, field, message = _CLIENT_REFUSALS.get(refused.reason,
                                                  (422, None, f"refused: {refused.reason}"))
    return refusal(refused.reason, status, message, field)


def _client_input(values: dict) -> clients.ClientInput:
    born = values.get("birth_date")
    return clients.ClientInput(
        full_name=values.get("full_name") or "", phone=values.get("phone") or "",
        email=values.get("email") or "",
        birth_date=born.isoformat() if hasattr(born, "isoformat") else born or "",
        cpf=values.get("cpf") or "", tags=",".join(values.get("tags") or []),
        source=values.get("source_channel") or "", instagram=values.get("instagram_id") or "",
        owner_id=str(values["owner_id"]) if values.get("owner_id") else "")


def _client_cursor(cursor: str, sort: str) -> tuple[str | None, str]:
    value, row_id = _decoded(cursor)
    try:
        if value is not None:
            if not isinstance(value, str):
                raise ValueError(value)
            if sort != "name":
                clock.parse_time(value)
        return value, str(uuid.UUID(row_id))
    except (ValueError, TypeError, AttributeError):
        raise _bad_cursor() from None


@router.get("/clients", response_model=m.ClientList,
            summary="List and search the clinic's clients, paged by cursor",
            description="`total` counts every client the filters match and is given on the "
                        "first page (asked without `cursor`); later pages answer null. Pass "
                        "`next_cursor` as `cursor`, with the same filters and sort, for the next "
                        "page. `cpf` is never returned. `owner_id=<member id>` lists the clients "
                        "that member owns, `owner_id=none` those nobody owns; `upcoming=true` "
                        "those with an appointment still to come.",
            responses=_errors(400, 422))
async def list_clients(caller: Caller, query: Annotated[m.ClientQuery, Query()]):
    phone = ""
    if query.phone:
        phone = phones.normalize(query.phone) or ""
        if not phone:
            raise HttpError(422, "phone is not a valid phone number", details=[
                {"loc": ["query", "phone"], "msg": "not a valid phone number"}])
    if query.stage and query.stage not in {stage.key for stage in
                                           await pipeline.stages(caller.user)}:
        raise HttpError(422, "stage is not one of the clinic's pipeline stage keys", details=[
            {"loc": ["query", "stage"], "msg": "not one of the clinic's stage keys"}])
    after = _client_cursor(query.cursor, query.sort) if query.cursor else None
    page = await clients.listed(caller.user, clients.ClientFilter(
        search=query.q, stage=query.stage, tag=query.tag, sort=query.sort, phone=phone,
        owner=query.owner_id.lower(), upcoming=query.upcoming),
        limit=query.limit, after=after, count=after is None, columns=CLIENT_COLUMNS)
    next_cursor = (_cursor(clients.list_cursor(page.rows[-1], query.sort))
                   if page.has_more and page.rows else None)
    return {"clients": [_client(row) for row in page.rows], "total": page.total,
            "next_cursor": next_cursor}


@router.post("/clients", status_code=201, response_model=m.Client,
             summary="Add a client (a lead in stage new)",
             description="A phone number (in any spelling) or Instagram id another client of "
                         "the clinic has is refused with 409 and that client's id in "
                         "`client_id`. `owner_id` must be an active member of the clinic "
                         "(422 otherwise).",
             responses=_errors(400, 409, 413, 422),
             openapi_extra=_body_reference(m.ClientCreate))
async def create_client(caller: Caller,
                        body: Annotated[m.ClientCreate, Depends(_body(m.ClientCreate))]):
    try:
        row = await clients.save(caller.user, caller.company_id,
                                 _client_input(body.model_dump()))
    except Refused as refused:
        raise _refused(refused) from None
    await _announce(caller)
    return _client(row)


async def _one(caller: ApiCaller, client_id: str) -> dict:
    client_id = _uuid(client_id, "client")
    rows = (await caller.user.table("clients").select(CLIENT_COLUMNS).eq("id", client_id)
            .limit(1).execute()).data
    if not rows:
        raise HttpError(404, "client not found")
    return rows[0]


@router.get("/clients/{client_id}", response_model=m.Client, summary="A client",
            responses=_errors(404))
async def get_client(caller: Caller, client_id: CLIENT_PATH):
    return _client(await _one(caller, client_id))


@router.patch("/clients/{client_id}", response_model=m.Client,
              summary="Change some of a client's fields",
              description="Only the fields sent change; `null` clears one (not `full_name`; "
                          "`cpf` can be replaced, not removed). A phone number or Instagram id "
                          "another client has is refused with 409 and that client's id in "
                          "`client_id`. `owner_id` must be an active member of the clinic "
                          "(422 otherwise); `null` leaves the client with no owner.",
              responses=_errors(400, 404, 409, 413, 422),
              openapi_extra=_body_reference(m.ClientPatch))
async def update_client(caller: Caller, client_id: CLIENT_PATH,
                        body: Annotated[m.ClientPatch, Depends(_body(m.ClientPatch))]):
    client_id = _uuid(client_id, "client")
    current = await clients.for_edit(caller.user, client_id)
    if current is None:
        raise HttpError(404, "client not found")
    changes = body.model_dump(include=body.model_fields_set)
    if "full_name" in changes and changes["full_name"] is None:
        raise HttpError(422, "full_name cannot be null", details=[
            {"loc": ["body", "full_name"], "msg": "full_name cannot be null"}])
    merged = {**{key: value for key, value in current.items() if key != "cpf"}, **changes}
    try:
        row = await clients.save(caller.user, caller.company_id, _client_input(merged),
                                 client_id)
    except Refused as refused:
        raise _refused(refused) from None
    await _announce(caller)
    return _client(row)


@router.post("/clients/{client_id}/stage", response_model=m.Client,
             summary="Move a client to another pipeline stage",
             description="Each change of stage is recorded in the client's stage history "
                         "(from, to, the acting member — for an API key, the admin who made "
                         "it — and the time); asking for the stage the client is in changes "
                         "nothing and records nothing.",
             responses=_errors(400, 404, 413, 422),
             openapi_extra=_body_reference(m.StageChange))
async def change_stage(caller: Caller, client_id: CLIENT_PATH,
                       body: Annotated[m.StageChange, Depends(_body(m.StageChange))]):
    try:
        row = await clients.move(caller.user, client_id, body.stage)
    except Refused as refused:
        raise _refused(refused) from None
    await _announce(caller)
    return _client(row)
