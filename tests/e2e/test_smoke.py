"""The app builds, serves its home page in Chromium and talks to its backend over the websocket."""
from playwright.sync_api import Page, expect

from harness.browser import wait_for_backend


def test_home_page_loads_and_connects(page: Page, page_recorder):
    response = page.goto("/")
    assert response is not None and response.ok, response

    expect(page.get_by_text("Omni", exact=True).first).to_be_visible()
    wait_for_backend(page)
    assert page_recorder.page_errors == []
