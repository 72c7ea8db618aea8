"""The API reference's example bodies are ones the webhooks accept: n8n users copy them."""
from __future__ import annotations

import pytest

from omni_app.api import webhook_reference
from omni_app.api.webhook_models import StatusCallback
from omni_app.channels import parse, registry

EXAMPLES = webhook_reference._EXAMPLES
STATUS_EXAMPLES = (webhook_reference.STATUS_CALLBACK["openapi_extra"]["requestBody"]["content"]
                   ["application/json"]["examples"])


def test_every_channel_has_examples_and_only_channels_do():
    assert set(EXAMPLES) == set(registry.NAMES)


@pytest.mark.parametrize(("channel", "example"), [
    (channel, example) for channel, examples in EXAMPLES.items() for example in examples],
    ids=lambda value: value)
def test_each_channel_example_parses_to_messages_on_its_endpoint(channel, example):
    parsed = parse(channel, EXAMPLES[channel][example]["value"])
    assert parsed.messages and not parsed.skipped
    assert {message.channel for message in parsed.messages} == {channel}


@pytest.mark.parametrize("example", sorted(STATUS_EXAMPLES))
def test_each_status_example_is_a_valid_callback(example):
    callback = StatusCallback.model_validate(STATUS_EXAMPLES[example]["value"])
    assert callback.status == STATUS_EXAMPLES[example]["value"]["status"]


def test_the_endpoints_document_the_examples():
    for channel in registry.NAMES:
        body = webhook_reference.inbound(channel)["openapi_extra"]["requestBody"]
        assert body["content"]["application/json"]["examples"] == EXAMPLES[channel]
