"""Auth's e-mails from Go-template files, as GoTrue renders them: the project's
`supabase/templates/<kind>.html` when it has one (the file the Supabase CLI's config.toml and the
hosted dashboard take), else GoTrue's default text.

The subset of Go's text/template that e-mail templates use: `{{ .Name }}` and dotted paths
(`{{ .Data.full_name }}`), `{{ if .X }}`, `{{ if eq .X "text" }}`, `{{ else if ... }}`,
`{{ else }}`, `{{ end }}`, with `{{-`/`-}}` trimming. Values are HTML-escaped, as
html/template does. The subject is the rendered `<title>`, else GoTrue's default subject."""
from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

_ACTION = re.compile(r"\{\{(-?)\s*(.*?)\s*(-?)\}\}", re.S)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)

DEFAULTS = {
    "recovery": ("Reset Your Password",
                 "<h2>Reset Password</h2><p>Follow this link to reset the password for your "
                 "user:</p><p><a href=\"{{ .ConfirmationURL }}\">Reset Password</a></p>"
                 "<p>Alternatively, enter the code: {{ .Token }}</p>"),
    "invite": ("You have been invited",
               "<h2>You have been invited</h2><p>You have been invited to create a user on "
               "{{ .SiteURL }}. Follow this link to accept the invite:</p><p><a href=\""
               "{{ .ConfirmationURL }}\">Accept the invite</a></p>"
               "<p>Alternatively, enter the code: {{ .Token }}</p>"),
    "confirmation": ("Confirm Your Signup",
                     "<h2>Confirm your signup</h2><p>Follow this link to confirm your user:</p>"
                     "<p><a href=\"{{ .ConfirmationURL }}\">Confirm your mail</a></p>"
                     "<p>Alternatively, enter the code: {{ .Token }}</p>"),
}


class TemplateError(ValueError):
    pass


def render_mail(kind: str, folder: Path, values: dict) -> tuple[str, str]:
    """(subject, html) of the e-mail `kind` with `values` (ConfirmationURL, Token, Data ...)."""
    default_subject, default_body = DEFAULTS[kind]
    path = folder / f"{kind}.html"
    html = render(path.read_text() if path.is_file() else default_body, values)
    title = _TITLE.search(html)
    subject = " ".join(unescape(title.group(1)).split()) if title else ""
    return subject or default_subject, html


def render(template: str, values: dict) -> str:
    tree, rest = _parse(_tokens(template), top=True)
    return "".join(_run(tree, values))


def _tokens(template: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    for match in _ACTION.finditer(template):
        text = template[pos:match.start()]
        if match.group(1):
            text = text.rstrip()
        if tokens and tokens[-1][0] == "trim":
            tokens.pop()
            text = text.lstrip()
        tokens.append(("text", text))
        tokens.append(("action", match.group(2)))
        if match.group(3):
            tokens.append(("trim", ""))
        pos = match.end()
    tail = template[pos:]
    if tokens and tokens[-1][0] == "trim":
        tokens.pop()
        tail = tail.lstrip()
    tokens.append(("text", tail))
    return tokens


def _parse(tokens: list, top: bool = False) -> tuple[list, str]:
    """Nodes until `end`/`else` (returned as the stopper); nodes are ("text", s),
    ("value", expr) or ("if", [(condition, nodes), ...], else_nodes)."""
    nodes = []
    while tokens:
        kind, text = tokens.pop(0)
        if kind == "text":
            nodes.append(("text", text))
        elif text.startswith("if "):
            branches, otherwise, condition = [], [], text[3:].strip()
            while True:
                body, stopper = _parse(tokens)
                branches.append((condition, body))
                if stopper == "end":
                    break
                if stopper.startswith("else if "):
                    condition = stopper[8:].strip()
                    continue
                otherwise, stopper = _parse(tokens)
                if stopper != "end":
                    raise TemplateError("{{ else }} must be followed by {{ end }}")
                break
            nodes.append(("if", branches, otherwise))
        elif text == "end" or text == "else" or text.startswith("else if "):
            if top:
                raise TemplateError(f"unexpected {{{{ {text} }}}}")
            return nodes, text
        elif text.startswith("/*"):
            continue  # a comment
        else:
            nodes.append(("value", text))
    if not top:
        raise TemplateError("missing {{ end }}")
    return nodes, ""


def _run(nodes: list, values: dict):
    for node in nodes:
        if node[0] == "text":
            yield node[1]
        elif node[0] == "value":
            value = _evaluate(node[1], values)
            yield escape("" if value is None else str(value))
        else:
            for condition, body in node[1]:
                if _evaluate(condition, values):
                    yield from _run(body, values)
                    break
            else:
                yield from _run(node[2], values)


def _evaluate(expr: str, values: dict):
    if expr.startswith("eq "):
        left, _, right = expr[3:].strip().partition(" ")
        return _operand(left, values) == _operand(right.strip(), values)
    if expr.startswith("not "):
        return not _evaluate(expr[4:].strip(), values)
    return _operand(expr, values)


def _operand(text: str, values: dict):
    string = _STRING.fullmatch(text)
    if string:
        return string.group(1).encode().decode("unicode_escape")
    if not text.startswith("."):
        raise TemplateError(f"unsupported template expression: {text!r}")
    value = values
    for part in filter(None, text[1:].split(".")):
        value = value.get(part) if isinstance(value, dict) else None
    return value
