"""Form POSTs of the signed-out account flows: "forgot my password", the set-password page an
e-mailed link (recovery, invitation) opens, and self sign-up. Like the sign-in route they set
the session cookie only with a 303 and never put a password or token in a log or a URL they
make up. Each is throttled per client address (counts in the database, shared by workers)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from omni_app import paths, services as services_module
from omni_app.api.auth_routes import _checked_sign_in, _guarded, _open_browser_session
from omni_app.api.http import client_address
from omni_app.domain import account_links, auth
from omni_app.domain.counters import Limit
from omni_app.domain.refusals import Refused
from omni_app.i18n import CATALOGS

FORGOT_LIMIT = Limit(hits=5, window_s=900)      # recovery requests per address
SIGN_UP_LIMIT = Limit(hits=10, window_s=3600)   # new accounts per address
SET_PASSWORD_LIMIT = Limit(hits=20, window_s=900)


def _to(path: str, **query: str) -> Response:
    query = {key: value for key, value in query.items() if value}
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


def _lang(form: dict[str, str]) -> str:
    return form.get("lang", "") if form.get("lang") in CATALOGS else ""


async def _over_limit(request: Request, limit: Limit, name: str) -> bool:
    services = services_module.current()
    address = client_address(request, services.trusted_proxies)
    return bool(await limit.take(await services.counters(), f"{name}:addr:{address[:64]}"))


def _link_field(request: Request, form: dict[str, str], name: str) -> str:
    """A field the set-password page fills from its URL once its state has arrived; a form sent
    sooner carries it empty, so this site's page URL (the Referer) stands in."""
    if form.get(name):
        return form[name]
    page = urlsplit(request.headers.get("referer", ""))
    if page.netloc != request.headers.get("host") or page.path.rstrip("/") != paths.SET_PASSWORD:
        return ""
    return (parse_qs(page.query).get(name) or [""])[0]


@_guarded
async def forgot(request: Request, form: dict[str, str]) -> Response:
    """The same answer for every address (no account enumeration); only an address that asked
    too often is told to wait."""
    lang = _lang(form)
    if await _over_limit(request, FORGOT_LIMIT, "forgot"):
        return _to(paths.FORGOT, error="rate_limited", lang=lang)
    services = services_module.current()
    address = client_address(request, services.trusted_proxies)
    await account_links.request_recovery(await services.anon(forwarded_for=address),
                                         form.get("email", ""),
                                         services.set_password_url())
    return _to(paths.FORGOT, sent="1", lang=lang)


@_guarded
async def set_password(request: Request, form: dict[str, str]) -> Response:
    """With an e-mailed link's token (`token_hash` + `type`), or signed in with a temporary
    password: set the person's own password, then sign them in with it (Auth has just ended
    every other session)."""
    services = services_module.current()
    token_hash, link_type = _link_field(request, form, "token_hash"), _link_field(request, form,
                                                                                  "type")
    again = {"token_hash": token_hash, "type": link_type, "lang": _lang(form)}
    if await _over_limit(request, SET_PASSWORD_LIMIT, "setpw"):
        return _to(paths.SET_PASSWORD, error="rate_limited", **again)
    new = form.get("new_password", "")
    try:
        account_links.check_new_password(new, form.get("confirm_password", ""))
    except Refused as refused:
        return _to(paths.SET_PASSWORD, error=refused.reason, **again)
    store = await services.session_store()
    try:
        if token_hash:
            session = await account_links.redeem(await services.anon(), link_type, token_hash)
            auth_user_id, email, spent = session.user.id, session.user.email, session
        else:
            active = await store.resolve(request.cookies.get(services.session_cookie()))
            if active is None or not account_links.must_set_password(active.app_metadata):
                return _to(paths.LOGIN)
            me = await auth.profile(await services.as_user(active.access_token))
            auth_user_id, email, spent = active.auth_user_id, (me or {}).get("email", ""), None
        await account_links.set_own_password(await services.service(), auth_user_id, new)
        fresh = await _checked_sign_in(request, email, new)
    except Refused as refused:
        target = paths.FORGOT if refused.reason == "link_expired" else paths.SET_PASSWORD
        return _to(target, error=refused.reason, **({} if token_hash and
                                                    refused.reason == "link_expired" else again))
    if spent is not None:
        await auth.sign_out_upstream(await services.anon(), spent.access_token)
    # No clinic yet (an invited member): the home page sends them on to /onboarding.
    return await _open_browser_session(request, fresh, f"{paths.HOME}?notice=password_set")


@_guarded
async def sign_up(request: Request, form: dict[str, str]) -> Response:
    """A new clinic owner: an account, signed in, then /onboarding to create the clinic."""
    lang = _lang(form) or "pt-BR"
    if await _over_limit(request, SIGN_UP_LIMIT, "signup"):
        return _to(paths.SIGNUP, error="rate_limited", lang=_lang(form))
    services = services_module.current()
    address = client_address(request, services.trusted_proxies)
    try:
        if form.get("password", "") != form.get("confirm_password", ""):
            raise Refused("mismatch")
        session = await account_links.sign_up(
            await services.anon(forwarded_for=address), form.get("email", ""),
            form.get("password", ""), form.get("full_name", ""), lang)
    except Refused as refused:
        return _to(paths.SIGNUP, error=refused.reason, lang=_lang(form))
    if session is None:   # a project that confirms addresses first
        return _to(paths.LOGIN, notice="confirm_email", lang=_lang(form))
    await auth.set_locale(await services.as_user(session.access_token), lang)
    return await _open_browser_session(request, session, paths.ONBOARDING)


routes = [
    Route(paths.FORGOT_POST, forgot, methods=["POST"]),
    Route(paths.SET_PASSWORD_POST, set_password, methods=["POST"]),
    Route(paths.SIGN_UP, sign_up, methods=["POST"]),
]
