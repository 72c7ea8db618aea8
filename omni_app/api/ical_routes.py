"""`GET /api/calendar/<token>.ics`: a professional's private calendar feed, for calendar apps
(no cookie, no header: the token in the URL is the credential; domain/ical_feed.py).

Checks in order: an address that keeps presenting unknown tokens waits (429); an unknown,
rotated or revoked token, or a member who is no longer an active professional, is 404 (the same
answer for each, so a guess learns nothing). The feed is read with the service role, scoped to
the token's clinic and professional."""
from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from omni_app import paths, services as services_module
from omni_app.api.errors import HttpError
from omni_app.api.http import client_address
from omni_app.api.rate_limit import retry_after_header
from omni_app.domain import clock, ical_feed
from omni_app.domain.counters import Limit

BAD_TOKENS = Limit(hits=30, window_s=600)     # unknown tokens from one address
PER_FEED = Limit(hits=120, window_s=3600)     # calendar apps poll every few minutes at most


async def feed(request: Request) -> Response:
    services = services_module.current()
    counters = await services.counters()
    address = client_address(request, services.trusted_proxies)
    wait = await BAD_TOKENS.exhausted(counters, f"ical:bad:{address}")
    if wait:
        return HttpError(429, "too many unknown calendar links; retry later",
                         {"Retry-After": retry_after_header(wait)}).response()
    service = await services.service()
    token = request.path_params["token"]
    owner = await ical_feed.resolve(service, token)
    if owner is None:
        await counters.add(f"ical:bad:{address}", BAD_TOKENS.window_s)
        return HttpError(404, "unknown or revoked calendar link").response()
    wait = await PER_FEED.take(counters, f"ical:feed:{ical_feed.digest(token)[:32]}")
    if wait:
        return HttpError(429, "this calendar is read too often; retry later",
                         {"Retry-After": retry_after_header(wait)}).response()
    rows = await ical_feed.appointments(service, owner, clock.now())
    who = (await service.table("users").select("full_name").eq("id", owner.user_id)
           .limit(1).execute()).data
    clinic = (await service.table("companies").select("name,timezone")
              .eq("id", owner.company_id).limit(1).execute()).data
    name = " — ".join(part for part in ((clinic[0]["name"] if clinic else ""),
                                        (who[0]["full_name"] if who else "")) if part)
    host = urlsplit(services.settings.omni_public_url or "http://omni").hostname or "omni"
    body = ical_feed.calendar(rows, name or "Omni", clinic[0]["timezone"] if clinic else "UTC",
                              host)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, no-store",
                             "Content-Disposition": 'inline; filename="agenda.ics"'})


routes = [Route(paths.CALENDAR_FEED, feed, methods=["GET"])]
