"""The HTTP application beside Reflex's pages: one FastAPI app with the session cookie routes,
health, the webhooks and /api/v1, described by one OpenAPI 3.1 document
(`/api/v1/openapi.json`) with interactive docs (`/api/v1/docs`) whose assets are served by the
app itself, so the reference works offline.

Every error leaves as JSON `{"error": message}`: our HttpError as raised, the framework's
validation errors as 422 with `details`, and a database refusal as 401 (an expired token) or
502 (anything else), logged without the request's data."""
from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi_offline import FastAPIOffline
from postgrest.exceptions import APIError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from omni_app import __version__, paths
from omni_app.api import (account_routes, auth_routes, health, n8n_workflows, v1,
                          v1_client_notes, v1_merge, v1_pipeline, webhook_reference, webhooks)
from omni_app.api import (client_exports, ical_routes, v1_analyst, v1_appointments, v1_payments,
                          v1_professionals, v1_services)
from omni_app.api.errors import HttpError

log = logging.getLogger("omni.api")

DOCS_ASSETS_URL = "/api/v1/docs-assets"
EXPIRED_TOKEN_CODES = ("PGRST301", "PGRST303", "401")
DESCRIPTION = f"""\
Automations' access to a clinic's inbox and clients, and the webhooks n8n (or Meta) posts to.

**/api/v1** — send `Authorization: Bearer <API key or Supabase access token>`. An API key is made
by a clinic admin on the integrations page and acts as that admin; everything is scoped to the
caller's clinic. Limits: {v1.PER_ADDRESS.hits} requests a minute per address, \
{v1.PER_CALLER.hits} per key or user (429 with Retry-After past either).

**Webhooks** — sign each delivery with the integration's signing secret (`X-Omni-Timestamp`,
`X-Omni-Signature`) and name the integration (`?integration=` or `X-Omni-Integration`).

Errors are JSON: `{{"error": "what went wrong"}}`, with `details` on validation errors."""


async def _http_error(request: Request, error: HttpError) -> Response:
    return error.response()


async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
    details = [{key: value for key, value in problem.items() if key != "url"}
               for problem in jsonable_encoder(error.errors())]
    return HttpError(422, "invalid request", details=details).response()


async def _framework_error(request: Request, error: HTTPException) -> Response:
    return JSONResponse({"error": str(error.detail)}, status_code=error.status_code,
                        headers=error.headers)


async def _database_refused(request: Request, failure: APIError) -> Response:
    log.warning("database refused %s %s: %s", request.method, request.url.path, failure.code)
    if failure.code in EXPIRED_TOKEN_CODES:
        return HttpError(401, "invalid or expired access token").response()
    return HttpError(502, "the database refused the request").response()


def _with_request_bodies(api: FastAPI) -> None:
    """FastAPI's document, plus the request bodies the handlers read themselves (to bound their
    size and depth, or to check a signature over the raw bytes)."""
    generate = api.openapi

    def openapi() -> dict:
        if api.openapi_schema is None:
            schemas = generate().setdefault("components", {}).setdefault("schemas", {})
            schemas.update(webhook_reference.component_schemas())
            for model in v1.BODIES:
                schemas[model.__name__] = model.model_json_schema(
                    ref_template=webhook_reference.REF_TEMPLATE)
        return api.openapi_schema

    api.openapi = openapi


def build_api() -> FastAPI:
    api = FastAPIOffline(
        title="Omni API", version=__version__, description=DESCRIPTION,
        openapi_url=paths.API_DOCUMENT, docs_url=paths.API_DOCS, redoc_url=None,
        static_url=DOCS_ASSETS_URL, swagger_ui_oauth2_redirect_url=f"{paths.API_DOCS}/oauth2-redirect",
        # No call to swagger.io's validator: the app works offline and its policy forbids it.
        swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
        routes=[*auth_routes.routes, *account_routes.routes, *n8n_workflows.routes,
                *client_exports.routes, *ical_routes.routes])
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(RequestValidationError, _invalid_request)
    api.add_exception_handler(HTTPException, _framework_error)
    api.add_exception_handler(APIError, _database_refused)
    api.include_router(v1.router)
    api.include_router(v1_services.router)
    api.include_router(v1_payments.router)
    api.include_router(v1_professionals.router)
    api.include_router(v1_pipeline.router)
    api.include_router(v1_merge.router)
    api.include_router(v1_client_notes.router)
    api.include_router(v1_appointments.router)
    api.include_router(v1_analyst.router)
    for endpoint in webhooks.ENDPOINTS:
        api.add_api_route(endpoint.path, endpoint.handler, methods=[endpoint.method],
                          **endpoint.reference)
    api.add_api_route("/api/health", health.health, methods=["GET"], tags=["Operations"],
                      summary="Version, and whether the database answers",
                      responses={503: {"description": "The database does not answer."}})
    _with_request_bodies(api)
    return api
