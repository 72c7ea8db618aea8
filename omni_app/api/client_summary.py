"""The printable summary of a client's export (domain/privacy.py): one self-contained HTML page
in the reader's language. The page is built as an element tree, so every value from the export
is a text node or an attribute that the serializer escapes; nothing is pasted into markup."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from omni_app.channels import phones, registry
from omni_app.i18n import formatting as fmt

STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, sans-serif; background: #fff; color: #1b1b1f; margin: 24px auto;
       max-width: 960px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
p.intro { color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eee;
         overflow-wrap: break-word; }
th { font-weight: 600; color: #444; }
table.record th { width: 30%; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def channel_label(channel: str) -> str:
    spec = registry.get(channel)
    return spec.label if spec else channel


@dataclass(frozen=True)
class Reader:
    """Who reads the summary: their catalog, language and clinic time zone; the clinic's name
    and its stages' names."""
    tr: Mapping[str, str]
    locale: str
    timezone: str
    clinic: str
    stages: Mapping[str, str]

    def when(self, value) -> str:
        return fmt.date_time(value, self.locale, self.timezone) if value else ""


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    child = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text:
        child.text = text
    return child


def _table(parent: ET.Element, reader: Reader, heading: str, columns: list[str],
           rows: list[list[str]], section_id: str, text_column: int | None = None) -> None:
    section = _add(parent, "section", id=section_id)
    _add(section, "h2", reader.tr[heading])
    if not rows:
        _add(section, "p", reader.tr["privacy.summary.none"])
        return
    table = _add(section, "table")
    head = _add(_add(table, "thead"), "tr")
    for column in columns:
        _add(head, "th", reader.tr[column])
    body = _add(table, "tbody")
    for row in rows:
        line = _add(body, "tr")
        for index, value in enumerate(row):
            _add(line, "td", value, **({"class_": "text"} if index == text_column else {}))


def _record(parent: ET.Element, reader: Reader, client: dict) -> None:
    tr = reader.tr
    whatsapp = phones.display("+" + client["whatsapp_id"]) if client.get("whatsapp_id") else ""
    fields = [
        ("full_name", client.get("full_name")), ("phone", phones.display(client.get("phone"))),
        ("whatsapp_id", whatsapp), ("instagram_id", client.get("instagram_id")),
        ("email", client.get("email")), ("cpf", client.get("cpf")),
        ("birth_date", fmt.date(client["birth_date"] + "T12:00:00+00:00", reader.locale, "UTC")
         if client.get("birth_date") else ""),
        ("kind", tr["clients.kind.lead" if client.get("is_lead") else "clients.kind.patient"]),
        ("pipeline_stage", reader.stages.get(client.get("pipeline_stage") or "",
                                             client.get("pipeline_stage"))),
        ("tags", ", ".join(client.get("tags") or [])), ("notes", client.get("notes")),
        ("source_channel", channel_label(client["source_channel"])
         if client.get("source_channel") else ""),
        ("created_at", reader.when(client.get("created_at"))),
        ("last_interaction_at", reader.when(client.get("last_interaction_at"))),
        ("erased_at", reader.when(client.get("erased_at")))]
    section = _add(parent, "section", id="client")
    _add(section, "h2", tr["privacy.summary.client"])
    table = _add(section, "table", class_="record")
    for key, value in fields:
        if value:
            line = _add(table, "tr")
            _add(line, "th", tr[f"privacy.field.{key}"])
            _add(line, "td", str(value), class_="text")


def _sections(reader: Reader, export: dict) -> list[tuple]:
    """(heading, columns, rows, id, text column) of each list in the export."""
    tr, when = reader.tr, reader.when
    label: Callable[[str, str], str] = lambda prefix, key: tr.get(f"{prefix}.{key}", key)
    services = export.get("services") or {}
    return [
        ("client_profile.threads", ["privacy.col.channel", "privacy.col.started",
                                    "privacy.col.ended", "privacy.col.status"],
         [[channel_label(t["channel"]), when(t["started_at"]), when(t.get("ended_at")),
           label("client_profile.threads", "closed" if t["status"] == "closed" else "open")]
          for t in export["conversations"]], "conversations", None),
        ("privacy.summary.messages", ["privacy.col.when", "privacy.col.channel",
                                      "privacy.col.direction", "privacy.col.text"],
         [[when(m["occurred_at"]), channel_label(m["channel"]),
           label("client_profile.messages", m["direction"]),
           m.get("content") or (tr["client_profile.messages.media"] if m.get("media") else "")]
          for m in export["messages"]], "messages", 3),
        ("privacy.summary.conversation_notes", ["privacy.col.when", "privacy.col.text"],
         [[when(n["created_at"]), n["body"]] for n in export["conversation_notes"]],
         "conversation-notes", 1),
        ("client_profile.notes", ["privacy.col.when", "privacy.col.text", "privacy.col.pinned"],
         [[when(n["created_at"]), n["body"], tr["privacy.summary.yes"] if n["pinned"] else ""]
          for n in export["client_notes"]], "client-notes", 1),
        ("client_profile.appointments", ["privacy.col.when", "privacy.col.service",
                                         "privacy.col.status", "privacy.col.text"],
         [[when(a["starts_at"]), services.get(a.get("service_id") or "", ""),
           label("client_profile.appointment", a["status"]), a.get("notes") or ""]
          for a in export["appointments"]], "appointments", 3),
        ("client_profile.payments", ["privacy.col.when", "privacy.col.amount",
                                     "privacy.col.method", "privacy.col.status"],
         [[when(p.get("paid_at") or p["created_at"]), fmt.money(p["amount"], reader.locale),
           label("client_profile.method", p["method"]),
           label("client_profile.payment", p["status"])] for p in export["payments"]],
         "payments", None),
        ("privacy.summary.ai", ["privacy.col.when", "privacy.col.text"],
         [[when(s["generated_at"]), s["summary"]] for s in export["ai_snapshots"]],
         "ai-snapshots", 1),
        ("client_profile.history", ["privacy.col.when", "privacy.col.stage"],
         [[when(c["changed_at"]), " → ".join(
             reader.stages.get(stage, stage) for stage in (c.get("from_stage"), c["to_stage"])
             if stage)] for c in export["stage_history"]], "stage-history", None),
    ]


def render(export: dict, reader: Reader) -> bytes:
    """The summary page, UTF-8."""
    html = ET.Element("html", {"lang": reader.locale})
    head = _add(html, "head")
    _add(head, "meta", charset="utf-8")
    _add(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _add(head, "title", f"{reader.tr['privacy.summary.title']} — {export['client']['full_name']}")
    _add(head, "style", STYLE)
    body = _add(html, "body")
    _add(body, "h1", export["client"]["full_name"], id="summary-name")
    _add(body, "p", reader.tr["privacy.summary.intro"].format(
        clinic=reader.clinic, when=reader.when(export["exported_at"])), class_="intro")
    _record(body, reader, export["client"])
    for heading, columns, rows, section_id, text_column in _sections(reader, export):
        _table(body, reader, heading, columns, rows, section_id, text_column)
    return b"<!DOCTYPE html>\n" + ET.tostring(html, encoding="utf-8", method="html",
                                               xml_declaration=False)
