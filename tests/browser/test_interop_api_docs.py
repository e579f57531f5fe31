"""The API documentation page renders in a real browser, offline, under the CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_swagger_page_lists_the_operations_without_any_outside_request(page, live_server):
    outside, console_errors = [], []
    page.on(
        "request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url)
    )
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/indicateurs" in p for p in paths)
    assert len(paths) >= 7
    assert outside == []
    assert not [e for e in console_errors if "Content Security Policy" in e]
