"""A reader walks the referral series in a real browser: part 1 to the end by the "Next part"
links, and back by "Previous part", checking every title on the way."""

from tests.site.test_series_site import PARTS, SERIES_URL


def follow(page, link_class):
    """Click the series nav's link of that class; False when there is none."""
    link = page.locator(f".series-nav a.{link_class}")
    if link.count() == 0:
        return False
    assert link.bounding_box()["height"] >= 24  # WCAG 2.2 target size
    link.click()
    page.wait_for_load_state()
    return True


def where(page, origin):
    """(path, page heading, part marked current in the series list)."""
    current = page.locator(".series-nav ol [aria-current='page']")
    return page.url.removeprefix(origin), page.locator("h1").inner_text(), current.inner_text()


def test_walk_the_series_forwards_and_back(server, new_tab):
    tab = new_tab()
    page = tab.page
    page.goto(server.url + PARTS[0][0])
    forwards = [where(page, server.url)]
    while follow(page, "series-next"):
        forwards.append(where(page, server.url))
    assert forwards == [(url, title, title) for url, title in PARTS]
    assert "the series is complete" in page.locator(".series-complete").inner_text()

    backwards = [where(page, server.url)]
    while follow(page, "series-previous"):
        backwards.append(where(page, server.url))
    assert backwards == forwards[::-1]

    page.goto(server.url + PARTS[-1][0])
    page.locator(".series-complete a").click()
    page.wait_for_load_state()
    assert page.url == server.url + SERIES_URL
    assert tab.console_errors == []
    assert tab.failed_requests == []
