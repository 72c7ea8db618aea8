"""/api/v1: a clinic's inbox for automations (n8n's AI agent, other tools).

`Authorization: Bearer <token>`: an API key (`omni_…`) is resolved to the admin who created it
and the request runs as that admin through a 60-second access token minted with
SUPABASE_JWT_SECRET; any other token is taken as the caller's own Supabase access token. Either
way every query runs as a signed-in user, so row-level security scopes it exactly like the UI.
Errors are JSON `{"error": "..."}`.

Limits (counted in the database, shared by every worker): per client address, per API key, and
for unknown keys per address; past one, 429 with Retry-After. Bodies are capped (413) and JSON
depth is bounded (400)."""
from __future__ import annotations

import base64
import binascii
import functools
import json
import logging
import time
import uuid
from dataclasses import dataclass

import jwt
from postgrest.exceptions import APIError
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route
from supabase import AsyncClient

from omni_app import services as services_module
from omni_app.api import bodies
from omni_app.api.errors import HttpError
from omni_app.api import v1_models as m
from omni_app.api.http import client_address
from omni_app.api.rate_limit import retry_after_header
from omni_app.api.v1_docs import docs_page
from omni_app.channels import phones
from omni_app.domain import api_keys, auth, conversations, outbound
from omni_app.domain.counters import Counters, Limit
from omni_app.domain.refusals import Refused

log = logging.getLogger("omni.api.v1")

MINTED_TOKEN_SECONDS = 60
MAX_BODY_BYTES = 64 * 1024
PER_ADDRESS = Limit(hits=600, window_s=60)
PER_CALLER = Limit(hits=120, window_s=60)      # an API key, or a user's own token
BAD_KEYS = Limit(hits=20, window_s=600)        # unknown or revoked keys from one address
CLIENT_COLUMNS = ("id,full_name,phone,email,instagram_id,is_lead,pipeline_stage,tags,"
                  "last_interaction_at")
_SEND_REFUSALS = {"empty": (422, "the text is empty"),
                  "too_long": (422, "the text is longer than the channel allows"),
                  "not_found": (404, "conversation not found"),
                  "closed": (409, "the conversation is closed; reopen it first")}


def _too_many(wait: int, what: str) -> HttpError:
    return HttpError(429, f"too many requests ({what}); retry later",
                     {"Retry-After": retry_after_header(wait)})


@dataclass(frozen=True)
class ApiCaller:
    user: AsyncClient
    company_id: str
    user_id: str


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


async def _caller(request: Request) -> ApiCaller:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HttpError(401, "send Authorization: Bearer <API key or access token>")
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
    return ApiCaller(user, me["company_id"], me["user_id"])


def endpoint(handler):
    """Authenticates, then maps refusals and validation errors to 4xx JSON."""
    @functools.wraps(handler)
    async def run(request: Request) -> JSONResponse:
        try:
            return await handler(request, await _caller(request))
        except HttpError as error:
            return error.response()
        except ValidationError as invalid:
            return HttpError(422, "invalid request",
                             details=json.loads(invalid.json(include_url=False))).response()
        except APIError as failure:
            log.warning("database refused %s %s: %s", request.method, request.url.path,
                        failure.code)
            if failure.code in ("PGRST301", "PGRST303", "401"):
                return HttpError(401, "invalid or expired access token").response()
            return HttpError(502, "the database refused the request").response()
    return run


def _query(request: Request, model: type[BaseModel]) -> BaseModel:
    return model.model_validate(dict(request.query_params))


def _uuid(value: str, what: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise HttpError(404, f"{what} not found") from None


def _cursor(row: dict) -> str:
    raw = json.dumps([row["occurred_at"], row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _parse_cursor(cursor: str) -> tuple[str, str]:
    try:
        at, row_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        conversations.parse_time(at)
        return at, str(uuid.UUID(row_id))
    except (ValueError, TypeError, binascii.Error):
        raise HttpError(400, "invalid cursor: pass next_cursor from the previous page") from None


@endpoint
async def send_message(request: Request, caller: ApiCaller) -> JSONResponse:
    payload = bodies.decode_json(await bodies.read_limited(request, MAX_BODY_BYTES))
    body = m.SendMessage.model_validate(payload)
    try:
        row = await outbound.send(caller.user, str(body.conversation_id), body.text)
    except Refused as refused:
        raise HttpError(*_SEND_REFUSALS.get(refused.reason, (422, refused.reason))) from None
    services_module.current().wake_worker()
    return JSONResponse(m.QueuedMessage.model_validate(row).model_dump(), status_code=202)


@endpoint
async def list_conversations(request: Request, caller: ApiCaller) -> JSONResponse:
    query = _query(request, m.ConversationQuery)
    rows = await conversations.inbox(caller.user, conversations.InboxFilter(
        channel=query.channel, status=query.status, unread_only=query.unread, search=query.q),
        limit=query.limit)
    return JSONResponse(m.ConversationList(conversations=rows).model_dump())


@endpoint
async def get_conversation(request: Request, caller: ApiCaller) -> JSONResponse:
    conversation_id = _uuid(request.path_params["conversation_id"], "conversation")
    query = _query(request, m.MessagesQuery)
    before = _parse_cursor(query.before) if query.before else None
    found = await conversations.conversation(caller.user, conversation_id)
    if found is None:
        raise HttpError(404, "conversation not found")
    page = await conversations.messages(caller.user, conversation_id, before, query.limit)
    next_cursor = _cursor(page.rows[-1]) if page.has_more and page.rows else None
    return JSONResponse(m.ConversationPage(conversation=found, messages=page.rows,
                                           next_cursor=next_cursor).model_dump())


@endpoint
async def find_client(request: Request, caller: ApiCaller) -> JSONResponse:
    query = _query(request, m.ClientQuery)
    e164 = phones.normalize(query.phone)
    if e164 is None:
        raise HttpError(400, "not a valid phone number")
    rows = (await caller.user.table("clients").select(CLIENT_COLUMNS)
            .in_("phone", phones.candidates(e164)).order("created_at").limit(1)
            .execute()).data
    if not rows:
        raise HttpError(404, "no client with that phone number")
    return JSONResponse(m.Client.model_validate(rows[0]).model_dump())


async def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(m.openapi())


async def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(docs_page(m.openapi()))


routes = [
    Route("/api/v1/messages", send_message, methods=["POST"]),
    Route("/api/v1/conversations", list_conversations, methods=["GET"]),
    Route("/api/v1/conversations/{conversation_id}", get_conversation, methods=["GET"]),
    Route("/api/v1/clients", find_client, methods=["GET"]),
    Route("/api/v1/openapi.json", openapi_json, methods=["GET"]),
    Route("/api/v1/docs", docs, methods=["GET"]),
]
