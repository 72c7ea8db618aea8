"""The database agrees with the channel registry: integrations exist for exactly the registry's
channels, and conversations and messages accept each of them (a channel added on one side
only would fail at its first message)."""
from __future__ import annotations

import re

import psycopg
import pytest

from omni_app.channels import registry


def allowed_channels(app_lb, table: str) -> set[str]:
    with psycopg.connect(app_lb.admin_dsn) as conn:
        definitions = [row[0] for row in conn.execute(
            "select pg_get_constraintdef(oid) from pg_constraint "
            "where conrelid = %s::regclass and contype = 'c'", (f"public.{table}",)).fetchall()]
    [definition] = [d for d in definitions if re.match(r"CHECK \(\(channel = ANY", d)]
    return set(re.findall(r"'([a-z_]+)'::text", definition))


def test_integrations_exist_for_exactly_the_registrys_channels(app_lb):
    assert allowed_channels(app_lb, "integrations") == set(registry.NAMES)


@pytest.mark.parametrize("table", ["conversation_threads", "interactions"])
def test_conversations_and_messages_accept_every_registered_channel(app_lb, table):
    assert set(registry.NAMES) <= allowed_channels(app_lb, table)
