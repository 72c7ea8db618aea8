"""The mailbox viewer on its own port: a JSON API shaped like Mailpit's for tests and scripts,
and two plain HTML pages for people. Every value shown is escaped; the page runs no script."""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from localbase.mailbox.store import Mailbox, Message

_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
           "form-action 'none'; frame-ancestors 'none'")
_STYLE = ("body{font:15px/1.5 system-ui,sans-serif;margin:24px;max-width:960px}"
          "td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}"
          "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f5;padding:12px}"
          "a{overflow-wrap:anywhere}")


def _mailbox(request: Request) -> Mailbox:
    return request.app.state.mailbox


def _to(request: Request) -> str | None:
    return request.query_params.get("to") or None


async def list_messages(request: Request) -> Response:
    found = _mailbox(request).messages(_to(request))
    return JSONResponse({"total": len(found), "messages": [m.summary() for m in found]})


async def latest_message(request: Request) -> Response:
    return _one(_mailbox(request).latest(_to(request)))


async def get_message(request: Request) -> Response:
    return _one(_mailbox(request).get(request.path_params["message_id"]))


async def delete_messages(request: Request) -> Response:
    _mailbox(request).clear()
    return Response(status_code=204)


def _one(message: Message | None) -> Response:
    if message is None:
        return JSONResponse({"error": "message not found"}, status_code=404)
    return JSONResponse(message.full())


def _page(title: str, body: str, status: int = 200) -> Response:
    return HTMLResponse(f"<!doctype html><html lang=en><meta charset=utf-8>"
                        f"<meta name=viewport content='width=device-width'>"
                        f"<title>{escape(title)}</title><style>{_STYLE}</style>{body}</html>",
                        status_code=status, headers={"Content-Security-Policy": _POLICY,
                                                     "X-Content-Type-Options": "nosniff"})


async def index(request: Request) -> Response:
    to = _to(request)
    rows = "".join(
        f"<tr><td>{escape(m.created_at[:19].replace('T', ' '))}</td><td>{escape(m.to)}</td>"
        f"<td><a href='/view/{quote(m.id)}'>{escape(m.subject or '(no subject)')}</a></td></tr>"
        for m in _mailbox(request).messages(to))
    heading = f"localbase mailbox{' — ' + escape(to) if to else ''}"
    empty = "<p>No messages yet.</p>" if not rows else ""
    return _page("localbase mailbox",
                 f"<h1>{heading}</h1>{empty}<table><tr><th>Sent (UTC)</th><th>To</th>"
                 f"<th>Subject</th></tr>{rows}</table>")


async def view(request: Request) -> Response:
    message = _mailbox(request).get(request.path_params["message_id"])
    if message is None:
        return _page("Not found", "<p>No such message. <a href='/'>All messages</a></p>", 404)
    links = "".join(f"<li><a href='{escape(link)}' rel=noreferrer>{escape(link)}</a></li>"
                    for link in message.links if link.startswith(("http://", "https://")))
    return _page(message.subject, (
        f"<p><a href='/'>All messages</a></p><h1>{escape(message.subject)}</h1>"
        f"<p>To: {escape(message.to)}<br>Sent: {escape(message.created_at)}</p>"
        f"<h2>Links</h2><ul>{links}</ul><h2>Body (HTML source)</h2>"
        f"<pre>{escape(message.html)}</pre>"))


def create_viewer(mailbox: Mailbox) -> Starlette:
    app = Starlette(routes=[
        Route("/", index), Route("/view/{message_id}", view),
        Route("/api/v1/messages", list_messages, methods=["GET"]),
        Route("/api/v1/messages", delete_messages, methods=["DELETE"]),
        Route("/api/v1/message/latest", latest_message),
        Route("/api/v1/message/{message_id}", get_message),
    ])
    app.state.mailbox = mailbox
    return app
