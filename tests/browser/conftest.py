"""Fixtures of the browser tests that more than one module uses."""

import pytest

from tests.browser.test_csp import Watched


@pytest.fixture
def watched(browser):
    """Open tabs that record every CSP violation: `watched(base_url, **context_options)`."""
    tabs = []

    def open_tab(base, **options):
        tabs.append(Watched(browser, base, **options))
        return tabs[-1]

    yield open_tab
    for tab in tabs:
        tab.close()
