"""Theme structure on every generated page: landmarks, headings, assets, no third parties."""

import json
import re
import shutil

import feedparser
import pytest

from tests.support import ROOT, article


def test_every_page_has_one_h1_landmarks_and_a_working_skip_link(site):
    for name, soup in site.pages():
        assert len(soup.find_all("h1")) == 1, name
        assert soup.html["lang"] == "en", name
        assert soup.select_one("body > header"), name
        assert soup.select_one("body > footer"), name
        main = soup.find_all("main")
        assert len(main) == 1, name
        skip = soup.select_one("body > a.skip-link")
        assert skip["href"] == "#" + main[0]["id"], name
        assert soup.select_one('nav[aria-label="Main"]'), name


def test_every_page_loads_one_fingerprinted_stylesheet_and_at_most_one_script(site):
    for name, soup in site.pages():
        sheets = soup.select('link[rel="stylesheet"]')
        assert len(sheets) == 1, name
        assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", sheets[0]["href"]), name
        scripts = soup.find_all("script", src=True)
        assert len(scripts) <= 1, name
        for script in scripts:
            assert re.fullmatch(r"/theme/js/\w+\.[0-9a-f]{10}\.js", script["src"]), name
            assert script.has_attr("defer"), name
        inline = [
            s for s in soup.find_all("script", src=False) if s.get("type") != "application/ld+json"
        ]
        assert inline == [], name
        assert not soup.find_all(style=True), f"{name}: inline style attributes break a strict CSP"
        assert not soup.find_all("style"), name
        assert soup.select_one('link[rel="icon"]')["href"] == "/theme/favicon.svg"


def test_no_third_party_resources(site):
    for name, soup in site.pages():
        for tag in soup.find_all(["script", "img", "iframe", "link", "source", "video", "audio"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if url and tag.get("rel") not in (["canonical"], ["alternate"]):
                assert not re.match(r"(https?:)?//", url), f"{name}: {url}"
    css = next((site.output / "theme" / "css").glob("site.*.css")).read_text()
    assert "@import" not in css
    assert not re.search(r"url\((['\"])?(https?:)?//", css)


def test_article_header_shows_dates_reading_time_category_and_tags(site):
    soup = site.soup("/evaluating-risk-in-a-small-business/")
    header = soup.select_one("article header")
    published = header.select_one("time[datetime]")
    assert published["datetime"].startswith("2026-03-17T09:00:00")
    assert published.get_text(strip=True) == "17 March 2026"
    assert re.search(r"\b\d+ min read\b", header.get_text())
    assert header.select_one('a[href="/category/practice-management/"]')
    assert soup.select('.tags a[href^="/tag/"]')


def test_updated_date_is_shown_when_an_article_is_modified(make_site):
    result = make_site(
        {"articles/a.md": article(title="Changed", Modified="2026-02-03 10:00", Slug="changed")}
    )
    assert result.errors == []
    times = result.soup("/changed/").select("article header time[datetime]")
    assert [t["datetime"][:10] for t in times] == ["2026-01-01", "2026-02-03"]


@pytest.mark.parametrize("path", ["/", "/archives/", "/categories/", "/tags/", "/tag/referrals/"])
def test_listings_link_to_articles(site, path):
    links = site.soup(path).select("main a[href]")
    assert links
    for link in links:
        assert site.path(link["href"]).is_file(), link["href"]


def test_favicon_is_svg(site):
    text = (site.output / "theme" / "favicon.svg").read_text()
    assert text.startswith("<svg")
    assert "viewBox" in text


def test_home_page_introduces_the_series(site):
    feature = site.soup("/").select_one(".series-feature")
    hrefs = [a["href"] for a in feature.select("a")]
    assert hrefs == ["/series/building-referral-relationships/", "/referrals-start-with-service/"]


def test_asset_directories_and_unminified_bundles_follow_the_settings(make_site, tmp_path):
    # The theme's sources moved to src/: ASSET_BUNDLES_SOURCE_DIR must be what finds them.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "assets").rename(theme / "src")
    build = make_site(
        {"articles/one.md": article()},
        THEME=str(theme),
        ASSET_BUNDLES_SOURCE_DIR="src",
        ASSET_BUNDLES_OUTPUT_DIR="static/bundles",
        ASSET_BUNDLES_MINIFY=False,
    )
    assert build.errors == []
    sheet = build.soup("/an-article/").select_one('link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/static/bundles/css/site\.[0-9a-f]{10}\.css", sheet)
    bundle = build.path(sheet).read_text()
    assert bundle.rstrip() == (theme / "src" / "css" / "site.css").read_text().rstrip()
    assert not (build.output / "theme" / "css").exists()


# Content this site's writers never produce: reStructuredText, as real Pelican blogs write it.
RST_ARTICLE = """\
Tom & Jerry: "quotes" and *emphasis*
####################################

:date: 2026-02-03 09:00
:category: Tests
:slug: kitchen
:summary: Everything reStructuredText writes.

Inline math :math:`E = mc^2` in a sentence.

.. math::

   \\frac{a + b}{c} = \\sum_{i=1}^{n} x_i^2
"""
RST_TITLE = "Tom & Jerry: “quotes” and emphasis"


def test_a_restructuredtext_title_reads_as_its_text_everywhere(make_site):
    # Pelican's reStructuredText reader gives `Tom &amp; Jerry: &quot;quotes&quot; and
    # <em>emphasis</em>`; the theme escapes titles (plugins/plain_titles).
    build = make_site({"articles/kitchen.rst": RST_ARTICLE})
    assert build.errors == []
    soup = build.soup("/kitchen/")
    assert soup.h1.get_text() == RST_TITLE
    assert soup.title.get_text().startswith(RST_TITLE + " · ")
    assert soup.select_one('meta[property="og:title"]')["content"] == RST_TITLE
    scripts = soup.select('script[type="application/ld+json"]')
    [posting] = [
        d for d in map(json.loads, (s.string for s in scripts)) if d["@type"] == "BlogPosting"
    ]
    assert posting["headline"] == RST_TITLE
    assert build.soup("/").select_one(".post-list h2 a").get_text() == RST_TITLE
    entry = feedparser.parse((build.output / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert entry.title == RST_TITLE


def test_restructuredtext_math_is_mathml(make_site):
    build = make_site({"articles/kitchen.rst": RST_ARTICLE})
    body = build.soup("/kitchen/").select_one(".post-body")
    assert [m.get("display") for m in body.find_all("math")] == [None, "block"]
    assert body.select(".formula") == []  # docutils' HTML math, which needs its own stylesheet


def test_the_home_page_heading_is_a_setting(make_site):
    files = {"articles/a.md": article()}
    assert make_site(files, HOME_HEADING=None).soup("/").h1.get_text() == "Articles"
    heading = make_site(files, HOME_HEADING="Notes & essays").soup("/").h1.get_text()
    assert heading == "Notes & essays"


def test_no_series_link_and_no_series_box_on_a_site_without_series(make_site):
    build = make_site({"articles/a.md": article()}, SERIES_INFO={})
    soup = build.soup("/")
    menu = [a.get_text() for a in soup.select('nav[aria-label="Main"] a')]
    assert menu == ["Articles", "Archives"]
    assert soup.select(".series-feature") == []


def test_more_than_two_series_share_one_box_on_the_home_page(make_site):
    files = {
        f"articles/{name}-{n}.md": article(
            f"{name} {n}", f"2026-01-0{n} 09:00", Series=name, Series_index=n, Slug=f"{name}-{n}"
        )
        for name in ("alpha", "beta", "gamma")
        for n in (1, 2)
    }
    boxes = make_site(files, SERIES_INFO={}).soup("/").select(".series-feature")
    assert len(boxes) == 1
    assert [li.get_text(" ", strip=True) for li in boxes[0].select("li")] == [
        "alpha (2 parts)",
        "beta (2 parts)",
        "gamma (2 parts)",
    ]
    assert boxes[0].select_one("a")["href"] == "/series/alpha/"


def test_without_menu_header_the_menu_is_pelicans_own(make_site):
    # A migrated site keeps its menu: its pages (DISPLAY_PAGES_ON_MENU) and its MENUITEMS.
    files = {"pages/about.md": "Title: About me\n\nHello.\n", "pages/cv.md": "Title: CV\n\nWork.\n"}
    build = make_site(files, MENU_HEADER=None, MENUITEMS=[("Code", "https://example.org/code")])
    assert build.errors == []
    labels = [a.get_text() for a in build.soup("/").select(".site-header nav a")]
    assert {"About me", "CV", "Code"} <= set(labels)
    assert build.soup("/").select_one("a[href='/about-me/']") is not None
    build = make_site(files, MENU_HEADER=None, DISPLAY_PAGES_ON_MENU=False)
    assert "CV" not in [a.get_text() for a in build.soup("/").select(".site-header nav a")]
