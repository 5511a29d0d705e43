"""The hostile site of tests/site/test_hostile.py in Chromium: no injected script runs on any
page, with JavaScript on and the popup open. Served without a CSP on purpose: the policy
would block inline script and hide an escaping bug this test exists to catch."""

import pytest

from tests.site.test_hostile import POPUP, TITLES, build_hostile
from tools.static_server import StaticServer


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    build = build_hostile(tmp_path_factory.mktemp("hostile-browser"))
    assert build.errors == []
    with StaticServer(build.output) as server:
        server.build = build
        yield server


def test_no_injected_script_runs_on_any_page(hostile_server, new_tab):
    tab = new_tab()
    dialogs, requested = [], set()
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.page.on("request", lambda r: requested.add(r.url.removeprefix(hostile_server.url)))
    pages = [
        "/" + str(p.relative_to(hostile_server.build.output)).removesuffix("index.html")
        for p in hostile_server.build.html_pages()
    ]
    popups = 0
    for path in pages:
        # `#subscribe` opens the popup at load where there is one, running popup.js over
        # the hostile copy; elsewhere it is a harmless fragment.
        assert tab.page.goto(hostile_server.url + path + "#subscribe").ok or path == "/404.html"
        state = tab.page.evaluate(
            """() => ({
              pwned: typeof window.__pwned,
              popup: document.getElementById("subscribe-popup")?.open ?? null,
              heading: document.getElementById("subscribe-popup-heading")?.textContent ?? null,
            })"""
        )
        assert state["pwned"] == "undefined", path
        if state["popup"] is not None:
            popups += 1
            assert state["popup"] is True, path
        if path == "/about/":
            assert state["heading"] == POPUP["NEWSLETTER_POPUP_HEADING"]
        if path == "/part-1/":
            assert tab.page.title().startswith(TITLES["part-1"] + " · ")
    assert popups >= 4  # the published articles and the about page
    assert dialogs == []
    assert tab.console_errors == []
    # Only the pages and our own assets (the search page's: Pagefind's script): an injected
    # <img src=x> would ask for /x.
    assert {url.split("#")[0] for url in requested} - set(pages) == {
        url for url in requested if url.startswith(("/theme/", "/pagefind/"))
    }
