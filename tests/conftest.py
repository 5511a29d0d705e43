"""Shared fixtures: the real site built once per run (development and publish settings),
a builder for tiny sites in tmp_path, a static server and a headless Chromium."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support import PUBLISH_CONF, Tab, build_into, tiny_content, write_files
from tools import chromium
from tools.static_server import StaticServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _built(output, **kwargs):
    result = build_into(output, **kwargs)
    assert result.errors == [], f"the real site must build cleanly: {result.errors}"
    return result


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, development settings."""
    return _built(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    """The real site, production settings (absolute URLs)."""
    return _built(tmp_path_factory.mktemp("publish") / "output", conf=PUBLISH_CONF)


@pytest.fixture
def make_site(tmp_path):
    """Build a tiny site from {path: text} content files and setting overrides.

    Returns a `Build`; `errors` holds the messages of the errors logged.
    """

    def make(files, conf=None, **settings):
        content = write_files(tmp_path / "content", tiny_content(files))
        kwargs = {"conf": conf} if conf else {}
        return build_into(tmp_path / "output", PATH=str(content), **kwargs, **settings)

    return make


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site.output) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium.executable(pw), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_tab(browser):
    """Open tabs in fresh browser contexts: `new_tab(**context_options) -> Tab`."""
    contexts = []

    def open_tab(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return Tab.open(context)

    yield open_tab
    for context in contexts:
        context.close()
