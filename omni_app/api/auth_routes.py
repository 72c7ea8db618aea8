"""The only places the session cookie is set and cleared: a login form POST and a logout POST,
each answered with 303. The cookie holds an opaque id; tokens stay on the server."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from omni_app.api.http import client_ip, safe_next, same_origin
from omni_app.domain import auth
from omni_app.runtime import SESSION_COOKIE, session_store
from omni_app.settings import get_settings
from omni_app.supa import as_user


def _back_to_login(reason: str, next_path: str) -> Response:
    query = urlencode({"error": reason, "next": next_path})
    return RedirectResponse(f"/login?{query}", status_code=303)


async def login(request: Request) -> Response:
    if not same_origin(request):
        return PlainTextResponse("Cross-site sign-in refused", status_code=403)
    form = await request.form()
    next_path = safe_next(str(form.get("next") or "/"))
    try:
        session = await auth.sign_in(str(form.get("email") or ""),
                                     str(form.get("password") or ""))
    except auth.SignInRefused as refused:
        return _back_to_login(refused.reason, next_path)
    me = await auth.profile(await as_user(session.access_token))
    if me and me.get("status") == "disabled":
        await auth.sign_out_upstream(session.access_token)
        return _back_to_login("disabled", next_path)
    store = await session_store()
    token = await store.create(session, request.headers.get("user-agent"), client_ip(request))
    response = RedirectResponse(next_path, status_code=303)
    settings = get_settings()
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_days * 86400, path="/",
                        httponly=True, samesite="lax", secure=settings.production)
    return response


async def logout(request: Request) -> Response:
    if not same_origin(request):
        return PlainTextResponse("Cross-site sign-out refused", status_code=403)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        access_token = await (await session_store()).revoke(token)
        if access_token:
            await auth.sign_out_upstream(access_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=get_settings().production)
    # The back button must not show a signed-in page from the cache.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


routes = [
    Route("/api/auth/login", login, methods=["POST"]),
    Route("/api/auth/logout", logout, methods=["POST"]),
]
