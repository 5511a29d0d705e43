"""The theme in a real browser: narrow screens, print, keyboard, and an article's weight."""

import pytest

from tests.browser.test_accessibility import PAGE_TYPES

ARTICLE = "/the-case-for-reaching-out/"


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_horizontal_scrolling_at_320px(server, new_tab, path):
    tab = new_tab(viewport={"width": 320, "height": 640})
    assert tab.page.goto(server.url + path).ok
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_article_prints_without_navigation_or_forms(server, new_tab):
    tab = new_tab()
    assert tab.page.goto(server.url + ARTICLE).ok
    tab.page.emulate_media(media="print")
    hidden = tab.page.evaluate(
        """() => [...document.querySelectorAll(
            'body > header nav, body > footer, form, dialog, .skip-link, nav[aria-label]'
        )].filter(el => getComputedStyle(el).display !== 'none')
          .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert hidden == []
    assert tab.page.locator("article h1").is_visible()
    assert tab.page.locator(".post-body p").first.is_visible()


def test_skip_link_is_first_and_moves_focus_to_main(server, new_tab):
    tab = new_tab()
    assert tab.page.goto(server.url + ARTICLE).ok
    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("document.activeElement.className") == "skip-link"
    assert tab.page.locator(".skip-link").is_visible()
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible(server, new_tab):
    tab = new_tab()
    assert tab.page.goto(server.url + ARTICLE).ok
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Tab")
    outline = tab.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_article_page_weight_and_requests(server, new_tab):
    """HTML + CSS + JS + icons of an article: at most 40 KB uncompressed, in at most 4 requests."""
    tab = new_tab()
    sizes = {}
    tab.page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
    assert tab.page.goto(server.url + ARTICLE, wait_until="networkidle").ok
    assert tab.failed_requests == []
    assert len(sizes) <= 4, sorted(sizes)
    assert sum(sizes.values()) <= 40 * 1024, sizes
    assert any(url.endswith(".css") for url in sizes)
