"""Merging suggested duplicates in Chromium: from /clients to "Possíveis duplicados", the pair
side by side, "Mesclar" confirmed, the list refreshed, and the kept client's profile showing
both identities (WhatsApp number and Instagram) and both conversations."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import Page, expect

from harness.clinics import new_company, new_member, patient_message, service_role
from tests.e2e.test_clients import open_clients

DESK = {"width": 1280, "height": 900}


def clinic_with_twins(app_lb, people=(("Rita Campos", "Rita Campos"),)) -> tuple[
        list[tuple[str, str]], tuple[str, str]]:
    """Each pair of names: one who wrote on WhatsApp, one on Instagram, the same e-mail; their
    (WhatsApp client, Instagram client) ids and a staff member's login."""
    service = service_role(app_lb)
    company = new_company(service, "Duplicados")
    member = new_member(service, company, role="staff", label="Duplicados")
    now, pairs = datetime.now(timezone.utc), []
    for index, (whatsapp_name, instagram_name) in enumerate(people):
        ids = []
        for sender in ({"phone": f"+551198765{index:04d}", "name": whatsapp_name},
                       {"instagram_id": f"perfil.{index}", "name": instagram_name}):
            wrote = service.rpc("ingest_inbound_message", patient_message(
                company, "Oi, tudo bem?", occurred_at=now - timedelta(hours=index + 1),
                **sender)).execute().data
            ids.append(wrote["client_id"])
        service.table("clients").update({"email": f"pessoa{index}@exemplo.com"}) \
            .in_("id", ids).execute()
        pairs.append((ids[0], ids[1]))
    return pairs, (member.email, member.password)


def open_duplicates(page: Page, login) -> None:
    open_clients(page, login)
    page.click("#clients-duplicates-link")
    page.wait_for_url(re.compile(r"/clients/duplicates$"))


def test_merge_a_suggested_pair_and_see_one_client_with_both(new_context, app_lb):
    [(whatsapp, instagram)], login = clinic_with_twins(app_lb)
    page = new_context(viewport=DESK).new_page()
    open_duplicates(page, login)
    pair = page.locator(f"#pair-{whatsapp}")
    expect(pair).to_contain_text("Nome parecido e um dado em comum")
    expect(page.locator(f"#duplicate-phone-{whatsapp}")).to_have_text("(11) 98765-0000")
    expect(pair).to_contain_text("@perfil.0")
    expect(page.locator(f"#keep-{whatsapp}")).to_be_checked()

    page.click(f"#merge-{whatsapp}")
    dialog = page.locator(f"#merge-dialog-{whatsapp}")
    expect(dialog).to_contain_text("Isso não pode ser desfeito")
    page.click(f"#confirm-merge-{whatsapp}")
    expect(page.locator("#duplicates-message")).to_have_text(
        "Rita Campos foi mesclado em Rita Campos.")
    expect(page.locator("#duplicates-empty")).to_be_visible()

    page.goto(f"/clients/{whatsapp}")
    expect(page.locator("#profile-phone")).to_contain_text("(11) 98765-0000")
    expect(page.locator("#profile-instagram")).to_contain_text("perfil.0")
    expect(page.locator("#profile-email")).to_contain_text("pessoa0@exemplo.com")
    threads = page.locator("#profile-threads [id^=thread-]")
    expect(threads).to_have_count(2)
    expect(page.locator("#profile-threads")).to_contain_text("WhatsApp")
    expect(page.locator("#profile-threads")).to_contain_text("Instagram")

    page.goto(f"/clients/{instagram}")
    expect(page.locator("#profile-not-found")).to_be_visible()
