"""Errors as GoTrue answers them to a client that sends `X-Supabase-Api-Version: 2024-01-01`.

Body `{"code": "<error_code>", "message": "..."}` plus the version header, which is what makes the
client read `code` (supabase_auth.helpers.handle_exception).
"""
from __future__ import annotations

import json

from starlette.responses import Response

API_VERSION_HEADER = "X-Supabase-Api-Version"
API_VERSION = "2024-01-01"
JSON = "application/json"


def json_response(body: object, status: int = 200,
                  headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, separators=(",", ":")), status_code=status,
                    media_type=JSON, headers=headers)


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str, extra: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, **self.extra}

    def response(self) -> Response:
        return json_response(self.body(), self.status, {API_VERSION_HEADER: API_VERSION})


class OAuthError(AuthError):
    """GoTrue's OAuth2-style errors (unknown grant type, missing refresh token): always 400."""

    def __init__(self, error: str, description: str = ""):
        super().__init__(400, error, description)

    def body(self) -> dict:
        return {"error": self.code, **({"error_description": self.message} if self.message else {})}


def bad_request(code: str, message: str) -> AuthError:
    return AuthError(400, code, message)


def validation_failed(message: str) -> AuthError:
    return AuthError(400, "validation_failed", message)


def bad_json(detail: str) -> AuthError:
    return AuthError(400, "bad_json", f"Could not parse request body as JSON: {detail}")


def unprocessable(code: str, message: str) -> AuthError:
    return AuthError(422, code, message)


def forbidden(code: str, message: str) -> AuthError:
    return AuthError(403, code, message)


def not_found(code: str, message: str) -> AuthError:
    return AuthError(404, code, message)


def weak_password(message: str, reasons: list[str]) -> AuthError:
    return AuthError(422, "weak_password", message, {"weak_password": {"reasons": reasons}})


def not_implemented(what: str) -> AuthError:
    return AuthError(501, "not_implemented",
                     f"localbase does not support {what}: it sends no SMS or magic links and has "
                     "no external identity providers. Use email + password sign-in, or run "
                     "`supabase start` / a hosted project for this flow.")


def unexpected_failure(message: str) -> AuthError:
    return AuthError(500, "unexpected_failure", message)
