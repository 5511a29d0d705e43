"""A reader walks each series of the site in a real browser: part 1 to the end by the "Next
part" links, and back by "Previous part", checking every title on the way."""

from tests.site.test_series_site import published_parts, series_pages


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


def test_walk_the_series_forwards_and_back(site, server, new_tab):
    for series_url, series_page in series_pages(site):
        walk(server, new_tab, series_url, published_parts(series_page))


def walk(server, new_tab, series_url, parts):
    tab = new_tab()
    page = tab.page
    page.goto(server.url + parts[0][0])
    forwards = [where(page, server.url)]
    while follow(page, "series-next"):
        forwards.append(where(page, server.url))
    assert forwards == [(url, title, title) for url, title in parts]

    backwards = [where(page, server.url)]
    while follow(page, "series-previous"):
        backwards.append(where(page, server.url))
    assert backwards == forwards[::-1]

    page.goto(server.url + parts[-1][0])
    page.locator(".series-nav h2 a").click()
    page.wait_for_load_state()
    assert page.url == server.url + series_url
    assert tab.console_errors == []
    assert tab.failed_requests == []
