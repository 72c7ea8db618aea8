"""E-mailed one-time tokens, as GoTrue makes and checks them: a 6-digit code whose hash,
hex(SHA-224(email + code)), is stored on the user (`recovery_token`, `confirmation_token`) and
carried by the link; links go through `redirect_to` when the allow list accepts it, else to the
site URL; the message lands in the local mailbox."""
from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

from psycopg import AsyncConnection

from localbase.auth.errors import AuthError
from localbase.auth.sql import execute, fetch_value
from localbase.config import LocalbaseConfig
from localbase.mailbox.store import Mailbox
from localbase.mailbox.templates import render_mail

# Which column holds the token hash of each e-mailed flow, and when it was sent.
TOKEN_COLUMNS = {"recovery": ("recovery_token", "recovery_sent_at"),
                 "invite": ("confirmation_token", "confirmation_sent_at"),
                 "signup": ("confirmation_token", "confirmation_sent_at"),
                 "email": ("confirmation_token", "confirmation_sent_at")}
TEMPLATES = {"recovery": "recovery", "invite": "invite", "signup": "confirmation"}


def token_hash(email: str, code: str) -> str:
    return hashlib.sha224((email.lower() + code).encode()).hexdigest()


def new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def redirect_target(config: LocalbaseConfig, wanted: str | None) -> str:
    """GoTrue's redirect rule: `redirect_to` when it is on the site URL's origin or matches a
    glob of the allow list; otherwise the site URL."""
    if wanted:
        parts, site = urlsplit(wanted), urlsplit(config.site_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            if (parts.scheme, parts.netloc) == (site.scheme, site.netloc):
                return wanted
            if any(_glob(pattern).fullmatch(wanted)
                   for pattern in config.additional_redirect_urls.split(",") if pattern.strip()):
                return wanted
    return config.site_url


@lru_cache(maxsize=64)
def _glob(pattern: str) -> re.Pattern:
    """gobwas/glob with '.' and '/' as separators: `**` crosses them, `*` and `?` do not."""
    out, i, pattern = [], 0, pattern.strip()
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^./]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^./]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


async def check_frequency(conn: AsyncConnection, config: LocalbaseConfig, user_id: uuid.UUID,
                          sent_column: str) -> None:
    """429 over_email_send_rate_limit when this user was sent such an e-mail too recently."""
    wait = await fetch_value(conn, f"""
        select ceil(extract(epoch from {sent_column} + make_interval(secs => %s) - now()))
        from auth.users where id = %s and {sent_column} is not null
        """, (config.mail_max_frequency, user_id))
    if wait is not None and wait > 0:
        raise AuthError(429, "over_email_send_rate_limit",
                        f"For security purposes, you can only request this after {int(wait)} "
                        "seconds.")


async def send(conn: AsyncConnection, config: LocalbaseConfig, flow: str, user: dict,
               redirect_to: str | None, extra_sets: str = "") -> None:
    """Store a new token of `flow` on the user and e-mail its link (call in a transaction)."""
    email, code = user["email"], new_code()
    hashed = token_hash(email, code)
    token_column, sent_column = TOKEN_COLUMNS[flow]
    await execute(conn, f"update auth.users set {token_column} = %s, {sent_column} = now(), "
                        f"updated_at = now(){extra_sets} where id = %s", (hashed, user["id"]))
    target = redirect_target(config, redirect_to)
    confirmation_url = f"{config.api_url}/auth/v1/verify?" + urlencode(
        {"token": hashed, "type": flow, "redirect_to": target})
    subject, html = render_mail(TEMPLATES[flow], config.templates_dir, {
        "ConfirmationURL": confirmation_url, "Token": code, "TokenHash": hashed,
        "SiteURL": config.site_url, "RedirectTo": target, "Email": email,
        "Data": user["raw_user_meta_data"] or {}})
    Mailbox(config.mail_dir).deliver(email, subject, html, TEMPLATES[flow])
