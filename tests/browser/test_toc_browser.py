"""Tables of contents and section links by keyboard (plugins/toc)."""

PART = "/mapping-referral-sources/"


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector`; its handle."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return page.evaluate_handle("document.activeElement")
    raise AssertionError(f"Tab never reached {selector}")


def test_section_link_and_table_of_contents_work_by_keyboard(server, new_tab):
    tab = new_tab(viewport={"width": 390, "height": 800})
    page = tab.page
    page.goto(server.url + PART)
    first = page.locator(".toc a").first
    target = first.get_attribute("href")
    tab_to(page, ".toc a")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {target!r}")
    assert page.locator(target).evaluate("h => h.getBoundingClientRect().top") < 100

    link = tab_to(page, ".section-link")
    box = link.evaluate("a => a.getBoundingClientRect().toJSON()")
    assert box["width"] >= 24
    assert box["height"] >= 24
    # Visible when focused, not only to screen readers.
    assert link.evaluate("a => getComputedStyle(a).outlineStyle") != "none"
    href = link.evaluate("a => a.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {href!r}")
    assert tab.console_errors == []
    assert tab.failed_requests == []
