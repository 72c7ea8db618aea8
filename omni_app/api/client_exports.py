"""`GET /api/clients/{id}/export.json` and `.../export.html`: everything Omni holds about one
client (domain/privacy.py), for an LGPD request — the JSON as a download, the HTML as a
printable page in the admin's language (api/client_summary.py).

The profile links here and the browser sends the session cookie (SameSite: only from our own
pages). Checks in order: signed in (401), an active admin of a clinic (403), a known format and
a client of the admin's clinic (404, RLS reads another clinic's client as none). Each export is
audited (`client.exported`) before it is read. Errors are JSON `{"error": ...}` in the admin's
language; answers are never cached."""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from supabase import AsyncClient

from omni_app import paths, services as services_module
from omni_app.api import client_summary
from omni_app.api.errors import HttpError
from omni_app.domain import auth, pipeline, privacy
from omni_app.domain.refusals import Refused
from omni_app.i18n import CATALOGS, DEFAULT_LOCALE, supported

STATUS = {"not_signed_in": 401, "forbidden": 403, "not_found": 404, "format": 404}
MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8"}


def _refusal(reason: str, locale: str) -> HttpError:
    tr = CATALOGS[locale]
    return HttpError(STATUS.get(reason, 502), tr.get(f"privacy.error.{reason}")
                     or tr["error.refused"])


async def _admin(request: Request) -> tuple[AsyncClient, dict, str]:
    """The signed-in admin's client, profile and language; HttpError otherwise."""
    services = services_module.current()
    active = await (await services.session_store()).resolve(
        request.cookies.get(services.session_cookie()))
    if active is None:
        raise _refusal("not_signed_in", DEFAULT_LOCALE)
    user = await services.as_user(active.access_token)
    me = await auth.profile(user) or {}
    locale = supported(me.get("locale"))
    if me.get("status") != "active" or me.get("role") != "admin" or not me.get("company_id"):
        raise _refusal("forbidden", locale)
    return user, me, locale


async def _summary(user: AsyncClient, me: dict, locale: str, document: dict) -> bytes:
    tr = CATALOGS[locale]
    reader = client_summary.Reader(
        tr, locale, me.get("company_timezone") or "America/Sao_Paulo",
        me.get("company_name") or "", pipeline.names(await pipeline.stages(user), tr))
    return client_summary.render(document, reader)


async def download(request: Request) -> Response:
    client_id, fmt = request.path_params["client_id"], request.path_params["fmt"]
    locale = DEFAULT_LOCALE
    try:
        user, me, locale = await _admin(request)
        if fmt not in privacy.FORMATS:
            raise _refusal("format", locale)
        document = await privacy.export(user, client_id, fmt)
    except Refused as refused:
        return _refusal(refused.reason, locale).response()
    except HttpError as error:
        return error.response()
    if fmt == "json":
        content = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()
        disposition = "attachment"
    else:
        content, disposition = await _summary(user, me, locale, document), "inline"
    return Response(content, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'{disposition}; filename="omni-client-{client_id}.{fmt}"',
        "Cache-Control": "no-store"})


routes = [Route(paths.CLIENT_EXPORT, download, methods=["GET"])]
