"""Smoke test of the series plugins on the real site: whatever series it holds, each part, its
series page, the index and the feeds agree. The rules themselves are tested on fixture sites
(test_series_build.py), so adding a part or an article never breaks this file."""

import re

import feedparser
import pytest


def text(tag):
    return " ".join(tag.get_text().split())


def series_pages(build, origin=""):
    """(URL, soup) of every series page, from the series index."""
    index = build.soup("/series/")
    urls = [a["href"] for a in index.select(".series-list h2 a")]
    assert urls, "the real site has a series"
    return [(url, build.soup(url.removeprefix(origin))) for url in urls]


def published_parts(page):
    """(URL, title) of each published part listed on a series page, in order."""
    return [(a["href"], text(a)) for a in page.select("ol.series-parts > li > h2 > a")]


def test_every_part_shows_its_place_and_the_same_parts_as_its_series_page(site):
    for url, page in series_pages(site):
        name = text(page.select_one("h1"))
        planned = len(page.select("ol.series-parts > li"))
        parts = published_parts(page)
        for number, (part_url, _) in enumerate(parts, start=1):
            soup = site.soup(part_url)
            assert text(soup.select_one(".series-part")) == (
                f"Part {number} of {planned} in the series {name}"
            )
            nav = soup.select_one(f'nav[aria-label="Series: {name}"]')
            links = [(a["href"], text(a)) for a in nav.select("ol.series-parts > li > a")]
            assert links == parts
            assert [a["href"] for a in nav.select('a[aria-current="page"]')] == [part_url]
            feeds = {a["href"] for a in page.select(".series-follow a[href^='/feeds/']")}
            assert feeds <= {link["href"] for link in soup.select('link[rel="alternate"]')}
        last = site.soup(parts[-1][0]).select_one(".series-nav")
        assert last.select_one(".series-next") is None
        assert last.select_one(".series-complete, .series-coming") is not None, url


def test_series_page_lists_every_part_with_summary_and_reading_time(site):
    for _, page in series_pages(site):
        # Numbered once, by the list itself.
        for number, li in enumerate(page.select("ol.series-parts > li"), start=1):
            assert li["value"] == str(number)
            if li.select_one("h2 a"):
                meta = text(li.select_one(".meta"))
                assert re.fullmatch(r"\d+ \w+ \d{4} · \d+ min read", meta), meta
                assert text(li.select_one("p:not(.meta)"))


def test_series_index_is_linked_from_the_header(site):
    header_links = [a["href"] for a in site.soup("/").select('nav[aria-label="Main"] a')]
    assert "/series/" in header_links


def full_text(entry):
    # Atom carries the article in <content>, RSS in <description>.
    return entry.content[0].value if "content" in entry else entry.summary


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_series_feeds_have_every_published_part_in_full_newest_first(site, kind):
    for _, page in series_pages(site):
        name = text(page.select_one("h1"))
        feed_url = next(
            a["href"] for a in page.select(".series-follow a") if a["href"].endswith(f".{kind}.xml")
        )
        parsed = feedparser.parse(site.path(feed_url).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.feed.title == f"{name} · Thriving Practice"
        titles = [title for _, title in published_parts(page)]
        assert [e.title for e in parsed.entries] == list(reversed(titles))
        assert all(len(full_text(e)) > 1000 for e in parsed.entries)


def test_published_series_feeds_and_links_are_absolute(publish_site):
    origin = "https://thrivingpractice.example"
    for url, page in series_pages(publish_site, origin):
        parts = published_parts(page)
        feeds = [a["href"] for a in page.select(".series-follow a[href$='.xml']")]
        assert feeds, url
        assert all(feed.startswith(origin + "/feeds/series/") for feed in feeds), url
        for feed in feeds:
            parsed = feedparser.parse(publish_site.path(feed.removeprefix(origin)).read_bytes())
            assert [e.id for e in parsed.entries] == [href for href, _ in reversed(parts)]
