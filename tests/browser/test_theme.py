"""The theme in a real browser: narrow screens, print, keyboard, and an article's weight."""

import io

import pytest
from PIL import Image

from tests.browser.test_accessibility import PAGE_TYPES
from tests.support import article, build_into, tiny_content, write_files
from tools.static_server import StaticServer

ARTICLE = "/the-case-for-reaching-out/"


def horizontal_overflow(new_tab, url, width):
    """How far the page at `url` scrolls sideways in a window `width` pixels wide."""
    tab = new_tab(viewport={"width": width, "height": 640})
    assert tab.page.goto(url).ok
    return tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_horizontal_scrolling_at_320px(server, new_tab, path):
    assert horizontal_overflow(new_tab, server.url + path, 320) <= 0


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


# Content this site's writers never produce, as real Pelican blogs have it: reStructuredText
# with a figure whose height is written in the text, math, a sidebar, a topic, a nested line
# block and a definition list; a title and a summary with a word too long for a phone.
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters"
KITCHEN = """\
Everything reStructuredText writes
##################################

:date: 2026-02-03 09:00
:category: Tests
:slug: kitchen

Term
    Its definition.

| A line block,
|     an indented line,
| and a third line.

.. sidebar:: Sidebar title

   Sidebar text.

.. topic:: Topic title

   Topic text.

.. figure:: {static}/images/wide.png
   :alt: An orange band
   :height: 600px

   The figure's caption.

.. math::

   \\frac{a + b}{c} = \\sum_{i=1}^{n} x_i^2 + y + z + w + v + u + t + s + r + q + p + o + n
"""


def png(width, height):
    data = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(data, format="PNG")
    return data.getvalue()


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("foreign")
    files = {
        "articles/kitchen.rst": KITCHEN,
        "articles/long.md": article(LONG_WORD, "2026-02-04 09:00", f"{LONG_WORD} " * 3),
        "images/wide.png": png(1600, 400),
    }
    build = build_into(
        root / "output",
        PATH=str(write_files(root / "content", tiny_content(files))),
        SERIES_INFO={},
    )
    assert build.errors == []
    # Without the Content-Security-Policy, as GitHub Pages serves it: inline styles apply.
    with StaticServer(build.output) as server:
        yield server


@pytest.mark.parametrize("path", ["/", "/kitchen/", f"/{LONG_WORD.lower()}/"])
def test_foreign_content_keeps_to_the_column_on_a_phone(foreign_site, new_tab, path):
    assert horizontal_overflow(new_tab, foreign_site.url + path, 390) <= 0


def test_an_image_with_a_height_in_the_text_keeps_its_proportions(foreign_site, new_tab):
    tab = new_tab(viewport={"width": 390, "height": 800})
    assert tab.page.goto(foreign_site.url + "/kitchen/").ok
    width, height = tab.page.evaluate(
        "(() => { const r = document.querySelector('.figure img').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    assert width < 390
    assert height == pytest.approx(width / 4, abs=1)


def test_restructuredtext_blocks_are_styled(foreign_site, new_tab):
    tab = new_tab()
    assert tab.page.goto(foreign_site.url + "/kitchen/").ok
    style = tab.page.evaluate(
        """() => {
            const css = s => getComputedStyle(document.querySelector(s));
            const left = s => document.querySelector(s).getBoundingClientRect().left;
            return {
                sidebar: css('.sidebar').borderLeftWidth,
                topic: css('.topic').borderLeftWidth,
                title: css('.topic-title').fontWeight,
                term: css('dt').fontWeight,
                indent: left('.line-block .line-block') - left('.line-block'),
            };
        }"""
    )
    assert style.pop("indent") > 16
    assert style == {"sidebar": "4px", "topic": "4px", "title": "700", "term": "700"}
