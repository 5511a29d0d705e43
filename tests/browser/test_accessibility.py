"""axe-core (WCAG 2.2 AA, target size on): zero violations on every page type,
light and dark, narrow and wide."""

import pytest

from tests.support import axe_violations

PAGE_TYPES = {
    "home": "/",
    "series article": "/the-case-for-reaching-out/",
    "standalone article": "/evaluating-risk-in-a-small-business/",
    "series page": "/series/building-referral-relationships/",
    "series index": "/series/",
    "category": "/category/referral-building/",
    "tag": "/tag/referrals/",
    "archives": "/archives/",
    "page": "/about/",
    "privacy page": "/privacy/",
    "newsletter page": "/newsletter/",
    "404": "/404.html",
    # With a query: the results arrive a moment later (test_search_browser.py waits for them).
    "search page": "/search/?q=referral",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_axe_violations(server, new_tab, path, width, scheme):
    tab = new_tab(viewport={"width": width, "height": 900}, color_scheme=scheme)
    response = tab.page.goto(server.url + path)
    assert response.ok, response.status
    assert axe_violations(tab.page) == []


def test_dark_scheme_really_changes_colours(server, new_tab):
    backgrounds = {}
    for scheme in ("light", "dark"):
        tab = new_tab(color_scheme=scheme)
        tab.page.goto(server.url + "/")
        backgrounds[scheme] = tab.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds["light"] != backgrounds["dark"]
