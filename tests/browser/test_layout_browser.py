"""Narrow screens: nothing overflows the page at 320px, the header's links stay on one line,
and a wide table scrolls inside its own box."""

import pytest

from tests.browser.test_accessibility import PAGE_TYPES


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_nothing_overflows_the_page_at_320px(server, new_tab, path):
    tab = new_tab(viewport={"width": 320, "height": 700})
    tab.page.goto(server.url + path)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_header_links_fit_one_line(server, new_tab, width):
    tab = new_tab(viewport={"width": width, "height": 700})
    tab.page.goto(server.url + "/")
    tops = tab.page.eval_on_selector_all(
        ".site-header .nav-list a", "links => links.map(a => a.getBoundingClientRect().top)"
    )
    assert len(tops) >= 4
    assert len(set(tops)) == 1, tops


def test_a_wide_table_scrolls_in_its_box_by_keyboard(server, new_tab):
    tab = new_tab(viewport={"width": 320, "height": 700})
    page = tab.page
    page.goto(server.url + "/nurturing-referral-relationships/")
    box = page.locator(".table-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll').scrollLeft > 0", timeout=5000)
    # The cue: a shade drawn on the box's edge (a background image, since there is no script).
    assert "gradient" in box.evaluate("b => getComputedStyle(b).backgroundImage")
