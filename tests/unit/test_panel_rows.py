"""What the inbox's client panel renders from its reads: the phone in national form (WhatsApp
only when it is another number), the owner select keeping an owner who left, the next
appointment in the clinic's time zone (the analyst's snapshot: test_snapshot_rows.py)."""
from __future__ import annotations

from omni_app.i18n import CATALOGS
from omni_app.state.inbox_rows import Reader
from omni_app.state.panel_rows import client_card, next_appointment, owner_options

PT = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
EN = Reader("en", "America/Sao_Paulo", CATALOGS["en"])
MEMBERS = [{"id": "a", "full_name": "Ana", "email": "ana@x", "status": "active"},
           {"id": "b", "full_name": " ", "email": "bia@x", "status": "active"},
           {"id": "c", "full_name": "Caio", "email": "caio@x", "status": "disabled"}]


def test_the_card_reads_numbers_the_way_people_write_them():
    card = client_card({"id": "1", "full_name": "Rita", "phone": "+5511987650001",
                        "whatsapp_id": "5511987650001", "instagram_id": "rita.sorri",
                        "is_lead": False, "pipeline_stage": "won", "owner_id": None,
                        "tags": None})
    assert (card.phone, card.whatsapp, card.instagram) == ("(11) 98765-0001", "", "@rita.sorri")
    assert (card.lead, card.owner_id, card.tags) == (False, "", [])
    other = client_card({"id": "1", "phone": None, "whatsapp_id": "5521987650002"})
    assert (other.phone, other.whatsapp, other.name) == ("", "(21) 98765-0002", "")


def test_owner_choices_are_active_members_and_the_current_owner():
    assert [(o.id, o.name) for o in owner_options(MEMBERS, "")] == [("a", "Ana"),
                                                                    ("b", "bia@x")]
    assert [o.id for o in owner_options(MEMBERS, "c")] == ["a", "b", "c"]


def test_the_next_appointment_in_the_clinics_time_and_the_readers_words():
    row = {"starts_at": "2026-03-10T17:30:00+00:00", "status": "scheduled", "service_name": "",
           "professional_id": "a"}
    shown = next_appointment(row, MEMBERS, PT)
    assert (shown.when, shown.service, shown.professional, shown.status_label) == (
        "10/03/2026 14:30", "Sem serviço definido", "com Ana", "Agendado")
    assert next_appointment({**row, "professional_id": None}, MEMBERS, EN).professional == ""
    assert next_appointment(None, MEMBERS, PT).when == ""

