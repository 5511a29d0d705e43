"""Feeds: valid, complete, absolute in the publish build, and discoverable from every page."""

import re

import feedparser
import pytest

ORIGIN = "https://thrivingpractice.example"


def feeds(build):
    found = sorted((build.output / "feeds").rglob("*.xml"))
    assert found, f"no feeds in {build.output}"
    return found


def parsed(path):
    return feedparser.parse(path.read_bytes())


def test_every_feed_entry_links_to_a_built_page(site):
    for feed in feeds(site):
        for entry in parsed(feed).entries:
            path = re.sub(r"^https?://[^/]+", "", entry.link)
            assert site.path(path).is_file(), (feed.name, entry.link)


def test_publish_feeds_are_absolute_and_complete(publish_site):
    for feed in feeds(publish_site):
        data = parsed(feed)
        assert data.bozo == 0, feed.name
        assert data.feed.link.startswith(ORIGIN)
        for entry in data.entries:
            assert entry.link.startswith(ORIGIN + "/"), entry.link
            assert entry.id.startswith("tag:thrivingpractice.example,"), entry.id
            body = entry.content[0].value if "content" in entry else entry.summary
            for url in re.findall(r'(?:href|src)="([^"]+)"', body):
                assert url.startswith(("https://", "http://", "#", "mailto:")), (entry.link, url)


@pytest.mark.parametrize("name", ["all.atom.xml", "referral-building.atom.xml"])
def test_atom_feed_metadata(publish_site, name):
    text = (publish_site.output / "feeds" / name).read_text(encoding="utf-8")
    assert 'xml:lang="en"' in text
    assert f'<link href="{ORIGIN}/feeds/{name}" rel="self"/>' in text
    data = feedparser.parse(text)
    assert data.feed.updated_parsed
    entry = data.entries[0]
    assert entry.published_parsed
    assert entry.updated_parsed
    # The newest entry carries its article's category and tags, as the article page shows them.
    page = publish_site.soup(entry.link.removeprefix(ORIGIN))
    links = page.select('main article a[href*="/category/"], main article a[href*="/tag/"]')
    shown = {a.get_text() for a in links}
    assert shown
    assert shown <= {tag.term for tag in entry.tags}


def test_rss_feed_declares_language_and_self(publish_site):
    text = (publish_site.output / "feeds" / "all.rss.xml").read_text(encoding="utf-8")
    assert "<language>en</language>" in text
    assert f'href="{ORIGIN}/feeds/all.rss.xml" rel="self"' in text


def test_every_page_advertises_the_site_feeds(site):
    for url, soup in site.pages():
        hrefs = {link["href"] for link in soup.select('head link[rel="alternate"]')}
        assert {"/feeds/all.atom.xml", "/feeds/all.rss.xml"} <= hrefs, url


def test_category_page_advertises_its_feed(site):
    soup = site.soup("/category/practice-management/")
    hrefs = {link["href"] for link in soup.select('head link[rel="alternate"]')}
    assert "/feeds/practice-management.atom.xml" in hrefs


def test_newsletter_page_lists_the_feeds(site):
    links = site.soup("/newsletter/").select(".feed-list a")
    hrefs = {a["href"] for a in links}
    assert {
        "/feeds/all.atom.xml",
        "/feeds/all.rss.xml",
        "/feeds/practice-management.atom.xml",
        "/feeds/series/building-referral-relationships.atom.xml",
        "/feeds/series/building-referral-relationships.rss.xml",
    } <= hrefs
    for href in hrefs:
        assert site.path(href).is_file(), href
