"""The built site loads in a real browser without errors."""

import pytest


@pytest.mark.parametrize("path", ["/", "/referrals-start-with-service/", "/about/"])
def test_page_loads_cleanly(server, new_tab, path):
    tab = new_tab()
    response = tab.page.goto(server.url + path)
    assert response.status == 200
    assert tab.page.locator("h1").count() == 1
    assert tab.console_errors == []
    assert tab.failed_requests == []


def test_unknown_address_gets_the_helpful_404(server, new_tab):
    tab = new_tab()
    response = tab.page.goto(server.url + "/no-such-page/")
    assert response.status == 404
    assert tab.page.locator("h1").inner_text() == "Page not found"
    assert tab.page.locator("main a").count() >= 5
    # The only failure is the missing page itself: its stylesheet and icon still load.
    assert tab.failed_requests == [f"{server.url}/no-such-page/ 404"]
    assert tab.page.evaluate("getComputedStyle(document.body).margin") == "0px"
