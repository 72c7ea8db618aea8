"""The only places the session cookie is set and cleared: form POSTs to sign in, change the
password and sign out, each answered with 303. The cookie holds an opaque id; tokens stay on
the server. Sign-ins are throttled by the client's address and the account (sign_in_guard)."""
from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl, quote, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from omni_app import paths, services as services_module
from omni_app.api.bodies import read_limited
from omni_app.api.errors import HttpError
from omni_app.api.http import client_address, safe_next, same_origin
from omni_app.domain import account_links, auth, sign_in_guard
from omni_app.domain.refusals import Refused
from omni_app.i18n import CATALOGS

FORM_LIMIT = 16 * 1024
REMEMBERED_EMAIL_SECONDS = 600
MAX_EMAIL_CHARS = 320
SIGN_IN_POLICY = sign_in_guard.SignInPolicy()


def _back(path: str, **query: str) -> Response:
    return RedirectResponse(f"{path}?{urlencode(query)}", status_code=303)


async def _form(request: Request) -> dict[str, str]:
    body = await read_limited(request, FORM_LIMIT)
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def _cookie_attributes() -> dict:
    """What the `__Host-` prefix of production cookies requires, and what we want anyway: the
    whole site, HttpOnly, same-site requests only, Secure over https."""
    return {"path": "/", "httponly": True, "samesite": "strict",
            "secure": services_module.current().settings.production}


def _set_cookie(response: Response, token: str) -> None:
    services = services_module.current()
    response.set_cookie(services.session_cookie(), token,
                        max_age=services.settings.session_days * 86400, **_cookie_attributes())


def _clear_cookie(response: Response) -> None:
    response.delete_cookie(services_module.current().session_cookie(), **_cookie_attributes())


def _remember_email(response: Response, email: str) -> None:
    """A refused sign-in comes back to the form with the e-mail still typed (not in the URL,
    where logs and history would keep it)."""
    response.set_cookie(services_module.current().login_email_cookie(),
                        quote(email.strip()[:MAX_EMAIL_CHARS], safe=""),
                        max_age=REMEMBERED_EMAIL_SECONDS, **_cookie_attributes())


def _forget_email(response: Response) -> None:
    response.delete_cookie(services_module.current().login_email_cookie(),
                           **_cookie_attributes())


async def _checked_sign_in(request: Request, email: str, password: str):
    """A Supabase session for these credentials, throttled and paced; or Refused."""
    services = services_module.current()
    address = client_address(request, services.trusted_proxies)

    async def attempt(email: str, password: str):
        return await auth.sign_in(await services.anon(forwarded_for=address), email, password)

    return await sign_in_guard.sign_in(email, password, address, attempt=attempt,
                                       counters=await services.counters(),
                                       policy=SIGN_IN_POLICY)


async def _open_browser_session(request: Request, session, target: str) -> Response:
    services = services_module.current()
    token = await (await services.session_store()).create(
        session, request.headers.get("user-agent"),
        client_address(request, services.trusted_proxies))
    response = RedirectResponse(target, status_code=303)
    _set_cookie(response, token)
    return response


def _guarded(handler):
    """Same-origin form POSTs only, with a bounded body."""
    async def run(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse("Cross-site request refused", status_code=403)
        try:
            form = await _form(request)
        except HttpError as error:
            return PlainTextResponse(error.message, status_code=error.status)
        return await handler(request, form)
    return run


def _from_page(request: Request, form: dict[str, str], name: str) -> str:
    """A field the sign-in page fills from its own URL once its state has arrived. A form sent
    sooner carries it empty, so the page's URL (the Referer, from this very site) stands in."""
    if form.get(name):
        return form[name]
    page = urlsplit(request.headers.get("referer", ""))
    if page.netloc != request.headers.get("host") or page.path.rstrip("/") != paths.LOGIN:
        return ""
    return (parse_qs(page.query).get(name) or [""])[0]


@_guarded
async def login(request: Request, form: dict[str, str]) -> Response:
    """`lang`, when the form carries one, is the language picked on the sign-in page: it
    stays through a refusal and becomes the user's own once signed in."""
    next_path = safe_next(_from_page(request, form, "next") or paths.HOME)
    email, lang = form.get("email", ""), _from_page(request, form, "lang")
    again = {"next": next_path, **({"lang": lang} if lang in CATALOGS else {})}
    try:
        session = await _checked_sign_in(request, email, form.get("password", ""))
    except Refused as refused:
        response = _back(paths.LOGIN, error=refused.reason, **again)
        _remember_email(response, email)
        return response
    services = services_module.current()
    user = await services.as_user(session.access_token)
    me = await auth.profile(user)
    if me and me.get("status") == "disabled":
        await auth.sign_out_upstream(await services.anon(), session.access_token)
        return _back(paths.LOGIN, error="disabled", **again)
    if lang in CATALOGS and me:
        await auth.set_locale(user, lang)
    if account_links.must_set_password(session.user.app_metadata):
        next_path = paths.SET_PASSWORD   # a temporary password: their own one first
    response = await _open_browser_session(request, session, next_path)
    _forget_email(response)
    return response


@_guarded
async def change_password(request: Request, form: dict[str, str]) -> Response:
    """Proves the current password (throttled like a sign-in), sets the new one, and signs this
    browser in again: the database has just ended every session of the user, this one too."""
    services = services_module.current()
    active = await (await services.session_store()).resolve(
        request.cookies.get(services.session_cookie()))
    if active is None:
        return _back(paths.LOGIN, next=paths.ACCOUNT)
    new, confirm = form.get("new_password", ""), form.get("confirm_password", "")
    if len(new) < auth.MIN_PASSWORD_LENGTH:
        return _back(paths.ACCOUNT, error="too_short")
    if new != confirm:
        return _back(paths.ACCOUNT, error="mismatch")
    me = await auth.profile(await services.as_user(active.access_token))
    if not me:
        return _back(paths.LOGIN, next=paths.ACCOUNT)
    try:
        proof = await _checked_sign_in(request, me["email"], form.get("current_password", ""))
        if new == form.get("current_password"):
            raise Refused("same_password")
        await auth.change_password(await services.anon(), proof, new)
        fresh = await _checked_sign_in(request, me["email"], new)
    except Refused as refused:
        return _back(paths.ACCOUNT, error=refused.reason)
    await auth.sign_out_upstream(await services.anon(), proof.access_token)
    return await _open_browser_session(request, fresh, f"{paths.ACCOUNT}?done=password")


@_guarded
async def logout(request: Request, form: dict[str, str]) -> Response:
    """This browser, or with `scope=everywhere` every browser and Supabase session of the user."""
    services = services_module.current()
    token = request.cookies.get(services.session_cookie())
    if token:
        store = await services.session_store()
        everywhere = form.get("scope") == "everywhere"
        active = await store.resolve(token) if everywhere else None
        access_token = await store.revoke(token)
        if active is not None:
            await store.revoke_user(active.auth_user_id)
        if access_token:
            await auth.sign_out_upstream(await services.anon(), access_token,
                                         "global" if everywhere else "local")
    response = RedirectResponse(paths.LOGIN, status_code=303)
    _clear_cookie(response)
    # The back button must not show a signed-in page from the cache.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


routes = [
    Route(paths.SIGN_IN, login, methods=["POST"]),
    Route(paths.CHANGE_PASSWORD, change_password, methods=["POST"]),
    Route(paths.SIGN_OUT, logout, methods=["POST"]),
]
