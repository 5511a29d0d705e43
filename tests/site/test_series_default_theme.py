"""The series plugin on Pelican's default theme, which knows nothing of series: each part's
page gets the navigation in its text (plugins/series/in_content.py), and nothing else does;
a theme that shows series navigation itself (ours) gets it exactly once."""

import feedparser
import pytest

from tests.support import ROOT, article, build_into, tiny_content, write_files

SERIES = "Dogs & <Cats>"
# reStructuredText makes the title HTML (`Cats &amp; Co <em>rst</em>`); readers see its text.
RST_PART = """\
Cats & Co *rst*
###############

:date: 2026-02-02 09:00
:category: Tests
:series: Dogs & <Cats>
:series_index: 2
:slug: part-2

The text of part 2.
"""
CONTENT = {
    "articles/part-1.md": article(
        "Tom & Jerry",
        "2026-02-01 09:00",
        "The text of part 1.",
        Series=SERIES,
        Series_index=1,
        Slug="part-1",
    ),
    "articles/part-2.rst": RST_PART,
    # Scheduled: listed and announced, never linked.
    "articles/part-3.md": article(
        "Part 3", "2099-01-01 09:00", "Later.", Series=SERIES, Series_index=3, Slug="part-3"
    ),
    "articles/aside.md": article("An aside", "2026-02-10 09:00", "Not in a series.", Slug="aside"),
}
PLUGIN_PATHS = [str(ROOT / "plugins")]


def default_theme_site(tmp_path, plugins=("series",), **settings):
    """CONTENT with Pelican's defaults, its default theme included, and `plugins`."""
    content = write_files(tmp_path / "content", tiny_content(CONTENT))
    build = build_into(
        tmp_path / "output",
        conf=None,
        PATH=str(content),
        PLUGIN_PATHS=PLUGIN_PATHS,
        PLUGINS=list(plugins),
        TIMEZONE="UTC",
        WITH_FUTURE_DATES=False,
        **settings,
    )
    assert build.errors == []
    return build


def text(tag):
    return " ".join(tag.get_text().split())


def navigation(build, url):
    """(the "Part N of M" line, [(text, href) of the links at the end], the text at the end)."""
    body = build.soup(url).select_one(".entry-content")
    [part] = body.select("p.series-part")
    navs = body.select("nav.series-nav")
    assert len(navs) <= 1, url
    links = [(text(a), a["href"]) for a in navs[0].select("a")] if navs else []
    return part, links, text(navs[0]) if navs else ""


def test_each_part_shows_its_place_and_neighbours_on_the_default_theme(tmp_path):
    build = default_theme_site(tmp_path)
    first, links, _ = navigation(build, "/part-1.html")
    assert text(first) == "Part 1 of 3 in the series Dogs & <Cats>"
    assert first.a["href"] == "/series/dogs/"
    assert links == [("Next part: Cats & Co rst", "/part-2.html")]

    second, links, end = navigation(build, "/part-2.html")
    assert text(second) == "Part 2 of 3 in the series Dogs & <Cats>"
    assert links == [("Previous part: Tom & Jerry", "/part-1.html")]
    assert end.endswith("Part 3, “Part 3”, is coming soon.")
    # At the start and the end of the text, which stays whole in between.
    start, text_, end = (
        build.soup("/part-2.html").select_one(".entry-content").find_all(recursive=False)[-3:]
    )
    assert start["class"] == ["series-part"]
    assert text_.get_text() == "The text of part 2."
    assert end.name == "nav"


def test_names_and_titles_are_escaped_once(tmp_path):
    build = default_theme_site(tmp_path)
    html = build.path("/part-1.html").read_text(encoding="utf-8")
    assert "Dogs &amp; &lt;Cats&gt;</a>" in html
    assert build.soup("/part-1.html").find("cats") is None
    assert "Next part: Cats &amp; Co rst</a>" in html  # not `&amp;amp;`, no <em>


def test_the_scheduled_parts_preview_shows_itself_as_the_last_part(tmp_path):
    build = default_theme_site(tmp_path)
    part, links, _ = navigation(build, "/drafts/part-3.html")
    assert text(part) == "Part 3 of 3 in the series Dogs & <Cats>"
    assert links == [("Previous part: Cats & Co rst", "/part-2.html")]


def test_links_follow_relative_urls(tmp_path):
    build = default_theme_site(tmp_path, RELATIVE_URLS=True)
    part, links, _ = navigation(build, "/part-2.html")
    assert part.a["href"] == "./series/dogs/"
    assert build.path(part.a["href"].removeprefix(".")).is_file()
    assert links == [("Previous part: Tom & Jerry", "./part-1.html")]


def test_listings_and_pelicans_own_feeds_hold_no_navigation(tmp_path):
    build = default_theme_site(
        tmp_path, RSS_FEED_SUMMARY_ONLY=False, FEED_ALL_RSS="feeds/all.rss.xml"
    )
    # The default theme's home page shows the newest article in full, the others' summaries.
    for url in ("/index.html", "/category/tests.html", "/series/dogs/"):
        soup = build.soup(url)
        assert soup.select(".series-part, .series-nav") == [], url
        assert "Part 2 of 3" not in soup.get_text(), url
    feeds = sorted((build.output / "feeds").rglob("*.xml"))
    assert len(feeds) == 6  # site (Atom, RSS), category, the series' Atom and RSS
    for feed in feeds:
        entries = feedparser.parse(feed.read_bytes()).entries
        contents = [e.content[0].value if "content" in e else e.summary for e in entries]
        assert any("The text of part 2." in c for c in contents), feed
        # Only the two placeholders, invisible comments, are left.
        xml = feed.read_text(encoding="utf-8")
        assert "Part 2 of 3" not in xml, feed
        assert "Previous part" not in xml, feed


def test_the_feeds_plugins_entries_have_no_placeholders(tmp_path):
    # plain_titles gives the feeds the reStructuredText title as text.
    build = default_theme_site(
        tmp_path, plugins=("series", "feeds", "plain_titles"), RSS_FEED_SUMMARY_ONLY=False
    )
    feed = build.output / "feeds/series/dogs.atom.xml"
    entries = feedparser.parse(feed.read_bytes()).entries
    assert [entry.title for entry in entries] == ["Cats & Co rst", "Tom & Jerry"]
    for entry in entries:
        assert "series-" not in entry.content[0].value
        assert "Part " not in entry.content[0].value


def test_the_series_page_fits_the_default_theme(tmp_path):
    build = default_theme_site(tmp_path)
    page = build.soup("/series/dogs/")
    section = page.select_one("section#content.body")
    assert text(section.select_one("h1.entry-title")) == SERIES
    items = [text(li) for li in section.select("ol.series-parts > li")]
    assert items == [
        "Tom & Jerry Sun 01 February 2026",
        "Cats & Co rst Mon 02 February 2026",
        "Part 3 (coming soon)",
    ]
    assert page.html["lang"] == "en"
    feeds = page.select('head link[rel="alternate"][href*="feeds/series/"]')
    assert [link["href"] for link in feeds] == [
        "/feeds/series/dogs.atom.xml",
        "/feeds/series/dogs.rss.xml",
    ]


@pytest.mark.parametrize("setting", [False, None])
def test_none_when_turned_off_or_when_the_theme_shows_series_itself(tmp_path, setting):
    # A theme that reads article.series, two templates away from article.html, does it itself.
    overrides = write_files(
        tmp_path / "overrides",
        {
            "article.html": '{% extends "!theme/article.html" %}\n'
            '{% block title %}{% include "part.html" %}{% endblock %}\n',
            "part.html": "{{ article.title|striptags }}{% if article.series %} (a part){% endif %}",
        },
    )
    settings = {"SERIES_NAV_IN_CONTENT": False} if setting is False else {}
    build = default_theme_site(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)], **settings)
    soup = build.soup("/part-2.html")
    assert text(soup.title) == "Cats & Co rst (a part)"
    assert soup.select(".series-part, .series-nav") == []
    assert "<!--series-" not in build.path("/part-2.html").read_text(encoding="utf-8")


def test_forced_on_with_a_theme_that_shows_series(tmp_path):
    overrides = write_files(
        tmp_path / "overrides",
        {
            "article.html": '{% extends "!theme/article.html" %}'
            "{% block title %}{{ article.series.name }}{% endblock %}\n"
        },
    )
    build = default_theme_site(
        tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)], SERIES_NAV_IN_CONTENT=True
    )
    part, _, _ = navigation(build, "/part-2.html")
    assert text(part) == "Part 2 of 3 in the series Dogs & <Cats>"


def test_our_theme_shows_the_navigation_once_and_leaves_no_placeholder(make_site):
    build = make_site(CONTENT, SERIES_INFO={})
    assert build.errors == []
    for url in ("/part-1/", "/part-2/", "/drafts/part-3/"):
        soup = build.soup(url)
        assert len(soup.select(".series-part")) == 1, url
        assert len(soup.select("nav.series-nav")) == 1, url
        assert "<!--series-" not in build.path(url).read_text(encoding="utf-8"), url
    # The theme escapes the title's text once, as the plugin does.
    assert soup.select_one("a.series-previous").get_text(" ", strip=True) == (
        "Previous part: Cats & Co rst"
    )
