"""`GET /api/integrations/{channel}/n8n/{inbound|outbound}.json`: a clinic's n8n workflow file
(domain/n8n_workflows.py), downloaded from the integrations page.

The page links here and the browser sends the session cookie (SameSite=Strict: only from our own
pages). Checks in order: signed in (401), an active admin of a clinic (403), a known channel and
direction (404), the channel set up (404); the integration is read as the admin, so RLS keeps
it to their own clinic. The file holds URLs and the public key, never a secret, and is not
cached."""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from omni_app import paths, services as services_module
from omni_app.api.errors import HttpError
from omni_app.domain import auth, integrations, n8n_workflows
from omni_app.domain.integration_secrets import webhook_url
from omni_app.domain.refusals import Refused
from omni_app.domain.team import Actor
from omni_app.i18n import CATALOGS, supported


async def _admin(request: Request) -> tuple[object, Actor, str]:
    """The signed-in admin's client, identity and language; HttpError otherwise."""
    services = services_module.current()
    active = await (await services.session_store()).resolve(
        request.cookies.get(services.session_cookie()))
    if active is None:
        raise HttpError(401, "sign in to Omni first")
    user = await services.as_user(active.access_token)
    me = await auth.profile(user)
    if (not me or me.get("status") != "active" or me.get("role") != "admin"
            or not me.get("company_id")):
        raise HttpError(403, "only the clinic's admins can download its n8n workflows")
    return user, Actor(me["user_id"], me["company_id"]), supported(me.get("locale"))


async def download(request: Request) -> Response:
    channel = request.path_params["channel"]
    direction = request.path_params["direction"]
    try:
        user, actor, locale = await _admin(request)
        if direction not in n8n_workflows.DIRECTIONS:
            raise HttpError(404, "unknown workflow: use inbound or outbound")
        try:
            public_key = await integrations.public_key(user, actor, channel)
        except Refused:
            raise HttpError(404, "unknown channel") from None
        if not public_key:
            raise HttpError(404, "this channel is not set up yet: generate its signing secret "
                                 "on the integrations page first")
    except HttpError as error:
        return error.response()
    url = webhook_url(services_module.current().settings.omni_public_url, channel, public_key)
    content = n8n_workflows.workflow(direction, channel, public_key, url, CATALOGS[locale])
    name = n8n_workflows.filename(channel, direction)
    return Response(json.dumps(content, ensure_ascii=False, indent=2).encode(),
                    media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


routes = [Route(paths.N8N_WORKFLOW, download, methods=["GET"])]
