"""What the inbox renders from database rows: ages, local times, media, placeholders, the
WhatsApp 24-hour window, and search terms that cannot break PostgREST's filter syntax."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from omni_app.domain.conversations import _search_condition, whatsapp_window_closed
from omni_app.i18n import CATALOGS
from omni_app.state.inbox_rows import age, conversation_row, message_row, pane_header, zone

TR = CATALOGS["pt-BR"]
EN = CATALOGS["en"]
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc)
SAO_PAULO = zone("America/Sao_Paulo")


@pytest.mark.parametrize("delta, expected", [
    (timedelta(seconds=20), "agora"), (timedelta(minutes=5), "5 min"),
    (timedelta(hours=3, minutes=59), "3 h"), (timedelta(days=2), "2 d"),
    (timedelta(days=30), "08/02/2026"),
])
def test_ages_are_short_and_local(delta, expected):
    assert age(NOW - delta, NOW, TR, SAO_PAULO) == expected


def test_english_dates_are_month_first():
    assert age(NOW - timedelta(days=30), NOW, EN, SAO_PAULO) == "02/08/2026"


def test_unknown_timezone_falls_back_to_sao_paulo():
    assert zone("Mars/Olympus") == SAO_PAULO


def test_conversation_row():
    row = conversation_row({"id": "t1", "client_name": "Maria", "channel": "whatsapp",
                            "status": "closed", "last_message_at": "2026-03-10T14:55:00+00:00",
                            "last_message_preview": "Até logo", "last_message_direction": "outbound",
                            "unread_count": 2}, NOW, TR, SAO_PAULO)
    assert (row.age, row.when, row.preview, row.outbound_preview, row.unread, row.closed) == \
        ("5 min", "10/03/2026 11:55", "Até logo", True, 2, True)


def test_pane_header_shows_the_contact_of_the_channel():
    base = {"client_name": "João", "client_phone": "+5521998765432", "status": "active",
            "client_instagram_id": "1789"}
    assert pane_header({**base, "channel": "whatsapp"}).contact == "+5521998765432"
    assert pane_header({**base, "channel": "instagram"}).contact == "@1789"


def message(**fields) -> dict:
    return {"id": "m1", "direction": "inbound", "content": None, "media": None,
            "status": "received", "error": None, "occurred_at": "2026-03-10T14:00:00+00:00",
            "kind": "text", **fields}


def test_text_message_time_is_in_the_clinic_zone():
    row = message_row(message(content="Olá"), NOW, TR, SAO_PAULO)
    assert (row.text, row.time, row.outbound, row.placeholder) == ("Olá", "11:00", False, "")
    older = message_row(message(content="x", occurred_at="2026-03-08T14:00:00+00:00"), NOW, TR,
                        SAO_PAULO)
    assert older.time == "08/03/2026 11:00"


def test_media_with_url_is_a_link_and_without_one_a_placeholder():
    media = {"type": "image", "caption": "Meu exame",
             "items": [{"type": "image", "url": "https://cdn.example/x.jpg"},
                       {"type": "document", "media_id": "123"},
                       {"type": "image", "url": "javascript:alert(1)"}]}
    row = message_row(message(content="Meu exame", media=media, kind="image"), NOW, TR,
                      SAO_PAULO)
    assert [(link.url, link.label) for link in row.links] == \
        [("https://cdn.example/x.jpg", "Anexo (image)")]
    assert row.caption == "Meu exame" and row.text == ""  # not twice
    assert row.placeholder == "Anexo (document), Anexo (image): indisponível aqui"


def test_media_only_message_hides_the_parser_stand_in_text():
    media = {"type": "audio", "items": [{"type": "audio", "url": "https://cdn.example/a.ogg"}]}
    row = message_row(message(content="[audio]", media=media, kind="audio"), NOW, TR, SAO_PAULO)
    assert row.text == "" and len(row.links) == 1


def test_unsupported_message_shows_a_placeholder():
    row = message_row(message(content="[unsupported message]", kind="unsupported"), NOW, TR,
                      SAO_PAULO)
    assert (row.text, row.placeholder) == ("", "Tipo de mensagem não suportado")


def test_failed_outbound_keeps_its_error():
    row = message_row(message(direction="outbound", content="Oi", status="failed",
                              error="n8n answered 400: bad"), NOW, TR, SAO_PAULO)
    assert (row.outbound, row.status, row.error) == (True, "failed", "n8n answered 400: bad")


def test_whatsapp_window():
    assert not whatsapp_window_closed("whatsapp", NOW - timedelta(hours=23), NOW)
    assert whatsapp_window_closed("whatsapp", NOW - timedelta(hours=25), NOW)
    assert whatsapp_window_closed("whatsapp", None, NOW)
    assert whatsapp_window_closed("whatsapp", "2026-03-09T14:00:00+00:00", NOW)
    assert not whatsapp_window_closed("instagram", None, NOW)


@pytest.mark.parametrize("term, expected", [
    ("maria", 'client_name.ilike."*maria*"'),
    ("(11) 98765-4321", 'client_name.ilike."*11  98765-4321*",client_phone.ilike."*11987654321*"'),
    ('a,b)"c*%:d', 'client_name.ilike."*a b  c   d*"'),
    (" ,() ", None),
])
def test_search_terms_stay_inside_their_quotes(term, expected):
    assert _search_condition(term) == expected
