"""GET /api/v1/docs: a self-contained HTML page listing the endpoints (no CDN, no scripts)."""
from __future__ import annotations

from html import escape


def docs_page(spec: dict) -> str:
    sections = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            params = "".join(
                f"<li><code>{escape(p['name'])}</code> ({escape(p['in'])}"
                f"{', required' if p.get('required') else ''})"
                f"{' — ' + escape(p['description']) if p.get('description') else ''}</li>"
                for p in operation.get("parameters", []))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            body_html = (f"<p>Body: <code>{escape(body['schema']['$ref'].rsplit('/', 1)[-1])}"
                         f"</code></p>" if body else "")
            statuses = ", ".join(escape(code) for code in operation["responses"])
            sections.append(
                f"<section><h2><code>{method.upper()} {escape(path)}</code></h2>"
                f"<p>{escape(operation['summary'])}</p>"
                f"{'<ul>' + params + '</ul>' if params else ''}{body_html}"
                f"<p>Responses: {statuses}</p></section>")
    info = spec["info"]
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(info['title'])} {escape(info['version'])}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}code{background:#f1f5f4;padding:0 .25rem}"
        "section{border-top:1px solid #ddd;padding-top:.5rem}</style></head><body>"
        f"<h1>{escape(info['title'])} <small>{escape(info['version'])}</small></h1>"
        f"<p>{escape(info['description'])}</p>"
        "<p>Machine-readable: <a href=\"/api/v1/openapi.json\">openapi.json</a> "
        "(OpenAPI 3.1).</p>" + "".join(sections) + "</body></html>")
