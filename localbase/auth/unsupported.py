"""Flows that need SMS, magic links or an external identity provider: answered 501, never
faked. (Recovery, invitation and verification e-mails go to the local mailbox.)"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from localbase.auth.errors import not_implemented

# (path, methods, what the flow is called in the answer)
_FLOWS = (
    ("/otp", ["POST"], "one-time-password and magic link sign-in (/otp)"),
    ("/magiclink", ["POST"], "magic link sign-in (/magiclink)"),
    ("/resend", ["POST"], "resending confirmation messages (/resend)"),
    ("/authorize", ["GET"], "OAuth sign-in with external providers (/authorize)"),
    ("/callback", ["GET", "POST"], "OAuth sign-in with external providers (/callback)"),
    ("/reauthenticate", ["GET"], "reauthentication nonces (/reauthenticate)"),
    ("/admin/generate_link", ["POST"], "generated email links (/admin/generate_link)"),
)


def _answer(what: str):
    async def unsupported(request: Request) -> Response:
        return not_implemented(what).response()
    return unsupported


routes = [Route(path, _answer(what), methods=methods) for path, methods, what in _FLOWS]
