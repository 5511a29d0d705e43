"""Lighthouse (mobile, as `make audit` runs it) on the production build: 100 in all four
categories on every page type, the search page with its results for "referral" included."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support import run_make
from tools import audit, chromium


@pytest.fixture(scope="module")
def audited():
    """(address of the served production build, Chromium's path), Lighthouse installed as
    `make audit` installs it."""
    installed = run_make("tools/audit/node_modules/.installed", timeout=600)
    assert installed.returncode == 0, f"Lighthouse could not be installed: {installed.stderr}"
    with sync_playwright() as pw:
        browser = chromium.executable(pw)
    with audit.production_site() as url:
        assert url, "the production build failed"
        yield url, browser


@pytest.mark.parametrize("path", audit.PAGES.values(), ids=audit.PAGES.keys())
def test_every_page_type_scores_100_in_every_category(audited, path):
    url, browser = audited
    assert audit.scores(url + path, browser) == dict.fromkeys(audit.CATEGORIES, 100)
