"""The header logo (plugins/site_logo) in Chromium: its room is kept before it loads, it fits a
320 px phone in proportion, stays legible in dark mode, and passes axe."""

import pytest

from tests.site.test_site_logo import SVG
from tests.support import article, axe_violations, build_into, write_files
from tools.static_server import StaticServer

# Wider than a 320 px phone at the logo's height (384 x 48), and dark: the hard case.
WIDE_LOGO = SVG.format(w=800, h=100)
HEADER_BOTTOM = "document.querySelector('.site-header nav').getBoundingClientRect().bottom"


def serve_site(tmp_path_factory, **settings):
    root = tmp_path_factory.mktemp("logo")
    content = write_files(
        root / "content",
        {
            "articles/a.md": article(Slug="a"),
            "pages/privacy.md": "Title: Privacy\nSlug: privacy\n\nWhat we keep.\n",
            "images/logo.svg": WIDE_LOGO,
            "images/logo-dark.svg": WIDE_LOGO.replace("#222", "#eee"),
        },
    )
    build = build_into(root / "output", PATH=str(content), SITE_LOGO="images/logo.svg", **settings)
    assert build.errors == []
    policy = build.headers()["/*"]
    return StaticServer(build.output, headers=policy)


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory):
    with serve_site(tmp_path_factory) as server:
        yield server


@pytest.fixture(scope="module")
def dark_variant_site(tmp_path_factory):
    with serve_site(tmp_path_factory, SITE_LOGO_DARK="images/logo-dark.svg") as server:
        yield server


PHONE = {"viewport": {"width": 320, "height": 640}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logo_fits_a_phone_in_proportion_and_passes_axe(logo_site, new_tab, scheme):
    tab = new_tab(color_scheme=scheme, **PHONE)
    assert tab.page.goto(logo_site.url + "/a/").ok
    logo = tab.page.locator(".site-title img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    box = logo.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 320
    assert box["width"] / box["height"] == pytest.approx(8, rel=0.01)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 320
    backing = logo.evaluate("img => getComputedStyle(img).backgroundColor")
    assert backing == ("rgb(251, 250, 247)" if scheme == "dark" else "rgba(0, 0, 0, 0)")
    assert axe_violations(tab.page) == []
    assert tab.console_errors == []
    assert tab.failed_requests == []


def test_the_header_keeps_the_logos_room_before_it_loads(logo_site, new_tab):
    tab = new_tab(viewport={"width": 1280, "height": 800})
    held = []
    # Answered only when released below.
    tab.page.route("**/images/logo.svg", lambda route: held.append(route))
    assert tab.page.goto(logo_site.url + "/a/", wait_until="domcontentloaded").ok
    logo = tab.page.locator(".site-title img")
    assert logo.evaluate("img => img.complete") is False
    before = tab.page.evaluate(HEADER_BOTTOM)
    assert logo.bounding_box()["height"] == 48
    held[0].continue_()
    logo.evaluate("img => img.decode()")
    size = logo.bounding_box()
    assert (size["width"], size["height"]) == (384, 48)
    assert tab.page.evaluate(HEADER_BOTTOM) == before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dark_variant_shows_in_dark_mode_only(dark_variant_site, new_tab, scheme):
    tab = new_tab(color_scheme=scheme, **PHONE)
    assert tab.page.goto(dark_variant_site.url + "/a/").ok
    logo = tab.page.locator(".site-title img")
    shown = logo.evaluate("img => img.currentSrc")
    assert shown.endswith("/images/logo-dark.svg" if scheme == "dark" else "/images/logo.svg")
    assert logo.evaluate("img => getComputedStyle(img).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert tab.console_errors == []
    assert tab.failed_requests == []
