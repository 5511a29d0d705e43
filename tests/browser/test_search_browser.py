"""Search in Chromium on the real site, served with the headers it ships (`_headers`, path by
path): typed in the header's field, answered on the search page with titles, links and
excerpts, under the search page's policy with no violation, by keyboard, with a screen
reader's live status, axe-clean in light and dark, and explained with JavaScript off."""

import shutil

import pytest

from tests.support import article, axe_violations
from tools.static_server import StaticServer

ARTICLE = "/the-case-for-reaching-out/"
QUERY = "referral"


@pytest.fixture(scope="module")
def shipped(site):
    """The real site with the response headers its `_headers` gives each path."""
    with StaticServer(site.output, rules=site.headers()) as server:
        yield server


def results(page):
    page.locator("#search-results li").first.wait_for()
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results li')].map(li => ({
            title: li.querySelector('h2 a').textContent,
            href: li.querySelector('h2 a').getAttribute('href'),
            excerpt: li.querySelector('p').innerHTML}))"""
    )


def test_typed_in_the_header_answered_on_the_search_page(shipped, watched):
    tab = watched(shipped.url, viewport={"width": 390, "height": 800})
    page = tab.page
    tab.goto(ARTICLE)
    # By keyboard alone: Tab from the page's start reaches the field.
    field = page.locator("header form[role=search] input")
    for _ in range(20):
        page.keyboard.press("Tab")
        if field.evaluate("f => f === document.activeElement"):
            break
    assert field.evaluate("f => f === document.activeElement")
    page.keyboard.type(QUERY)
    tab.collect()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{shipped.url}/search/?q={QUERY}"
    found = results(page)
    assert len(found) >= 3
    for result in found:
        assert result["title"]
        assert result["href"].startswith("/")
        assert "<mark>" in result["excerpt"]
    # Only article and page texts: no listing, no search page, no draft.
    assert not [r for r in found if r["href"] in ("/", "/search/", "/archives/")]
    assert not [r for r in found if r["href"].startswith(("/category/", "/tag/", "/drafts/"))]
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    count = int(status.inner_text().split()[0])
    assert count >= len(found)
    assert status.inner_text().startswith(f"{count} results for “{QUERY}”")
    # A result is a real page of the site.
    first = found[0]
    tab.collect()
    with page.expect_navigation():
        page.locator("#search-results a").first.click()
    assert page.url == shipped.url + first["href"]
    assert page.locator("h1").inner_text() == first["title"]
    tab.assert_clean()


def test_searching_again_on_the_page_and_finding_nothing(shipped, watched):
    tab = watched(shipped.url).goto("/search/")
    page = tab.page
    field = page.locator("main input[name=q]")
    field.fill("zzzyqx")
    field.press("Enter")
    status = page.locator("#search-status")
    status.filter(has_text="Nothing found").wait_for()
    assert page.locator("#search-results li").count() == 0
    assert page.url.endswith("/search/?q=zzzyqx")
    field.fill(QUERY)
    field.press("Enter")
    assert len(results(page)) >= 3
    tab.assert_clean()


def test_only_the_search_page_is_given_the_additions(shipped, watched):
    tab = watched(shipped.url)
    policies = {}
    for path in ("/search/", ARTICLE, "/", "/pagefind/pagefind.js"):
        policies[path] = tab.page.goto(shipped.url + path).headers["content-security-policy"]
    assert "'wasm-unsafe-eval'" in policies["/search/"]
    assert "connect-src 'self'" in policies["/search/"]
    for path in (ARTICLE, "/", "/pagefind/pagefind.js"):
        assert "wasm" not in policies[path]
        assert "connect-src" not in policies[path]


def search_page_events(tab, base):
    """Open the search page for QUERY in `tab`; returns (the workers it started, the
    console's warnings, the URLs it requested) once the results are shown."""
    workers, warnings, requested = [], [], []
    tab.page.on("worker", lambda worker: workers.append(worker.url))
    tab.page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    tab.page.on("request", lambda request: requested.append(request.url))
    tab.goto(f"/search/?q={QUERY}")
    results(tab.page)
    return workers, warnings, requested


def test_pagefind_searches_in_its_worker_under_the_workers_own_policy(shipped, watched):
    tab = watched(shipped.url, viewport={"width": 390, "height": 800})
    workers, warnings, requested = search_page_events(tab, shipped.url)
    assert workers == [f"{shipped.url}/pagefind/pagefind-worker.js"]
    # Not started again on the page's thread (Pagefind says so when it falls back), and the
    # script fetched early by the page's modulepreload is the one used: fetched once.
    assert [w for w in warnings if "Pagefind" in w or "preload" in w] == []
    assert requested.count(f"{shipped.url}/pagefind/pagefind.js") == 1
    policy = tab.page.request.get(f"{shipped.url}/pagefind/pagefind-worker.js").headers
    assert "'wasm-unsafe-eval'" in policy["content-security-policy"]
    tab.assert_clean()


def test_a_host_without_the_workers_rule_still_finds_on_the_page_thread(site, watched):
    # A host that gives the worker the site-wide policy: the worker cannot fetch the index,
    # and Pagefind searches on the page's thread, under the search page's policy.
    rules = {k: v for k, v in site.headers().items() if "worker" not in k}
    with StaticServer(site.output, rules=rules) as server:
        tab = watched(server.url)
        workers, _, _ = search_page_events(tab, server.url)
        assert workers
        assert len(results(tab.page)) >= 3
        assert "results for" in tab.page.locator("#search-status").inner_text()


def test_the_strict_policy_blocks_search_and_the_page_says_so(site, watched):
    # Control: under the site-wide policy (a host that ignores the search page's rule) the
    # recorder sees the blocked WebAssembly, and the reader is told to browse instead.
    strict = site.headers()["/*"]
    with StaticServer(site.output, headers=strict) as server:
        tab = watched(server.url).goto(f"/search/?q={QUERY}")
        tab.page.locator("#search-status", has_text="could not be loaded").wait_for()
        assert any("wasm" in v or "connect-src" in v for v in tab.violations())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_results_have_no_axe_violations(shipped, new_tab, width, scheme):
    tab = new_tab(viewport={"width": width, "height": 900}, color_scheme=scheme)
    assert tab.page.goto(f"{shipped.url}/search/?q={QUERY}").ok
    results(tab.page)
    assert axe_violations(tab.page) == []
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert tab.page.evaluate(overflow) <= 0


def test_with_javascript_off_the_page_says_how_to_browse(shipped, new_tab):
    tab = new_tab(java_script_enabled=False)
    page = tab.page
    assert page.goto(f"{shipped.url}{ARTICLE}").ok
    page.locator("header input[name=q]").fill(QUERY)
    with page.expect_navigation():
        page.locator("header input[name=q]").press("Enter")
    assert page.url == f"{shipped.url}/search/?q={QUERY}"
    text = page.locator("main").inner_text()
    assert "Searching needs JavaScript" in text
    for name in ("archives", "series", "categories"):
        link = page.get_by_role("link", name=name, exact=True)
        assert link.is_visible()
    assert page.locator("#search-results li").count() == 0
    # With JavaScript off Chromium does not fetch the preloaded module (it reports that as
    # blocked): nothing else may fail.
    bundle = f"{shipped.url}/pagefind/pagefind.js csp"
    assert [r for r in tab.failed_requests if r != bundle] == []


def test_more_results_by_keyboard(make_site, new_tab):
    build = make_site(
        {
            f"articles/a{n}.md": article(f"Walrus notes {n}", date=f"2026-01-{n:02} 09:00")
            for n in range(1, 26)
        }
    )
    assert build.errors == []
    with StaticServer(build.output, rules=build.headers()) as server:
        tab = new_tab()
        page = tab.page
        assert page.goto(f"{server.url}/search/?q=walrus").ok
        assert len(results(page)) == 10
        status = page.locator("#search-status")
        assert status.inner_text() == "25 results for “walrus”, the first 10 shown."
        more = page.get_by_role("button", name="More results")
        more.focus()
        page.keyboard.press("Enter")
        status.filter(has_text="the first 20 shown").wait_for()
        assert page.locator("#search-results li").count() == 20
        # Focus moved to the first of the new results.
        index = page.evaluate(
            "[...document.querySelectorAll('#search-results li')]"
            ".indexOf(document.activeElement.closest('li'))"
        )
        assert index == 10
        more.focus()
        page.keyboard.press("Enter")
        status.filter(has_text="25 results for “walrus”.").wait_for()
        assert page.locator("#search-results li").count() == 25
        assert more.is_hidden()
        assert tab.console_errors == []


def test_a_missing_pagefind_script_says_search_could_not_be_loaded(site, new_tab, tmp_path):
    # From a newcomer's try: an upload that missed pagefind.js (or a site with nothing to
    # index yet, which has no pagefind/) left the page saying "Searching…" for good.
    copy = tmp_path / "site"
    shutil.copytree(site.output, copy)
    (copy / "pagefind/pagefind.js").unlink()
    with StaticServer(copy, rules=site.headers()) as server:
        tab = new_tab()
        tab.page.goto(f"{server.url}/search/?q={QUERY}")
        tab.page.locator("#search-status", has_text="could not be loaded").wait_for()


def test_back_returns_to_the_search_before(shipped, new_tab):
    tab = new_tab()
    tab.page.goto(f"{shipped.url}/search/?q={QUERY}")
    first = [r["title"] for r in results(tab.page)]
    tab.page.fill("#search-query", "fees")
    tab.page.press("#search-query", "Enter")
    tab.page.locator("#search-status", has_text="“fees”").wait_for()
    tab.page.go_back()
    tab.page.locator("#search-status", has_text=f"“{QUERY}”").wait_for()
    assert tab.page.input_value("#search-query") == QUERY
    assert [r["title"] for r in results(tab.page)] == first
