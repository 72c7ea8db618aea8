"""What the inbox renders from database rows: ages, local times, media, placeholders, the
WhatsApp 24-hour window, and search terms that cannot break PostgREST's filter syntax."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import re

import pytest

from omni_app.domain.conversations import reply_window_closed
from omni_app.domain import delivery_failures as failures
from omni_app.domain.search import Segment, client_match, fold, headline_segments
from omni_app.i18n import CATALOGS
from omni_app.i18n import formatting
from omni_app.state.inbox_rows import (Reader, conversation_row, failure_text, message_row,
                                       pane_header)

PT = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
EN = Reader("en", "America/Sao_Paulo", CATALOGS["en"])
ES = Reader("es", "America/Sao_Paulo", CATALOGS["es"])
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("delta, expected", [
    (timedelta(seconds=20), "agora"), (timedelta(minutes=5), "5 min"),
    (timedelta(hours=3, minutes=59), "4 h"), (timedelta(days=2), "2 dias"),
    (timedelta(days=30), "08/02/2026"),
])
def test_ages_are_short_and_local(delta, expected):
    assert PT.age(NOW - delta, NOW) == expected


def test_each_language_writes_dates_and_ages_its_own_way():
    month_ago = NOW - timedelta(days=30)
    assert (EN.age(month_ago, NOW), ES.age(month_ago, NOW)) == ("2/8/26", "8/2/26")
    assert (EN.age(NOW - timedelta(days=2), NOW), ES.age(NOW - timedelta(hours=3), NOW)) == \
        ("2 days", "3 h")
    # CLDR puts a narrow no-break space before AM/PM
    assert EN.when(NOW) == "3/10/26, 12:00\u202fPM" and PT.when(NOW) == "10/03/2026 12:00"


def test_money_and_numbers_follow_the_reader():
    assert formatting.money("1234.5", "pt-BR") == "R$\xa01.234,50"
    assert formatting.money(1234.5, "en") == "R$1,234.50"
    assert formatting.number(12345, "pt-BR") == "12.345"
    assert formatting.number(12345, "en") == "12,345"


def test_unknown_timezone_falls_back_to_sao_paulo():
    assert formatting.zone("Mars/Olympus") == formatting.zone("America/Sao_Paulo")


def test_conversation_row():
    row = conversation_row({"id": "t1", "client_name": "Maria", "channel": "whatsapp",
                            "status": "closed", "last_message_at": "2026-03-10T14:55:00+00:00",
                            "last_message_preview": "Até logo", "last_message_direction": "outbound",
                            "unread_count": 2}, NOW, PT)
    assert (row.age, row.when, row.preview, row.outbound_preview, row.unread, row.closed) == \
        ("5 min", "10/03/2026 11:55", "Até logo", True, 2, True)


def test_pane_header_shows_the_contact_of_the_channel():
    base = {"client_name": "João", "client_phone": "+5521998765432", "status": "active",
            "client_instagram_id": "1789"}
    assert pane_header({**base, "channel": "whatsapp"}).contact == "(21) 99876-5432"
    assert pane_header({**base, "channel": "instagram"}).contact == "@1789"


def message(**fields) -> dict:
    return {"id": "m1", "direction": "inbound", "content": None, "media": None,
            "status": "received", "error": None, "occurred_at": "2026-03-10T14:00:00+00:00",
            "kind": "text", **fields}


def test_text_message_time_is_in_the_clinic_zone():
    row = message_row(message(content="Olá"), NOW, PT)
    assert (row.text, row.time, row.outbound, row.placeholder) == ("Olá", "11:00", False, "")
    older = message_row(message(content="x", occurred_at="2026-03-08T14:00:00+00:00"), NOW, PT)
    assert older.time == "08/03/2026 11:00"


def test_media_with_url_is_a_link_and_without_one_a_placeholder():
    media = {"type": "image", "caption": "Meu exame",
             "items": [{"type": "image", "url": "https://cdn.example/x.jpg"},
                       {"type": "document", "media_id": "123"},
                       {"type": "image", "url": "javascript:alert(1)"}]}
    row = message_row(message(content="Meu exame", media=media, kind="image"), NOW, PT)
    assert [(link.url, link.label) for link in row.links] == \
        [("https://cdn.example/x.jpg", "Anexo (image)")]
    assert row.caption == "Meu exame" and row.text == ""  # not twice
    assert row.placeholder == "Anexo (document), Anexo (image): indisponível aqui"


def test_media_only_message_hides_the_parser_stand_in_text():
    media = {"type": "audio", "items": [{"type": "audio", "url": "https://cdn.example/a.ogg"}]}
    row = message_row(message(content="[audio]", media=media, kind="audio"), NOW, PT)
    assert row.text == "" and len(row.links) == 1


def test_unsupported_message_shows_a_placeholder():
    row = message_row(message(content="[unsupported message]", kind="unsupported"), NOW, PT)
    assert (row.text, row.placeholder) == ("", "Tipo de mensagem não suportado")


@pytest.mark.parametrize("error, reader, reason", [
    ("n8n answered HTTP 500 (after 4 attempts)", PT, "O n8n recusou (500) após 4 tentativas."),
    ("n8n answered HTTP 500 (after 4 attempts)", ES, "n8n lo rechazó (500) tras 4 intentos."),
    ("n8n answered HTTP 422", EN, "n8n refused it (422)."),
    ("no active whatsapp integration", PT, "Não há integração de WhatsApp ativa; um "
     "administrador precisa configurá-la em Integrações."),
    ("n8n unreachable (ConnectError) (after 4 attempts)", PT,
     "Não foi possível falar com o n8n após 4 tentativas."),
    ('{"ok":true} whatever the provider said', PT, "O envio falhou."),
    (None, EN, "Sending failed."),
])
def test_a_failed_reply_says_why_in_the_reader_s_language(error, reader, reason):
    row = message_row(message(direction="outbound", content="Oi", status="failed",
                              error=error), NOW, reader)
    assert (row.outbound, row.status, row.error) == (True, "failed", reason)
    assert row.error_detail == (error or "")


def test_every_reason_omni_writes_reads_back_and_is_translated():
    values = {"status": 502, "attempts": 4, "kind": "ConnectError", "reason": "url_private",
              "channel": "instagram"}
    for code, template in failures.TEMPLATES.items():
        names = set(re.findall(r"\{(\w+)\}", template))
        stored = failures.describe(code, **{name: values[name] for name in names})
        assert failures.read(stored).reason == code, stored
        for reader in (PT, EN, ES):
            assert "{" not in failure_text(stored, reader.tr)


def test_whatsapp_window():
    assert not reply_window_closed("whatsapp", NOW - timedelta(hours=23), NOW)
    assert reply_window_closed("whatsapp", NOW - timedelta(hours=25), NOW)
    assert reply_window_closed("whatsapp", None, NOW)
    assert reply_window_closed("whatsapp", "2026-03-09T14:00:00+00:00", NOW)
    assert not reply_window_closed("instagram", None, NOW)


@pytest.mark.parametrize("term, expected", [
    ("Maria", ("client_search_name", "*maria*")),
    ("JOÃO  Zé", ("client_search_name", "*joao ze*")),
    ("(11) 98765-4321", ("client_phone", "*11987654321*")),
    ("100%", ("client_search_name", "*100\\%*")),
    ("a_b", ("client_search_name", "*a\\_b*")),
    ("c:\\x", ("client_search_name", "*c:\\\\x*")),
    ('a,b)"c*', ("client_search_name", '*a,b)"c*')),
    ("  ", None),
])
def test_search_terms_match_only_themselves(term, expected):
    """Folded like the database folds names; LIKE's wildcards escaped; PostgREST's `*` (which
    it cannot escape) dropped."""
    assert client_match(term) == expected


def test_fold_drops_accents_case_and_ligatures():
    assert fold("ÁÉÍÓÚ âêô ãõ ç ñ ü ß Æ ø") == "aeiou aeo ao c n u ss ae o"


def test_headline_segments_mark_only_the_matches():
    assert headline_segments("a \x02João\x03 marcou <b>x</b>") == [
        Segment("a "), Segment("João", True), Segment(" marcou <b>x</b>")]


@pytest.mark.parametrize("n, locale, text", [
    (0, "pt-BR", "Nenhuma conversa"), (1, "pt-BR", "1 conversa"),
    (1234, "pt-BR", "1.234 conversas"), (1, "en", "1 conversation"),
    (2, "es", "2 conversaciones"), (0, "en", "No conversations")])
def test_totals_are_counted_in_the_reader_s_language(n, locale, text):
    assert formatting.counted(CATALOGS[locale], "inbox.total", n, locale) == text
