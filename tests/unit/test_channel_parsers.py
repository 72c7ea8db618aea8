"""Webhook body parsers on realistic payloads of every kind in channels.md (omni_app/channels)."""
from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from omni_app.channels import detect_format, is_meta_body, parse
from omni_app.channels.common import MAX_TEXT, parse_timestamp
from omni_app.channels.models import PayloadError
from omni_app.channels.omni_format import json_schema

PAYLOADS = Path(__file__).parent / "payloads"
CHANNEL_OF = {"wa": "whatsapp", "ig": "instagram"}


def load(name: str) -> dict:
    return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))


def by_id(parsed) -> dict:
    return {m.external_message_id: m for m in parsed.messages}


def utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def n8n_items(envelope: dict) -> list[dict]:
    """What n8n's WhatsApp Trigger emits for a Meta body: one item per change."""
    return [{**change["value"], "field": change["field"]}
            for entry in envelope["entry"] for change in entry["changes"]]


# --- every fixture: the invariants ingest relies on ---------------------------------------

FIXTURES = sorted(p.stem for p in PAYLOADS.glob("*.json"))


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_parses_into_storable_messages(name):
    channel = CHANNEL_OF.get(name[:2]) or ("instagram" if name == "omni_batch" else "whatsapp")
    parsed = parse(channel, load(name))
    assert parsed.messages or parsed.statuses or parsed.skipped
    for message in parsed.messages:
        assert message.channel == channel
        assert message.text or message.media, "content must never be empty"
        assert message.occurred_at.tzinfo is not None
        assert message.occurred_at.utcoffset().total_seconds() == 0
        stored = json.dumps(message.metadata) + (message.text or "")
        assert "\x00" not in stored and "\\u0000" not in stored
        if channel == "whatsapp":
            assert message.sender.phone and message.sender.phone.startswith("+")
        else:
            assert message.sender.instagram_id


# --- WhatsApp Cloud API ------------------------------------------------------------------

def test_whatsapp_text_normalizes_the_sender_and_cleans_the_text():
    parsed = parse("whatsapp", load("wa_text"))
    [message] = parsed.messages
    assert message.external_message_id.startswith("wamid.")
    assert message.kind == "text"
    assert message.text == "Olá! Gostaria de agendar uma consulta 😊"  # NUL gone, emoji kept
    assert message.sender.phone == "+5541988887777"        # ninth digit added
    assert message.sender.whatsapp_id == "554188887777"    # as Meta sent it, to reply
    assert message.sender.name == "João Pereira"
    assert message.occurred_at == utc(1749416383)
    assert parsed.statuses == [] and parsed.skipped == []


def test_whatsapp_media_carry_ids_and_captions_but_no_url():
    messages = by_id(parse("whatsapp", load("wa_media")))
    kinds = {m.kind for m in messages.values()}
    assert kinds == {"image", "video", "audio", "document", "sticker"}
    image = messages["wamid.IMAGE01"]
    [item] = image.media
    assert (item.type, item.media_id, item.mime_type, item.caption, item.url) == (
        "image", "1203459001234567", "image/jpeg", "Exame de sangue", None)
    assert image.text is None
    assert image.media_json()["caption"] == "Exame de sangue"
    assert messages["wamid.AUDIO01"].metadata["voice"] is True
    document = messages["wamid.DOC01"].media[0]
    assert (document.filename, document.caption) == ("pedido-medico.pdf", "Pedido médico")
    assert messages["wamid.STICKER01"].media[0].mime_type == "image/webp"


def test_whatsapp_location_and_contacts_become_readable_text():
    messages = by_id(parse("whatsapp", load("wa_location_contacts")))
    place = messages["wamid.LOC01"]
    assert place.kind == "location"
    assert place.text == ("📍 -25.4284,-49.2733 Clínica Sorriso "
                          "Rua XV de Novembro, 100, Curitiba")
    assert place.metadata["location"]["latitude"] == -25.4284
    assert messages["wamid.LOC02"].text == "📍 -25.4284,-49.2733"
    card = messages["wamid.CONTACTS01"]
    assert card.kind == "contacts"
    assert card.text == "👤 Pedro Alves: +55 41 98765-1234"
    assert card.metadata["contacts"][0]["phones"][0]["wa_id"] == "5541987651234"


def test_whatsapp_button_and_list_replies_use_the_reply_title():
    messages = by_id(parse("whatsapp", load("wa_interactive")))
    button = messages["wamid.BTNREPLY01"]
    assert (button.kind, button.text) == ("interactive", "Confirmar")
    assert button.metadata["reply_id"] == "confirm_yes"
    assert button.metadata["reply_to"] == "wamid.OUTBOUND01"
    choice = messages["wamid.LISTREPLY01"]
    assert choice.text == "Terça 09:30"
    assert choice.metadata["reply_type"] == "list_reply"
    template = messages["wamid.BUTTON01"]
    assert (template.kind, template.text) == ("button", "Remarcar")
    assert template.metadata["reply_payload"] == "RESCHEDULE"


def test_whatsapp_reactions_and_their_removal():
    messages = by_id(parse("whatsapp", load("wa_reactions")))
    added, removed = messages["wamid.REACT01"], messages["wamid.REACT02"]
    assert (added.kind, added.text) == ("reaction", "❤️")
    assert added.metadata == {"reaction_to": "wamid.OUTBOUND01"}
    assert removed.kind == "reaction"
    assert removed.metadata == {"reaction_to": "wamid.OUTBOUND01", "removed": True}
    assert removed.text == "[reaction removed]"


def test_whatsapp_unsupported_and_unknown_types_keep_a_placeholder():
    messages = by_id(parse("whatsapp", load("wa_unsupported")))
    unsupported = messages["wamid.UNSUP01"]
    assert unsupported.kind == "unsupported"
    assert unsupported.text == ("[unsupported message: Message type unknown: "
                                "Message type is currently not supported. (131051)]")
    assert unsupported.metadata["errors"][0]["code"] == 131051
    unknown = messages["wamid.WELCOME01"]
    assert unknown.kind == "unsupported"
    assert unknown.text == "[unsupported message: request_welcome]"
    assert unknown.metadata["original_type"] == "request_welcome"
    system = messages["wamid.SYSTEM01"]
    assert system.kind == "system" and "changed their phone number" in system.text


def test_whatsapp_sender_without_phone_is_skipped_not_failed():
    parsed = parse("whatsapp", load("wa_from_user_id"))
    [message] = parsed.messages
    assert message.external_message_id == "wamid.BSUID02"
    assert message.sender.name == "Fernanda Lima"          # matched by wa_id, not the first
    assert message.metadata["from_user_id"] == "IN.2081234567890999"
    [reason] = parsed.skipped
    assert "wamid.BSUID01" in reason and "IN.2081234567890123" in reason


def test_whatsapp_statuses_in_any_order_with_failure_details():
    parsed = parse("whatsapp", load("wa_statuses"))
    assert [(s.external_message_id, s.status) for s in parsed.statuses] == [
        ("wamid.OUT01", "sent"), ("wamid.OUT01", "read"),
        ("wamid.OUT02", "failed"), ("wamid.OUT02", "delivered")]
    failed = parsed.statuses[2]
    assert failed.error == ("Re-engagement message: Message failed to send because more than 24 "
                            "hours have passed since the customer last replied to this number. "
                            "(131047)")
    assert failed.occurred_at == utc(1749417020)
    assert parsed.statuses[0].error is None
    assert parsed.skipped == ["status 'deleted' for wamid.OUT03 ignored"]
    assert parsed.messages == []


def test_whatsapp_all_entries_and_changes_come_through():
    parsed = parse("whatsapp", load("wa_multi_entry"))
    messages = by_id(parsed)
    assert list(messages) == ["wamid.AR01", "wamid.MX01", "wamid.BR02"]
    assert messages["wamid.AR01"].sender.phone == "+5491123456789"
    assert messages["wamid.AR01"].metadata["referral"]["headline"] == "Clareamento dental"
    mexico = messages["wamid.MX01"]
    assert (mexico.sender.phone, mexico.sender.whatsapp_id) == ("+525512345678", "5215512345678")
    assert mexico.sender.name == "Jorge" and mexico.metadata["forwarded"] is True
    # `from` and `wa_id` differ by the ninth digit: matched on the normalized number.
    assert messages["wamid.BR02"].sender.phone == "+5541988880000"
    assert messages["wamid.BR02"].sender.name == "Paulo"
    assert parsed.skipped == ["whatsapp field 'account_update' ignored"]


@pytest.mark.parametrize("name", ["wa_text", "wa_media", "wa_statuses", "wa_multi_entry"])
def test_n8n_trigger_items_parse_like_the_raw_body(name):
    envelope = load(name)
    raw = parse("whatsapp", envelope)
    relayed = [parse("whatsapp", item) for item in n8n_items(envelope)]
    assert [m for p in relayed for m in p.messages] == raw.messages
    assert [s for p in relayed for s in p.statuses] == raw.statuses
    assert parse("whatsapp", n8n_items(envelope)) == raw  # a JSON array of items too


def test_n8n_item_fixtures():
    [message] = parse("whatsapp", load("wa_n8n_item")).messages
    assert (message.text, message.sender.phone) == ("Mensagem via n8n", "+5541988887777")
    [status] = parse("whatsapp", load("wa_n8n_status_item")).statuses
    assert (status.external_message_id, status.status) == ("wamid.OUT09", "delivered")


def wa_body(*messages: dict, contacts: list | None = None) -> dict:
    value = {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "1"},
             "contacts": contacts or [], "messages": list(messages)}
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}]}


def wa_text(body: str, **extra) -> dict:
    return {"from": "5511987654321", "id": "wamid.T", "timestamp": "1749416383",
            "type": "text", "text": {"body": body}, **extra}


def test_whatsapp_sender_name_falls_back_to_the_first_contact():
    contacts = [{"profile": {"name": "Só Um"}, "wa_id": "5511900000000"}]
    [message] = parse("whatsapp", wa_body(wa_text("oi"), contacts=contacts)).messages
    assert message.sender.name == "Só Um"
    [nameless] = parse("whatsapp", wa_body(wa_text("oi"))).messages
    assert nameless.sender.name is None


def test_whatsapp_long_text_is_capped_and_noted():
    [message] = parse("whatsapp", wa_body(wa_text("á" * (MAX_TEXT + 5000)))).messages
    assert len(message.text) == MAX_TEXT
    assert message.metadata["text_truncated_from"] == MAX_TEXT + 5000


def test_whatsapp_lone_surrogate_and_nul_become_storable():
    raw = json.dumps(wa_body(wa_text("x"))).replace('"body": "x"', '"body": "a\\ud83db\\u0000c"')
    [message] = parse("whatsapp", raw.encode()).messages
    assert message.text == "a\ufffdbc"
    message.text.encode("utf-8")


def test_whatsapp_number_outside_phonenumbers_ranges_is_kept_and_flagged():
    test_number = wa_text("hi", **{"from": "15550001234"})  # Meta's test numbers use 555
    [message] = parse("whatsapp", wa_body(test_number)).messages
    assert message.sender.phone == "+15550001234"
    assert message.metadata["phone_unvalidated"] is True


def test_whatsapp_one_bad_message_does_not_fail_the_batch():
    broken = {"from": "5511987654321", "type": "text", "text": {"body": "no id"},
              "timestamp": "1749416383"}
    future = {**wa_text("from the future"), "id": "wamid.F", "timestamp": "9999999999"}
    parsed = parse("whatsapp", wa_body(broken, future, wa_text("ok")))
    assert [m.external_message_id for m in parsed.messages] == ["wamid.T"]
    assert any("missing 'id'" in s for s in parsed.skipped)
    assert any("wamid.F" in s and "plausible" in s for s in parsed.skipped)


def test_whatsapp_body_with_nothing_valid_is_refused():
    with pytest.raises(PayloadError, match="timestamp"):
        parse("whatsapp", wa_body({**wa_text("x"), "timestamp": "soon"}))
    with pytest.raises(PayloadError, match="entry"):
        parse("whatsapp", {"object": "whatsapp_business_account", "entry": {}})


def test_whatsapp_non_message_fields_are_skipped():
    body = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "message_template_status_update",
         "value": {"event": "APPROVED", "message_template_id": 1}}]}]}
    parsed = parse("whatsapp", body)
    assert parsed.messages == [] and parsed.statuses == []
    assert parsed.skipped == ["whatsapp field 'message_template_status_update' ignored"]


# --- Instagram Messaging -----------------------------------------------------------------

def test_instagram_text():
    [message] = parse("instagram", load("ig_text")).messages
    assert message.text == "Oi! Vocês atendem sábado? 🦷"
    assert message.sender.instagram_id == "6543210987654321"
    assert message.sender.phone is None
    assert message.occurred_at == utc(1749418000)
    assert message.external_message_id.startswith("aWdfZAG1")


def test_instagram_attachments_of_every_type():
    messages = by_id(parse("instagram", load("ig_attachments")))
    for mid, kind in [("IMAGE", "image"), ("VIDEO", "video"), ("AUDIO", "audio"),
                      ("FILE", "file"), ("SHARE", "share"), ("MENTION", "story_mention"),
                      ("REEL", "ig_reel")]:
        message = messages[f"ig.mid.{mid}"]
        assert message.kind == kind and message.text is None
        assert message.media[0].type == kind and message.media[0].url.startswith("https://")
    assert messages["ig.mid.REEL"].media[0].caption == "Antes e depois ✨"
    both = messages["ig.mid.TEXTIMAGE"]
    assert (both.kind, both.text, len(both.media)) == ("text", "Olha essa foto do meu dente", 2)
    assert both.media_json()["items"][1]["url"].endswith("asset_id=8")


def test_instagram_replies_to_a_story_or_a_message():
    messages = by_id(parse("instagram", load("ig_story_reply")))
    story = messages["ig.mid.STORYREPLY"]
    assert story.metadata["reply_to_story"]["id"] == "3400000000000000001"
    assert story.text == "Quanto custa esse tratamento?"
    assert messages["ig.mid.MSGREPLY"].metadata == {"reply_to": "ig.mid.OURQUESTION"}


def test_instagram_echoes_and_deletions_are_skipped_with_the_mid():
    parsed = parse("instagram", load("ig_echo_deleted"))
    assert parsed.messages == []
    assert parsed.skipped == ["echo ig.mid.ECHO", "deleted ig.mid.DELETED"]


def test_instagram_read_receipt_is_a_status_update():
    parsed = parse("instagram", load("ig_read"))
    [status] = parsed.statuses
    assert (status.channel, status.external_message_id, status.status) == (
        "instagram", "ig.mid.OUTBOUND01", "read")
    assert status.occurred_at == utc(1749418400)


def test_instagram_reactions_get_unique_ids():
    added, removed = parse("instagram", load("ig_reactions")).messages
    assert (added.kind, added.text) == ("reaction", "❤️")
    assert added.external_message_id == "ig.mid.OUTBOUND01:react:1749418500000"
    assert added.metadata == {"reaction_to": "ig.mid.OUTBOUND01", "reaction": "love"}
    assert removed.external_message_id == "ig.mid.OUTBOUND01:unreact:1749418560000"
    assert removed.metadata["removed"] is True and removed.text == "[reaction removed]"


def test_instagram_reaction_ids_keep_millisecond_precision():
    body = load("ig_reactions")
    body["entry"][0]["messaging"][0]["timestamp"] = 1749418500123
    added = parse("instagram", body).messages[0]
    assert added.external_message_id == "ig.mid.OUTBOUND01:react:1749418500123"


def test_instagram_standby_reads_like_messaging():
    [message] = parse("instagram", load("ig_standby")).messages
    assert (message.external_message_id, message.text) == ("ig.mid.STANDBY", "Ainda estão aí?")


def test_instagram_unsupported_keeps_a_placeholder():
    [message] = parse("instagram", load("ig_unsupported")).messages
    assert (message.kind, message.text) == ("unsupported", "[unsupported message]")


def test_instagram_n8n_entry_item_parses_like_the_raw_body():
    [message] = parse("instagram", load("ig_n8n_item")).messages
    assert message.text == "Via n8n"
    raw = load("ig_attachments")
    assert parse("instagram", raw["entry"]) == parse("instagram", raw)


def test_instagram_postbacks_and_other_events():
    body = {"object": "instagram", "entry": [{"id": "1", "time": 1749418000000, "messaging": [
        {"sender": {"id": "42"}, "recipient": {"id": "1"}, "timestamp": 1749418000000,
         "postback": {"mid": "ig.mid.PB", "title": "Ver horários", "payload": "HOURS"}},
        {"sender": {"id": "42"}, "recipient": {"id": "1"}, "timestamp": 1749418000001,
         "message_edit": {"mid": "ig.mid.X", "text": "editado", "num_edit": 1}}],
        "changes": [{"field": "comments", "value": {"text": "lindo!"}}]}]}
    parsed = parse("instagram", body)
    [postback] = parsed.messages
    assert (postback.kind, postback.text) == ("interactive", "Ver horários")
    assert postback.metadata["reply_payload"] == "HOURS"
    assert parsed.skipped == ["instagram field 'comments' ignored",
                              "instagram event message_edit ignored"]


def test_instagram_event_without_sender_is_refused_when_alone():
    body = load("ig_text")
    del body["entry"][0]["messaging"][0]["sender"]
    with pytest.raises(PayloadError, match="sender.id"):
        parse("instagram", body)


# --- Omni normalized format --------------------------------------------------------------

def test_omni_single_message():
    [message] = parse("whatsapp", load("omni_single")).messages
    assert message.sender.phone == "+5541988887777"
    assert message.sender.name == "João Pereira"
    assert message.text == "Olá, confirmo a consulta 👍"
    assert message.occurred_at == datetime(2025, 6, 9, 0, 39, 43, tzinfo=timezone.utc)
    assert message.metadata == {"n8n_execution_id": "4521"}


def test_omni_batch_with_every_timestamp_form():
    messages = parse("instagram", load("omni_batch")).messages
    assert [m.occurred_at for m in messages] == [utc(1749418000), utc(1749418001),
                                                 utc(1749418002)]
    assert [m.kind for m in messages] == ["text", "image", "text"]
    assert messages[1].media[0].caption == "Meu sorriso"
    assert messages[2].media[0].type == "document"
    assert all(m.channel == "instagram" for m in messages)  # the third names no channel


def omni(**overrides) -> dict:
    message = {"external_message_id": "m-1", "from": {"phone": "11987654321"}, "text": "oi",
               "timestamp": 1749418000}
    message.update(overrides)
    return {k: v for k, v in message.items() if v is not None}


@pytest.mark.parametrize("body, problem", [
    (omni(timestamp=None), "timestamp: Field required"),
    (omni(timestamp="ontem"), "is not ISO-8601"),
    (omni(timestamp=86400), "not a plausible time"),
    (omni(timestamp=4102444800), "not a plausible time"),
    (omni(external_message_id="  "), "external_message_id"),
    (omni(**{"from": {"phone": "12"}}), "not a valid phone number"),
    (omni(**{"from": {"name": "Ana"}}), "from.phone is required"),
    (omni(text=None), "needs text or media"),
    (omni(text="\x00 "), "needs text or media"),
    (omni(media=[{"mime_type": "image/png"}]), "url or a media_id"),
    (omni(channel="instagram"), "this endpoint takes 'whatsapp'"),
    (omni(channel="sms"), "channel"),
    ({"messages": []}, "messages"),
    ({"messages": [omni(), omni(timestamp="x")]}, "messages.1.timestamp"),
    ({"messages": [omni(), omni(**{"from": {}})]}, r"messages\[1\]: from.phone"),
])
def test_omni_errors_say_what_is_wrong(body, problem):
    with pytest.raises(PayloadError, match=problem):
        parse("whatsapp", body)


def test_omni_instagram_needs_the_instagram_id():
    with pytest.raises(PayloadError, match="instagram_id is required"):
        parse("instagram", omni(**{"from": {"name": "Ana"}}))


def test_omni_numbers_are_accepted_as_ids_and_extra_fields_ignored():
    [message] = parse("whatsapp", omni(external_message_id=12345, extra="ignored")).messages
    assert message.external_message_id == "12345"


def test_omni_json_schema_is_published():
    schema = json_schema()
    json.dumps(schema)
    assert len(schema["anyOf"]) == 2
    message = schema["$defs"]["OmniMessage"]
    assert set(message["required"]) == {"external_message_id", "from", "timestamp"}
    assert "phone" in schema["$defs"]["OmniSender"]["properties"]


# --- dispatch ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("wa_text", "whatsapp_cloud"), ("wa_n8n_item", "whatsapp_n8n"),
    ("wa_n8n_status_item", "whatsapp_n8n"), ("ig_text", "instagram"),
    ("ig_n8n_item", "instagram_n8n"), ("omni_single", "omni"), ("omni_batch", "omni"),
])
def test_detect_format(name, kind):
    assert detect_format(load(name)) == kind
    assert is_meta_body(load(name)) == (kind in ("whatsapp_cloud", "instagram"))


@pytest.mark.parametrize("channel, payload, problem", [
    ("whatsapp", b"{not json", "malformed JSON"),
    ("whatsapp", "42", "expected a JSON object"),
    ("whatsapp", [], "empty JSON array"),
    ("whatsapp", {"hello": "world"}, "unrecognized body.*hello"),
    ("whatsapp", {"object": "page", "entry": []}, "unsupported Meta object 'page'"),
    ("whatsapp", load("ig_text"), "takes whatsapp bodies; got a instagram body"),
    ("instagram", load("wa_text"), "takes instagram bodies; got a whatsapp body"),
    ("sms", load("wa_text"), "unknown channel"),
    ("whatsapp", [load("wa_text"), {"x": 1}], r"item \[1\]"),
])
def test_bodies_that_will_never_be_accepted(channel, payload, problem):
    with pytest.raises(PayloadError, match=problem):
        parse(channel, payload)


def test_parse_does_not_modify_the_payload():
    body = load("wa_multi_entry")
    before = copy.deepcopy(body)
    parse("whatsapp", body)
    assert body == before


# --- timestamps --------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    1749416383, "1749416383", 1749416383.0, 1749416383000, "1749416383000",
    "2025-06-08T20:59:43Z", "2025-06-08T20:59:43+00:00", "2025-06-08T17:59:43-03:00",
    "2025-06-08T20:59:43", "2025-06-08T20:59:43.000Z",
])
def test_timestamps_become_aware_utc(value):
    assert parse_timestamp(value) == utc(1749416383)


@pytest.mark.parametrize("value", [
    None, "", True, 0, -5, 946684799, "1749416383000000", 10**20, float("nan"),
    "2999-01-01T00:00:00Z", "08/06/2025", [1749416383], {"t": 1},
])
def test_absurd_timestamps_are_refused(value):
    with pytest.raises(PayloadError):
        parse_timestamp(value)
