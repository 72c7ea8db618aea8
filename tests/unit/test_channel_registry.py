"""What is derived from the channel registry follows it: a channel declared there gets its
webhook routes, API filter value, inbox filter, body formats and addressing without being
spelled anywhere else."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from omni_app.api import v1_models, webhooks
from omni_app.channels import PayloadError, omni_format, registry
from omni_app.state.inbox import CHANNEL_FILTERS


def test_every_channel_has_its_webhook_and_handshake_routes():
    routes = {(endpoint.method, endpoint.path) for endpoint in webhooks.ENDPOINTS}
    for name in registry.NAMES:
        assert {("POST", f"/webhooks/{name}"), ("GET", f"/webhooks/{name}")} <= routes


def test_filters_and_api_values_are_the_registrys():
    assert CHANNEL_FILTERS == ("all", *registry.NAMES)
    for name in registry.NAMES:
        assert v1_models.ConversationQuery(channel=name).channel == name
    with pytest.raises(ValidationError):
        v1_models.ConversationQuery(channel="fax")


def test_format_names_are_unique_across_channels():
    names = [f.name for c in registry.CHANNELS.values() for f in (c.meta_body, c.relayed_item)]
    assert len(names) == len(set(names)) and "omni" not in names


@pytest.mark.parametrize(("channel", "to"), [
    (registry.WHATSAPP, {"phone": "+5511987654321", "name": "Rita"}),
    (registry.INSTAGRAM, {"instagram_id": "rita.s", "name": "Rita"}),
], ids=["whatsapp", "instagram"])
def test_replies_are_addressed_by_the_channels_identity(channel, to):
    client = {"full_name": "Rita", "phone": "+5511987654321", "instagram_id": "rita.s"}
    assert channel.recipient(client) == to


def test_the_inbox_shows_a_handle_or_the_phone():
    assert registry.INSTAGRAM.contact("rita.s", "+5511987654321") == "@rita.s"
    assert registry.INSTAGRAM.contact(None, "+5511987654321") == "(11) 98765-4321"
    assert registry.WHATSAPP.contact("+5511987654321", "+5511987654321") == "(11) 98765-4321"
    assert registry.WHATSAPP.contact("+5491123456789", None) == "+54 9 11 2345-6789"


@pytest.mark.parametrize("channel", registry.CHANNELS.values(), ids=lambda c: c.name)
def test_an_omni_message_without_the_channels_identity_is_refused(channel):
    body = {"external_message_id": "m1", "timestamp": 1764603000, "from": {"name": "Rita"},
            "text": "oi"}
    with pytest.raises(PayloadError, match=f"from.{channel.identity} is required for "
                                           f"{channel.label}"):
        omni_format.parse(body, channel.name)
